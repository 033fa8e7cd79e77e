import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrations } from './migrations.ts';

/** File name of the workspace database inside the data dir. */
export const DATABASE_FILE = 'botbench.sqlite';

/**
 * Opens (or creates) the workspace database. `dataDir: null` keeps it in memory, for tests
 * that do not restart. WAL with synchronous=NORMAL: a committed transaction survives the
 * process being killed (it is in the WAL file), which is the durability the platform promises;
 * only a power loss could lose the last transactions.
 */
export function openDatabase(dataDir: string | null, file = DATABASE_FILE, steps: readonly string[] = migrations): DatabaseSync {
  let location = ':memory:';
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    location = join(dataDir, file);
  }
  const db = new DatabaseSync(location);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  migrate(db, steps);
  return db;
}

function migrate(db: DatabaseSync, steps: readonly string[]): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let version = row.user_version; version < steps.length; version++) {
    const step = steps[version]!;
    transaction(db, () => {
      db.exec(step);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}

/** The open group commit of each database, so a plain transaction can commit it first. */
const batches = new WeakMap<DatabaseSync, GroupCommit>();

/**
 * Runs `work` in one transaction: all of it commits, or none of it does. An open group commit
 * is committed first, so whatever this transaction's caller then sends follows every commit
 * before it.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  batches.get(db)?.flushUnlessInside();
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Group commit: the writes of one event-loop turn share one transaction. `run(work)` runs `work`
 * at once inside a savepoint of the turn's transaction (a throw undoes only that unit) and
 * resolves after the COMMIT that made it durable, which happens on `setImmediate`, once the
 * turn's other requests have added theirs. Callers answer or broadcast only after awaiting it,
 * so nothing is promised before it is on disk; a failed COMMIT rejects every unit in it.
 */
export class GroupCommit {
  readonly #db: DatabaseSync;
  #open = false;
  #depth = 0;
  #waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];

  constructor(db: DatabaseSync) {
    this.#db = db;
    batches.set(db, this);
  }

  run<T>(work: () => T): Promise<T> {
    // Inside someone's plain transaction (or a unit of ours), be part of it: it commits it.
    if (this.#db.isTransaction && !this.#open) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (!this.#open) {
      this.#db.exec('BEGIN IMMEDIATE');
      this.#open = true;
      setImmediate(() => this.flush());
    }
    let result: T;
    this.#db.exec('SAVEPOINT unit');
    this.#depth++;
    try {
      result = work();
      this.#db.exec('RELEASE unit');
    } catch (error) {
      this.#db.exec('ROLLBACK TO unit');
      this.#db.exec('RELEASE unit');
      return Promise.reject(error);
    } finally {
      this.#depth--;
    }
    return new Promise<T>((resolve, reject) => this.#waiters.push({ resolve: () => resolve(result), reject }));
  }

  /** Commits the turn's transaction now (a plain transaction is about to start, or the platform stops). */
  flush(): void {
    if (!this.#open) return;
    this.#open = false;
    const waiters = this.#waiters.splice(0);
    try {
      this.#db.exec('COMMIT');
    } catch (error) {
      try {
        this.#db.exec('ROLLBACK');
      } catch {
        // Already rolled back by SQLite.
      }
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    for (const waiter of waiters) waiter.resolve();
  }

  /** A transaction() called from inside one of our units is part of that unit, not a reason to commit. */
  flushUnlessInside(): void {
    if (this.#depth === 0) this.flush();
  }
}

import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { migrations } from './migrations.ts';
import { makePrivateDatabase, makePrivateDir } from './private-files.ts';

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
    makePrivateDir(dataDir);
    location = join(dataDir, file);
    makePrivateDatabase(location);
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

/** The group commit of each database, so a plain transaction can commit its waiting units first. */
const batches = new WeakMap<DatabaseSync, GroupCommit>();
/** What to tell after each COMMIT of a database (its checkpointer: there are new WAL pages to copy). */
const commitListeners = new WeakMap<DatabaseSync, () => void>();

/** Calls `listener` after every transaction or group commit of `db` commits; one listener per database. */
export function onCommit(db: DatabaseSync, listener: (() => void) | null): void {
  if (listener) commitListeners.set(db, listener);
  else commitListeners.delete(db);
}

/** What to do once the open transaction of each database commits (dropped if it rolls back). */
const afterCommitQueues = new WeakMap<DatabaseSync, Array<() => void>>();

/**
 * Runs `action` once what was written so far is committed: at once outside a transaction (a
 * lone statement commits itself), else right after the open transaction's (or group commit's)
 * COMMIT, and never if it rolls back. So nobody hears of a write that may yet be undone.
 */
export function afterCommit(db: DatabaseSync, action: () => void): void {
  if (!db.isTransaction) return action();
  const queue = afterCommitQueues.get(db);
  if (queue) queue.push(action);
  else afterCommitQueues.set(db, [action]);
}

function pendingAfterCommit(db: DatabaseSync): number {
  return afterCommitQueues.get(db)?.length ?? 0;
}

/** Forgets what was to follow writes that were rolled back (all of them, or those after `keep`). */
function dropAfterCommit(db: DatabaseSync, keep = 0): void {
  const queue = afterCommitQueues.get(db);
  if (queue) queue.length = keep;
}

/** After a COMMIT: the commit listener, then each waiting action; none of them can undo the commit. */
function committed(db: DatabaseSync): void {
  commitListeners.get(db)?.();
  const queue = afterCommitQueues.get(db);
  if (!queue || queue.length === 0) return;
  afterCommitQueues.delete(db);
  for (const action of queue) {
    try {
      action();
    } catch (error) {
      console.error('Botbench: an after-commit action failed', error);
    }
  }
}

/**
 * Runs `work` in one transaction: all of it commits, or none of it does. Units waiting in a
 * group commit are committed first, so whatever this transaction's caller then sends follows
 * every write requested before it.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  batches.get(db)?.flush();
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  let result: T;
  try {
    result = work();
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    dropAfterCommit(db);
    throw error;
  }
  // After the try, as in GroupCommit.flush: what a listener does cannot turn a commit into a rollback.
  committed(db);
  return result;
}

interface Unit {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the writes requested in one event-loop turn share one transaction. `run(work)`
 * queues `work`; on `setImmediate`, once the turn's other requests have queued theirs, `flush()`
 * runs every unit in its own savepoint of one transaction (a throw undoes and rejects only that
 * unit) and commits; each promise resolves only after that COMMIT returned, and all reject if it
 * fails. Callers answer or broadcast only after awaiting it, so nothing is promised before it is
 * on disk. No transaction stays open between turns: a plain write elsewhere (an admin request,
 * an ack) commits on its own and never rides, unacknowledged, in a batch.
 */
export class GroupCommit {
  readonly #db: DatabaseSync;
  /** Prepared once: exec() would parse these statements again for every batch or unit. */
  readonly #begin: StatementSync;
  readonly #commit: StatementSync;
  readonly #savepoint: StatementSync;
  readonly #release: StatementSync;
  readonly #rollbackTo: StatementSync;
  #units: Unit[] = [];
  #flushing = false;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#begin = db.prepare('BEGIN IMMEDIATE');
    this.#commit = db.prepare('COMMIT');
    this.#savepoint = db.prepare('SAVEPOINT unit');
    this.#release = db.prepare('RELEASE unit');
    this.#rollbackTo = db.prepare('ROLLBACK TO unit');
    batches.set(db, this);
  }

  run<T>(work: () => T): Promise<T> {
    // Inside a plain transaction (or one of our units), be part of it: its COMMIT, synchronous, precedes the resolve.
    if (this.#db.isTransaction) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.#units.length === 0) setImmediate(() => this.flush());
    return new Promise<T>((resolve, reject) => this.#units.push({ work, resolve: resolve as (value: unknown) => void, reject }));
  }

  /** Runs and commits the waiting units now (on setImmediate, before a plain transaction, or as the platform stops). */
  flush(): void {
    if (this.#flushing || this.#units.length === 0) return;
    const units = this.#units.splice(0);
    const done: Array<{ unit: Unit; value: unknown }> = [];
    // A unit alone needs no savepoint: if it throws, the rollback below undoes only it (at 1,000
    // webhooks/s every batch is one webhook, or one ack).
    const alone = units.length === 1;
    this.#flushing = true;
    try {
      this.#begin.run();
      for (const unit of units) {
        const mark = pendingAfterCommit(this.#db);
        if (!alone) this.#savepoint.run();
        try {
          const value = unit.work();
          if (!alone) this.#release.run();
          done.push({ unit, value });
        } catch (error) {
          if (alone) throw error;
          this.#rollbackTo.run();
          this.#release.run();
          dropAfterCommit(this.#db, mark);
          unit.reject(error);
        }
      }
      this.#commit.run();
    } catch (error) {
      try {
        if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      } catch {
        // Already rolled back by SQLite, or the database is closed.
      }
      dropAfterCommit(this.#db);
      // Nothing of this batch is on disk: every unit not yet rejected fails with the cause (a lone unit, with its own error).
      for (const unit of units) unit.reject(error);
      return;
    } finally {
      this.#flushing = false;
    }
    committed(this.#db);
    for (const { unit, value } of done) unit.resolve(value);
  }
}

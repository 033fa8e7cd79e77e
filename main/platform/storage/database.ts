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

/** Runs `work` in one transaction: all of it commits, or none of it does. */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
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

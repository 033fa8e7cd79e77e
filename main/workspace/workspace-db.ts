import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '../platform/storage/database.ts';

/** The workbench's own records (profiles, webhook history), beside the platform's database. */
export const WORKSPACE_FILE = 'workbench.sqlite';

const migrations: readonly string[] = [
  `
  CREATE TABLE profiles (
    id         TEXT PRIMARY KEY,
    position   INTEGER NOT NULL,
    spec       TEXT NOT NULL,      -- kind, label, botId, externalUserId, metadata
    timeline   TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE webhook_history (
    id    TEXT PRIMARY KEY,
    at    INTEGER NOT NULL,
    entry TEXT NOT NULL
  );
  CREATE INDEX webhook_history_by_time ON webhook_history(at);
  `,
];

export function openWorkspace(dataDir: string | null): DatabaseSync {
  return openDatabase(dataDir, WORKSPACE_FILE, migrations);
}

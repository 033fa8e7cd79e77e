import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '../platform/storage/database.ts';

/** The workbench's own records (profiles, webhook history, the identity lab's people, the composer's collections and environments, recent sites), beside the platform's database. */
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
  `
  -- The identity lab's people: provider account ids fixed at creation, channels and devices as JSON.
  CREATE TABLE persons (
    id                   TEXT PRIMARY KEY,
    position             INTEGER NOT NULL,
    name                 TEXT NOT NULL,
    telegram_user_id     TEXT NOT NULL,
    messenger_account_id TEXT NOT NULL,
    channels             TEXT NOT NULL DEFAULT '[]',
    devices              TEXT NOT NULL DEFAULT '[]',
    created_at           INTEGER NOT NULL
  );
  `,
  `
  -- The composer's saved requests: collections of folders and requests (a tree by parent_id), and environments.
  CREATE TABLE collections (
    id          TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
  );
  CREATE TABLE collection_items (
    id            TEXT PRIMARY KEY,
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    parent_id     TEXT REFERENCES collection_items(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('folder', 'request')),
    name          TEXT NOT NULL,
    request       TEXT            -- a WebhookRequest as JSON, for kind = 'request'
  );
  CREATE INDEX collection_items_by_parent ON collection_items(collection_id, parent_id, position);
  CREATE TABLE environments (
    id        TEXT PRIMARY KEY,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    variables TEXT NOT NULL DEFAULT '[]'
  );
  `,
  `
  -- Recent sites (Botbench's): pages of the tester's own that profiles opened, by URL, with a name.
  CREATE TABLE sites (
    id       TEXT PRIMARY KEY,
    url      TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    used_at  INTEGER NOT NULL
  );
  CREATE INDEX sites_by_use ON sites(used_at DESC);
  `,
];

export function openWorkspace(dataDir: string | null): DatabaseSync {
  return openDatabase(dataDir, WORKSPACE_FILE, migrations);
}

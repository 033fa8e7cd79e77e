/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Append only. */
export const migrations: readonly string[] = [
  `
  CREATE TABLE bots (
    bot_id      TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    hook_id     TEXT NOT NULL UNIQUE,
    embed       TEXT NOT NULL,         -- the embed config JSON ({"web":{"botId"},"theme"})
    settings    TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
  );
  CREATE TABLE users (
    response_path TEXT PRIMARY KEY,
    bot_id        TEXT NOT NULL REFERENCES bots(bot_id) ON DELETE CASCADE,
    channel_id    TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('anonymous', 'external')),
    metadata      TEXT NOT NULL DEFAULT '{}',
    attributes    TEXT NOT NULL DEFAULT '{}',
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL,
    connections   INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX users_by_bot ON users(bot_id, last_seen);
  CREATE TABLE messages (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    response_path TEXT NOT NULL REFERENCES users(response_path) ON DELETE CASCADE,
    direction     TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    source        TEXT NOT NULL CHECK (source IN ('widget', 'bot', 'webhook')),
    text          TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    delivered_at  INTEGER
  );
  CREATE INDEX messages_by_user ON messages(response_path, seq);
  CREATE INDEX messages_pending ON messages(response_path, seq) WHERE direction = 'out' AND delivered_at IS NULL;
  CREATE TABLE interaction_log (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    at            INTEGER NOT NULL,
    bot_id        TEXT,
    response_path TEXT,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    summary       TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX log_by_bot ON interaction_log(bot_id, seq);
  CREATE INDEX log_by_path ON interaction_log(response_path, seq);
  `,
  `
  CREATE TABLE flows (
    id          TEXT PRIMARY KEY,
    bot_id      TEXT NOT NULL REFERENCES bots(bot_id) ON DELETE CASCADE,
    hook_id     TEXT UNIQUE,          -- webhook-triggered flows only: the unguessable part of their URL
    position    INTEGER NOT NULL,
    definition  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  CREATE INDEX flows_by_bot ON flows(bot_id, position);
  CREATE TABLE bins (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    response    TEXT NOT NULL,         -- {"status","body","contentType","delayMs"}
    created_at  INTEGER NOT NULL
  );
  CREATE TABLE bin_requests (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    bin_id      TEXT NOT NULL REFERENCES bins(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    method      TEXT NOT NULL,
    path        TEXT NOT NULL,
    query       TEXT NOT NULL,
    headers     TEXT NOT NULL,
    body        TEXT NOT NULL
  );
  CREATE INDEX bin_requests_by_bin ON bin_requests(bin_id, seq);
  `,
  `
  -- Standard Webhooks signing: a secret per bot (hex is valid base64), and the ids already accepted, to refuse replays.
  ALTER TABLE bots ADD COLUMN webhook_secret TEXT NOT NULL DEFAULT '';
  UPDATE bots SET webhook_secret = 'whsec_' || lower(hex(randomblob(24)));
  CREATE TABLE webhook_ids (
    id       TEXT NOT NULL,
    bot_id   TEXT NOT NULL,
    seen_at  INTEGER NOT NULL,
    PRIMARY KEY (bot_id, id)
  );
  CREATE INDEX webhook_ids_by_time ON webhook_ids(seen_at);
  `,
  `
  -- Identity verification (like Intercom's): a secret per bot; userHash = HMAC-SHA256(secret, externalUserId).
  ALTER TABLE bots ADD COLUMN identity_secret TEXT NOT NULL DEFAULT '';
  UPDATE bots SET identity_secret = lower(hex(randomblob(32)));
  -- An anonymous visitor who logged in keeps the old conversation under the old path, linked to the new one.
  ALTER TABLE users ADD COLUMN linked_to TEXT;
  `,
  `
  -- Simulated authenticated channels (Telegram-like, Messenger-like): which channel a user talks on,
  -- and what each bot's providers authenticate with.
  ALTER TABLE users ADD COLUMN channel TEXT NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'telegram', 'messenger'));
  ALTER TABLE bots ADD COLUMN channel_secret TEXT NOT NULL DEFAULT '';
  ALTER TABLE bots ADD COLUMN app_secret TEXT NOT NULL DEFAULT '';
  ALTER TABLE bots ADD COLUMN page_id TEXT NOT NULL DEFAULT '';
  UPDATE bots SET channel_secret = lower(hex(randomblob(16))), app_secret = lower(hex(randomblob(16))),
    page_id = CAST(100000000000000 + abs(random() % 900000000000000) AS TEXT);
  -- A visitor's message may now come from a channel: widen messages.source. messages is a child
  -- table (nothing references it), so it is rebuilt without touching users.
  CREATE TABLE messages_v5 (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    response_path TEXT NOT NULL REFERENCES users(response_path) ON DELETE CASCADE,
    direction     TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    source        TEXT NOT NULL CHECK (source IN ('widget', 'telegram', 'messenger', 'bot', 'webhook')),
    text          TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    delivered_at  INTEGER
  );
  INSERT INTO messages_v5 (seq, id, response_path, direction, source, text, created_at, delivered_at)
    SELECT seq, id, response_path, direction, source, text, created_at, delivered_at FROM messages;
  DROP TABLE messages;
  ALTER TABLE messages_v5 RENAME TO messages;
  CREATE INDEX messages_by_user ON messages(response_path, seq);
  CREATE INDEX messages_pending ON messages(response_path, seq) WHERE direction = 'out' AND delivered_at IS NULL;
  `,
  `
  -- The log is read newest first with optional filters, a scan in seq order that never used these
  -- indexes; every webhook paid for them with two more pages written per log entry.
  DROP INDEX log_by_bot;
  DROP INDEX log_by_path;
  `,
  `
  -- The delivery queue's index, keyed by seq first: a new outbound message goes to its right
  -- edge, one page for a whole group commit, where (response_path, seq) dirtied a page per user
  -- per commit (measured: about a fifth of a queued webhook's CPU). Pending messages are few
  -- (acked ones leave it), so finding one user's is a short scan of it; the rows stay as they are.
  DROP INDEX messages_pending;
  CREATE INDEX messages_pending ON messages(seq, response_path) WHERE direction = 'out' AND delivered_at IS NULL;
  `,
  `
  -- Flow XO's users section: a user is active or unreachable (the bot can no longer reach them), and
  -- may carry a display name (the Users API's create-a-user call sets it).
  ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'unreachable'));
  ALTER TABLE users ADD COLUMN name TEXT;
  `,
  `
  -- The current messenger (loader.js) names its bot by a connection ID, not by the Bot ID.
  ALTER TABLE bots ADD COLUMN connection_id TEXT;
  UPDATE bots SET connection_id = lower(hex(randomblob(8)));
  CREATE UNIQUE INDEX bots_by_connection ON bots(connection_id);
  `,
];

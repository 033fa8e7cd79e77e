import type { DatabaseSync } from 'node:sqlite';
import { BotbenchError } from './errors.ts';
import type { ChannelKind, ChannelType, User } from './model.ts';
import { formatResponsePath } from './response-path.ts';

interface UserRow {
  response_path: string;
  bot_id: string;
  channel_id: string;
  kind: ChannelKind;
  metadata: string;
  attributes: string;
  first_seen: number;
  last_seen: number;
  connections: number;
  linked_to: string | null;
  channel: ChannelType;
}

export interface UserQuery {
  botId?: string | undefined;
  /** Matches response path, Channel ID or metadata text. */
  text?: string | undefined;
  limit?: number | undefined;
}

/** The users database, keyed by response path. `online` comes from the live connections. */
export class UserStore {
  readonly #online: (responsePath: string) => number;
  readonly #upsert;
  readonly #touch;
  readonly #setAttribute;
  readonly #link;
  readonly #byPath;
  readonly #channelOf;
  readonly #query;

  constructor(db: DatabaseSync, online: (responsePath: string) => number) {
    this.#online = online;
    this.#upsert = db.prepare(`
      INSERT INTO users (response_path, bot_id, channel_id, kind, metadata, first_seen, last_seen, connections, channel)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
      ON CONFLICT (response_path) DO UPDATE SET
        metadata = excluded.metadata, last_seen = excluded.last_seen, connections = connections + 1,
        -- The site's external user ID claims the path for good: an anonymous browser can no longer resume it.
        kind = CASE WHEN excluded.kind = 'external' THEN 'external' ELSE kind END`);
    this.#touch = db.prepare('UPDATE users SET last_seen = ? WHERE response_path = ?');
    this.#link = db.prepare('UPDATE users SET linked_to = ? WHERE response_path = ?');
    this.#setAttribute = db.prepare('UPDATE users SET attributes = json_set(attributes, ?, ?) WHERE response_path = ?');
    this.#byPath = db.prepare('SELECT * FROM users WHERE response_path = ?');
    this.#channelOf = db.prepare('SELECT channel FROM users WHERE response_path = ?');
    this.#query = db.prepare(`
      SELECT * FROM users
      WHERE (?1 IS NULL OR bot_id = ?1)
        AND (?2 IS NULL OR instr(lower(response_path || ' ' || metadata || ' ' || attributes), lower(?2)) > 0)
      ORDER BY last_seen DESC, response_path LIMIT ?3`);
  }

  /** Records a widget connection for this identity, creating the user on first contact. */
  connect(
    botId: string,
    channelId: string,
    kind: ChannelKind,
    metadata: Record<string, unknown>,
    now = Date.now(),
    channel: ChannelType = 'web',
  ): { user: User; created: boolean } {
    const responsePath = formatResponsePath(botId, channelId);
    const created = this.#byPath.get(responsePath) === undefined;
    this.#upsert.run(responsePath, botId, channelId, kind, JSON.stringify(metadata), now, now, channel);
    return { user: this.get(responsePath)!, created };
  }

  /** Sets one attribute on the user record (flows' set_attribute). */
  setAttribute(responsePath: string, name: string, value: string): void {
    this.require(responsePath);
    this.#setAttribute.run(`$."${name}"`, value, responsePath);
  }

  /** Records that an anonymous visitor logged in as another user; the old conversation stays under its path. */
  link(from: string, to: string): void {
    this.#link.run(to, from);
  }

  touch(responsePath: string, now = Date.now()): void {
    this.#touch.run(now, responsePath);
  }

  get(responsePath: string): User | undefined {
    const row = this.#byPath.get(responsePath) as UserRow | undefined;
    return row && this.#toUser(row);
  }

  require(responsePath: string): User {
    const user = this.get(responsePath);
    if (user) return user;
    throw notFound(responsePath);
  }

  /** The channel a user talks on: all a send needs to know of them, without reading and parsing the whole row. */
  channelOf(responsePath: string): ChannelType {
    const row = this.#channelOf.get(responsePath) as { channel: ChannelType } | undefined;
    if (row) return row.channel;
    throw notFound(responsePath);
  }

  list(query: UserQuery = {}): User[] {
    const rows = this.#query.all(query.botId ?? null, query.text || null, query.limit ?? 500) as unknown as UserRow[];
    return rows.map((row) => this.#toUser(row));
  }

  #toUser(row: UserRow): User {
    return {
      responsePath: row.response_path,
      botId: row.bot_id,
      channelId: row.channel_id,
      kind: row.kind,
      channel: row.channel,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      attributes: JSON.parse(row.attributes) as Record<string, unknown>,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      connections: row.connections,
      online: this.#online(row.response_path),
      linkedTo: row.linked_to,
    };
  }
}

function notFound(responsePath: string): BotbenchError {
  return new BotbenchError('BOTBENCH_ERR_USER_NOT_FOUND', `No user has response path ${responsePath}; a user exists once its widget has connected.`, {
    expected: 'the response path of a user who has connected',
    field: 'response_path',
  });
}

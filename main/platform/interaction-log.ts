import type { DatabaseSync } from 'node:sqlite';
import { afterCommit } from './storage/database.ts';
import type { LogEntry, LogKind, LogQuery, LogStatus } from './model.ts';

interface LogRow {
  seq: number;
  at: number;
  bot_id: string | null;
  response_path: string | null;
  kind: LogKind;
  status: LogStatus;
  summary: string;
  detail: string;
}

export interface LogInput {
  botId?: string | null | undefined;
  responsePath?: string | null | undefined;
  kind: LogKind;
  status: LogStatus;
  summary: string;
  detail?: Record<string, unknown> | undefined;
}

/** The interaction log: every connect, message, webhook and reset, newest last. */
export class InteractionLog {
  readonly #db: DatabaseSync;
  readonly #insert;
  readonly #query;
  readonly #onAppend: (entry: LogEntry) => void;

  constructor(db: DatabaseSync, onAppend: (entry: LogEntry) => void) {
    this.#db = db;
    this.#onAppend = onAppend;
    this.#insert = db.prepare(`
      INSERT INTO interaction_log (at, bot_id, response_path, kind, status, summary, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#query = db.prepare(`
      SELECT * FROM interaction_log
      WHERE (?1 IS NULL OR bot_id = ?1) AND (?2 IS NULL OR response_path = ?2)
        AND (?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR status = ?4) AND (?5 IS NULL OR seq < ?5)
      ORDER BY seq DESC LIMIT ?6`);
  }

  /**
   * Stores an entry and tells the listener once it is committed (at once outside a transaction;
   * never, if the transaction rolls back). The entry is built from `input` (its detail is JSON-safe data), not read back. */
  append(input: LogInput, now = Date.now()): LogEntry {
    const entry: LogEntry = {
      seq: 0,
      at: now,
      botId: input.botId ?? null,
      responsePath: input.responsePath ?? null,
      kind: input.kind,
      status: input.status,
      summary: input.summary,
      detail: input.detail ?? {},
    };
    const { lastInsertRowid } = this.#insert.run(
      now,
      entry.botId,
      entry.responsePath,
      entry.kind,
      entry.status,
      entry.summary,
      JSON.stringify(entry.detail),
    );
    entry.seq = Number(lastInsertRowid);
    afterCommit(this.#db, () => this.#onAppend(entry));
    return entry;
  }

  /** Newest first, at most `limit` (default 200, max 5000). */
  query(query: LogQuery = {}): LogEntry[] {
    const limit = Math.min(query.limit ?? 200, 5000);
    const rows = this.#query.all(
      query.botId ?? null,
      query.responsePath ?? null,
      query.kind ?? null,
      query.status ?? null,
      query.before ?? null,
      limit,
    ) as unknown as LogRow[];
    return rows.map(toEntry);
  }
}

function toEntry(row: LogRow): LogEntry {
  return {
    seq: row.seq,
    at: row.at,
    botId: row.bot_id,
    responsePath: row.response_path,
    kind: row.kind,
    status: row.status,
    summary: row.summary,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}

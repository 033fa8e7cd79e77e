import type { DatabaseSync, StatementSync } from 'node:sqlite';
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

const MAX_ROWS_PER_INSERT = 16;

/** Longest text a refusal's log entry keeps of what the caller sent (a header, a path): junk must not fill the disk. */
export const REFUSAL_FIELD_MAX = 200;

/** `text` cut to `max` characters, marked when cut. */
export function clip(text: string, max = REFUSAL_FIELD_MAX): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The interaction log: every connect, message, webhook and reset, newest last. */
export class InteractionLog {
  readonly #db: DatabaseSync;
  /** INSERT statements by how many rows they write, prepared on first use. */
  readonly #inserts = new Map<number, StatementSync>();
  readonly #query;
  readonly #onAppend: (entry: LogEntry) => void;

  constructor(db: DatabaseSync, onAppend: (entry: LogEntry) => void) {
    this.#db = db;
    this.#onAppend = onAppend;
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
    return this.appendAll([input], now)[0]!;
  }

  /**
   * Stores entries, in order, with one multi-row INSERT (a webhook's entry and its flow run's
   * commit together: one statement instead of two), and tells the listener of each once committed.
   */
  appendAll(inputs: readonly LogInput[], now = Date.now()): LogEntry[] {
    // One statement per length is prepared and kept: long lists go in chunks of a few lengths.
    if (inputs.length > MAX_ROWS_PER_INSERT) {
      const entries: LogEntry[] = [];
      for (let i = 0; i < inputs.length; i += MAX_ROWS_PER_INSERT) entries.push(...this.appendAll(inputs.slice(i, i + MAX_ROWS_PER_INSERT), now));
      return entries;
    }
    const entries: LogEntry[] = [];
    const values: (string | number | null)[] = [];
    for (const input of inputs) {
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
      entries.push(entry);
      values.push(now, entry.botId, entry.responsePath, entry.kind, entry.status, entry.summary, JSON.stringify(entry.detail));
    }
    if (entries.length === 0) return entries;
    const { lastInsertRowid } = this.#insertOf(entries.length).run(...values);
    // One statement's rows take consecutive seqs (AUTOINCREMENT, one writer), ending at the last one's.
    const first = Number(lastInsertRowid) - entries.length + 1;
    entries.forEach((entry, i) => (entry.seq = first + i));
    afterCommit(this.#db, () => {
      for (const entry of entries) this.#onAppend(entry);
    });
    return entries;
  }

  #insertOf(rows: number): StatementSync {
    let statement = this.#inserts.get(rows);
    if (!statement) {
      statement = this.#db.prepare(
        `INSERT INTO interaction_log (at, bot_id, response_path, kind, status, summary, detail) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      this.#inserts.set(rows, statement);
    }
    return statement;
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

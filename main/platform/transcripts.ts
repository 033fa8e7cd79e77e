import type { DatabaseSync } from 'node:sqlite';
import type { Message, MessageDirection, MessageSource } from './model.ts';
import { newMessageId } from './ids.ts';

interface MessageRow {
  seq: number;
  id: string;
  response_path: string;
  direction: MessageDirection;
  source: MessageSource;
  text: string;
  created_at: number;
  delivered_at: number | null;
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    seq: row.seq,
    responsePath: row.response_path,
    direction: row.direction,
    source: row.source,
    text: row.text,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

/** Every message to and from a user, in order. Outbound ones not yet acknowledged form the delivery queue. */
export class TranscriptStore {
  readonly #insert;
  readonly #recent;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(`
      INSERT INTO messages (id, response_path, direction, source, text, created_at, delivered_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.#recent = db.prepare(`
      SELECT * FROM (
        SELECT * FROM messages
        WHERE response_path = ? AND (direction = 'in' OR delivered_at IS NOT NULL)
        ORDER BY seq DESC LIMIT ?
      ) ORDER BY seq`);
  }

  /** Stores a message. An inbound one counts as delivered at once; an outbound one waits for a widget's ack. */
  append(responsePath: string, direction: MessageDirection, source: MessageSource, text: string, now = Date.now()): Message {
    const message: Message = {
      id: newMessageId(now),
      seq: 0,
      responsePath,
      direction,
      source,
      text,
      createdAt: now,
      deliveredAt: direction === 'in' ? now : null,
    };
    // Built from what was stored rather than read back (RETURNING): a row fewer to materialize per message.
    message.seq = Number(this.#insert.run(message.id, responsePath, direction, source, text, now, message.deliveredAt).lastInsertRowid);
    return message;
  }

  /** The conversation a returning widget shows: the latest `limit` messages that reached either side. */
  history(responsePath: string, limit = 200): Message[] {
    return (this.#recent.all(responsePath, limit) as unknown as MessageRow[]).map(toMessage);
  }
}

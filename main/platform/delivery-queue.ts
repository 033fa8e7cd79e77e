import type { DatabaseSync } from 'node:sqlite';
import type { Message } from './model.ts';
import { toMessage } from './transcripts.ts';

/**
 * Outbound messages a widget has not acknowledged yet, per response path, in the order
 * they were sent. A message leaves the queue only when a widget acks its id, so a crash
 * between sending and the ack re-sends it; the widget drops ids it has already shown,
 * which together make delivery exactly-once as the visitor sees it.
 */
export class DeliveryQueue {
  readonly #pending;
  readonly #ack;
  readonly #count;

  constructor(db: DatabaseSync) {
    // INDEXED BY: the planner would rather take messages_by_user (equality on its first column), a scan of the user's whole history.
    this.#pending = db.prepare(`
      SELECT * FROM messages INDEXED BY messages_pending
      WHERE response_path = ? AND direction = 'out' AND delivered_at IS NULL ORDER BY seq`);
    this.#ack = db.prepare(`
      UPDATE messages SET delivered_at = ? WHERE id = ? AND response_path = ? AND direction = 'out' AND delivered_at IS NULL`);
    this.#count = db.prepare(`
      SELECT count(*) AS n FROM messages INDEXED BY messages_pending
      WHERE response_path = ? AND direction = 'out' AND delivered_at IS NULL`);
  }

  pending(responsePath: string): Message[] {
    return (this.#pending.all(responsePath) as unknown[]).map((row) => toMessage(row as Parameters<typeof toMessage>[0]));
  }

  size(responsePath: string): number {
    return (this.#count.get(responsePath) as { n: number }).n;
  }

  /** Marks messages delivered; ids of other users or already acknowledged ones are ignored. Returns how many changed. */
  ack(responsePath: string, ids: readonly string[], now = Date.now()): number {
    let changed = 0;
    for (const id of ids) changed += Number(this.#ack.run(now, id, responsePath).changes);
    return changed;
  }
}

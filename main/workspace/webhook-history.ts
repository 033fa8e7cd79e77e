import type { DatabaseSync } from 'node:sqlite';
import type { WebhookHistoryEntry } from './types.ts';

/** Webhooks sent from the composer, kept in the workspace for replay. Newest first, at most `limit`. */
export class WebhookHistory {
  readonly #insert;
  readonly #recent;
  readonly #trim;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare('INSERT INTO webhook_history (id, at, entry) VALUES (?, ?, ?)');
    this.#recent = db.prepare('SELECT entry FROM webhook_history ORDER BY at DESC, rowid DESC LIMIT ?');
    this.#trim = db.prepare('DELETE FROM webhook_history WHERE id NOT IN (SELECT id FROM webhook_history ORDER BY at DESC, rowid DESC LIMIT ?)');
  }

  add(entry: WebhookHistoryEntry, keep = 500): void {
    this.#insert.run(entry.id, entry.at, JSON.stringify(entry));
    this.#trim.run(keep);
  }

  recent(limit = 200): WebhookHistoryEntry[] {
    return (this.#recent.all(limit) as Array<{ entry: string }>).map((row) => JSON.parse(row.entry) as WebhookHistoryEntry);
  }
}

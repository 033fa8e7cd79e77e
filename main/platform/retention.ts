import type { DatabaseSync } from 'node:sqlite';
import { transaction } from './storage/database.ts';

/**
 * What the platform keeps (Botbench's policy; Flow XO's hosted log has its own): the newest
 * `logEntries` interaction log entries, and at most `users` users. Past those, a background
 * pruner deletes the oldest log entries, and the least recently seen users that are offline and
 * have no queued message (with their transcripts). It runs on a timer, in small transactions
 * with a turn of the event loop between them, so webhooks and widgets never wait for it.
 */
export interface RetentionOptions {
  /** Interaction log entries kept (newest). Default 100,000. */
  logEntries: number;
  /** Users kept. Default 50,000. */
  users: number;
  /** How often the pruner looks, in ms. Default 30,000. */
  intervalMs: number;
}

export const DEFAULT_RETENTION: RetentionOptions = { logEntries: 100_000, users: 50_000, intervalMs: 30_000 };

/** Rows deleted per transaction: each is a few milliseconds, never a stall. */
const CHUNK = 500;

export class Retention {
  readonly #db: DatabaseSync;
  readonly #options: RetentionOptions;
  readonly #online: (responsePath: string) => number;
  readonly #logCut;
  readonly #logOldest;
  readonly #logDelete;
  readonly #userCount;
  readonly #userOldest;
  readonly #userDelete;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<{ log: number; users: number }> | undefined;
  #stopped = false;

  constructor(db: DatabaseSync, options: RetentionOptions, online: (responsePath: string) => number) {
    this.#db = db;
    this.#options = options;
    this.#online = online;
    this.#logCut = db.prepare('SELECT seq FROM interaction_log ORDER BY seq DESC LIMIT 1 OFFSET ?');
    this.#logOldest = db.prepare('SELECT min(seq) AS seq FROM interaction_log');
    this.#logDelete = db.prepare('DELETE FROM interaction_log WHERE seq <= ?');
    this.#userCount = db.prepare('SELECT count(*) AS n FROM users');
    this.#userOldest = db.prepare(`
      SELECT response_path FROM users AS u
      WHERE NOT EXISTS (SELECT 1 FROM messages AS m WHERE m.response_path = u.response_path AND m.direction = 'out' AND m.delivered_at IS NULL)
      ORDER BY last_seen, response_path LIMIT ?`);
    this.#userDelete = db.prepare('DELETE FROM users WHERE response_path = ?');
  }

  /** Prunes now and then every `intervalMs`; the timer does not keep the process alive. */
  start(): void {
    this.#timer = setInterval(() => void this.prune(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a pruning under way, so the database can close after it. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One pass (or the one already under way): resolves with how many log entries and users it deleted. */
  prune(): Promise<{ log: number; users: number }> {
    this.#running ??= this.#pass().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #pass(): Promise<{ log: number; users: number }> {
    const deleted = { log: 0, users: 0 };
    try {
      const cut = (this.#logCut.get(this.#options.logEntries) as { seq: number } | undefined)?.seq;
      if (cut !== undefined) {
        for (let oldest = this.#oldestSeq(); !this.#stopped && oldest !== null && oldest <= cut; oldest = this.#oldestSeq()) {
          const upTo = Math.min(cut, oldest + CHUNK - 1);
          deleted.log += Number(transaction(this.#db, () => this.#logDelete.run(upTo)).changes);
          await nextTurn();
        }
      }
      let excess = (this.#userCount.get() as { n: number }).n - this.#options.users;
      while (!this.#stopped && excess > 0) {
        const candidates = (this.#userOldest.all(Math.min(CHUNK, excess) + 50) as Array<{ response_path: string }>)
          .map((row) => row.response_path)
          .filter((path) => this.#online(path) === 0)
          .slice(0, excess);
        if (candidates.length === 0) break;
        transaction(this.#db, () => {
          for (const path of candidates) this.#userDelete.run(path);
        });
        deleted.users += candidates.length;
        excess -= candidates.length;
        await nextTurn();
      }
    } catch {
      // The database closed under a pass (the platform stopping): nothing left to prune.
    }
    return deleted;
  }

  #oldestSeq(): number | null {
    return (this.#logOldest.get() as { seq: number | null }).seq;
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

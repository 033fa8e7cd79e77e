import type { DatabaseSync } from 'node:sqlite';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { BotbenchError } from './errors.ts';
import type { Bot } from './model.ts';

/** How long an accepted webhook-id is remembered: twice the ±5 min the timestamp may be off. */
const REPLAY_WINDOW_MS = 10 * 60 * 1000;

/**
 * Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature = v1,<base64 HMAC-SHA256
 * over "id.timestamp.body">), verified with the `standardwebhooks` package; an id already
 * accepted for the bot is refused as a replay.
 */
export class WebhookSignatures {
  readonly #remember;
  readonly #seen;
  readonly #forget;

  constructor(db: DatabaseSync) {
    this.#seen = db.prepare('SELECT 1 FROM webhook_ids WHERE bot_id = ? AND id = ?');
    this.#remember = db.prepare('INSERT INTO webhook_ids (bot_id, id, seen_at) VALUES (?, ?, ?)');
    this.#forget = db.prepare('DELETE FROM webhook_ids WHERE seen_at < ?');
  }

  /** Throws BOTBENCH_ERR_WEBHOOK_SIGNATURE or BOTBENCH_ERR_WEBHOOK_REPLAY with the reason; otherwise remembers the id. */
  verify(bot: Bot, rawBody: string | Buffer, headers: Record<string, string | string[] | undefined>, now = Date.now()): void {
    const flat: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const value = headers[name];
      if (typeof value === 'string') flat[name] = value;
    }
    try {
      new Webhook(bot.webhookSecret).verify(rawBody, flat);
    } catch (error) {
      const reason = error instanceof WebhookVerificationError ? error.message : 'the signature could not be checked';
      throw new BotbenchError('BOTBENCH_ERR_WEBHOOK_SIGNATURE', `Webhook signature refused: ${reason}.`, {
        expected:
          'webhook-id, webhook-timestamp (within 5 minutes) and webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>" made with the bot’s webhookSecret',
      });
    }
    const id = flat['webhook-id']!;
    this.#forget.run(now - REPLAY_WINDOW_MS);
    if (this.#seen.get(bot.botId, id)) {
      throw new BotbenchError(
        'BOTBENCH_ERR_WEBHOOK_REPLAY',
        `Webhook ${JSON.stringify(id.slice(0, 100))} was already accepted; a replay is refused.`,
        {
          expected: 'a new webhook-id for every webhook',
        },
      );
    }
    this.#remember.run(bot.botId, id, now);
  }
}

/** The three headers that sign `body` for `bot`, as a sender would make them. */
export function signWebhook(bot: Pick<Bot, 'webhookSecret'>, messageId: string, body: string, at = new Date()): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(bot.webhookSecret).sign(messageId, at, body),
  };
}

import type { DatabaseSync } from 'node:sqlite';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { BotbenchError } from './errors.ts';
import type { Bot, SignatureHeaders } from './model.ts';

/** How long an accepted webhook-id is remembered: twice the ±5 min the timestamp may be off. */
const REPLAY_WINDOW_MS = 10 * 60 * 1000;

/**
 * Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature = v1,<base64 HMAC-SHA256
 * over "id.timestamp.body">), verified with the `standardwebhooks` package; an id already
 * accepted for the bot is refused as a replay. `svix-id`, `svix-timestamp` and `svix-signature`
 * are accepted as equivalents, as Svix's verifiers accept them: when all three svix-* headers
 * are present they are the ones checked, otherwise the webhook-* ones are.
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
    const flat = signatureHeadersOf(headers);
    try {
      new Webhook(bot.webhookSecret).verify(rawBody, flat);
    } catch (error) {
      const reason = error instanceof WebhookVerificationError ? error.message : 'the signature could not be checked';
      throw new BotbenchError('BOTBENCH_ERR_WEBHOOK_SIGNATURE', `Webhook signature refused: ${reason}.`, {
        expected:
          'webhook-id, webhook-timestamp (within 5 minutes) and webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>" made with the bot’s webhookSecret (or the same three as svix-id, svix-timestamp, svix-signature)',
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

/** The three signature headers to check, named as `standardwebhooks` wants them; svix-* first when all three are there (Svix's rule). */
function signatureHeadersOf(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const family = (prefix: SignatureHeaders): Record<string, string> => {
    const found: Record<string, string> = {};
    for (const part of ['id', 'timestamp', 'signature']) {
      const value = headers[`${prefix}-${part}`];
      if (typeof value === 'string') found[`webhook-${part}`] = value;
    }
    return found;
  };
  const svix = family('svix');
  return Object.keys(svix).length === 3 ? svix : family('webhook');
}

/** The three headers that sign `body` for `bot`, as a sender would make them (Svix's names with `headers: 'svix'`). */
export function signWebhook(
  bot: Pick<Bot, 'webhookSecret'>,
  messageId: string,
  body: string,
  at = new Date(),
  headers: SignatureHeaders = 'webhook',
): Record<string, string> {
  return {
    [`${headers}-id`]: messageId,
    [`${headers}-timestamp`]: String(Math.floor(at.getTime() / 1000)),
    [`${headers}-signature`]: new Webhook(bot.webhookSecret).sign(messageId, at, body),
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { BotbenchError } from '../errors.ts';

/** The header Meta signs webhook bodies with. */
export const MESSENGER_SIGNATURE_HEADER = 'x-hub-signature-256';

/** A page-scoped ID: digits, as Messenger's PSIDs are. */
const psid = z.string().regex(/^[0-9]{1,32}$/, 'a page-scoped ID (PSID) is 1 to 32 digits');

/**
 * The part of a Messenger Platform webhook event the simulated channel reads. `sender.id` is a
 * page-scoped ID: the provider gives the same person a different one on each page.
 */
export const messengerEventSchema = z.object({
  object: z.literal('page', { error: 'object must be "page"' }),
  entry: z
    .array(
      z.object({
        id: z.string().max(32),
        time: z.int().nonnegative().optional(),
        messaging: z
          .array(
            z.object({
              sender: z.object({ id: psid }),
              recipient: z.object({ id: z.string().max(32) }),
              timestamp: z.int().nonnegative().optional(),
              message: z.object({
                mid: z.string().max(200).optional(),
                text: z.string().trim().min(1, 'message.text must not be empty').max(4000),
              }),
            }),
          )
          .min(1)
          .max(100),
      }),
    )
    .min(1)
    .max(100),
});
export type MessengerEvent = z.infer<typeof messengerEventSchema>;

/** `sha256=` + hex HMAC-SHA256 of the exact body bytes with the app secret, as Meta signs. */
export function messengerSignature(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Constant-time check of X-Hub-Signature-256 over the raw body. */
export function checkMessengerSignature(appSecret: string, rawBody: string | Buffer, header: unknown): void {
  const given = Buffer.from(typeof header === 'string' ? header : '', 'utf8');
  const wanted = Buffer.from(messengerSignature(appSecret, rawBody), 'utf8');
  if (given.length === wanted.length && timingSafeEqual(given, wanted)) return;
  throw new BotbenchError(
    'BOTBENCH_ERR_CHANNEL_AUTH',
    `The ${MESSENGER_SIGNATURE_HEADER} header is ${typeof header === 'string' ? 'wrong' : 'missing'}: only the Messenger-like provider may post events here.`,
    {
      expected: `${MESSENGER_SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the body with the bot's channels.messenger.appSecret>`,
      field: `headers.${MESSENGER_SIGNATURE_HEADER}`,
    },
  );
}

/** Every event must be for this bot's page: a PSID means nothing on another page. */
export function checkMessengerPage(event: MessengerEvent, pageId: string): void {
  event.entry.forEach((entry, i) => {
    const wrong = (field: string, value: string) =>
      new BotbenchError('BOTBENCH_ERR_VALIDATION', `${field} is ${JSON.stringify(value)}, but this bot is connected to page ${pageId}.`, {
        expected: `the bot's channels.messenger.pageId (${pageId})`,
        field,
      });
    if (entry.id !== pageId) throw wrong(`body.entry.${i}.id`, entry.id);
    entry.messaging.forEach((item, j) => {
      if (item.recipient.id !== pageId) throw wrong(`body.entry.${i}.messaging.${j}.recipient.id`, item.recipient.id);
    });
  });
}

/** Meta's subscription handshake: the verify token the provider sends must be the app secret. */
export function checkMessengerVerifyToken(expected: string, given: string): void {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length === b.length && timingSafeEqual(a, b)) return;
  throw new BotbenchError('BOTBENCH_ERR_CHANNEL_AUTH', 'hub.verify_token is wrong.', {
    expected: "hub.verify_token = the bot's channels.messenger.appSecret",
    field: 'querystring.hub.verify_token',
  });
}

import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { BotbenchError } from '../errors.ts';

/** The header Telegram sends with every update when a webhook was set with a `secret_token`. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * The part of a Telegram Update the simulated channel reads (other keys are allowed and
 * ignored, as a bot platform must). `message.from.id` is the person's Telegram user id: the
 * provider has authenticated it, and it is the same on every device the person uses.
 */
export const telegramUpdateSchema = z.object({
  update_id: z.int().nonnegative(),
  message: z.object({
    message_id: z.int().nonnegative(),
    date: z.int().nonnegative(),
    from: z.object({
      id: z.int().positive().max(Number.MAX_SAFE_INTEGER),
      is_bot: z.boolean().optional(),
      first_name: z.string().max(64).optional(),
      last_name: z.string().max(64).optional(),
      username: z.string().max(32).optional(),
    }),
    chat: z.object({ id: z.int(), type: z.string().max(20) }),
    text: z.string().trim().min(1, 'message.text must not be empty').max(4000),
  }),
});
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;

/** What the provider says of the sender, for flows (as metadata). */
export function telegramProfile(update: TelegramUpdate): Record<string, unknown> {
  const { first_name, last_name, username } = update.message.from;
  return Object.fromEntries(Object.entries({ firstName: first_name, lastName: last_name, username }).filter(([, value]) => value !== undefined));
}

/** Constant-time check of the secret token header against the bot's. */
export function checkTelegramSecret(expected: string, header: unknown): void {
  const given = Buffer.from(typeof header === 'string' ? header : '', 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length === wanted.length && timingSafeEqual(given, wanted)) return;
  throw new BotbenchError(
    'BOTBENCH_ERR_CHANNEL_AUTH',
    `The ${TELEGRAM_SECRET_HEADER} header is ${typeof header === 'string' ? 'wrong' : 'missing'}: only the Telegram-like provider may post updates here.`,
    { expected: `${TELEGRAM_SECRET_HEADER}: the bot's channels.telegram.secretToken`, field: `headers.${TELEGRAM_SECRET_HEADER}` },
  );
}

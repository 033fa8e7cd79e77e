import { randomBytes } from 'node:crypto';
import { customAlphabet } from 'nanoid';
import { BotbenchError, describeValue } from './errors.ts';

/** A Bot ID: 24 lowercase hex characters, the shape of a Mongo ObjectId as Flow XO uses. */
export const BOT_ID_PATTERN = /^[0-9a-f]{24}$/;
export const BOT_ID_EXPECTED = '24 lowercase hexadecimal characters, e.g. "5852754509ac70000c104b80"';

/** Longest Channel ID or external user ID accepted. */
export const CHANNEL_ID_MAX = 128;
// No whitespace, control characters or "/" (it would make the response path ambiguous in a URL).
const CHANNEL_ID_PATTERN = /^[^\s/\p{Cc}\p{Cf}]+$/u;
export const CHANNEL_ID_EXPECTED = `1 to ${CHANNEL_ID_MAX} characters without whitespace, control characters or "/", e.g. "n_QVIUyPr" or "User123"`;

const channelAlphabet = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_', 7);

/** A new Bot ID: 4 bytes of time then 8 random bytes, like an ObjectId, so IDs sort by creation. */
export function newBotId(now: number = Date.now()): string {
  const time = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
  return time + randomBytes(8).toString('hex');
}

/** A new anonymous Channel ID, shaped like Flow XO's (`n_QVIUyPr`). */
export function newChannelId(): string {
  return `n_${channelAlphabet()}`;
}

export function isBotId(value: unknown): value is string {
  return typeof value === 'string' && BOT_ID_PATTERN.test(value);
}

export function isChannelId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= CHANNEL_ID_MAX && CHANNEL_ID_PATTERN.test(value);
}

export function assertBotId(value: unknown, field = 'botId'): string {
  if (isBotId(value)) return value;
  throw new BotbenchError('BOTBENCH_ERR_BOT_ID', `${field} must be ${BOT_ID_EXPECTED}; got ${describeValue(value)}.`, {
    expected: BOT_ID_EXPECTED,
    field,
  });
}

export function assertChannelId(value: unknown, field = 'channelId'): string {
  if (isChannelId(value)) return value;
  throw new BotbenchError('BOTBENCH_ERR_CHANNEL_ID', `${field} must be ${CHANNEL_ID_EXPECTED}; got ${describeValue(value)}.`, {
    expected: CHANNEL_ID_EXPECTED,
    field,
  });
}

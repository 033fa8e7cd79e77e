import { randomBytes } from 'node:crypto';
import { customAlphabet } from 'nanoid';
import { BotbenchError, describeValue } from './errors.ts';
import {
  ANONYMOUS_ID_EXPECTED,
  BOT_ID_EXPECTED,
  CHANNEL_ID_EXPECTED,
  CONNECTION_ID_EXPECTED,
  isAnonymousChannelId,
  isBotId,
  isChannelId,
  isConnectionId,
} from '../common/ids.ts';

export * from '../common/ids.ts';

// The characters and length of ANONYMOUS_ID_PATTERN (a test checks every new ID matches it).
const channelAlphabet = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_', 7);
/** Base 62 in ASCII order, so equal-length strings compare as their numbers do. */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const messageRandom = customAlphabet(BASE62, 13);

/**
 * A new message ID: 8 characters of milliseconds in base 62, then 13 random ones (21 in all,
 * like a nanoid). IDs made later sort later, so the unique index on them grows at its right
 * edge; random IDs landed on a random page each, one more page written per message.
 */
export function newMessageId(now: number = Date.now()): string {
  let time = '';
  for (let rest = Math.max(0, Math.floor(now)), i = 0; i < 8; i++, rest = Math.floor(rest / 62)) time = BASE62[rest % 62]! + time;
  return time + messageRandom();
}

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

export function assertConnectionId(value: unknown, field = 'connectionId'): string {
  if (isConnectionId(value)) return value;
  throw new BotbenchError('BOTBENCH_ERR_CONNECTION_ID', `${field} must be ${CONNECTION_ID_EXPECTED}; got ${describeValue(value)}.`, {
    expected: CONNECTION_ID_EXPECTED,
    field,
  });
}

/** An external user ID: a Channel ID that is not of the anonymous form, which only the platform hands out. */
export function assertExternalUserId(value: unknown, field = 'externalUserId'): string {
  const id = assertChannelId(value, field);
  if (!isAnonymousChannelId(id)) return id;
  throw new BotbenchError(
    'BOTBENCH_ERR_CHANNEL_ID',
    `${field} ${describeValue(id)} has the form of an anonymous Channel ID (${ANONYMOUS_ID_EXPECTED}); an external user ID cannot take it.`,
    { expected: `${CHANNEL_ID_EXPECTED}, and not of the anonymous form`, field },
  );
}

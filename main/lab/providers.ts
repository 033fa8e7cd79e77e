import { createHmac, randomInt } from 'node:crypto';
import type { Person, PersonSendResult } from './types.ts';
import { messengerSignature } from '../platform/channels/messenger.ts';
import { BotbenchError, errorCodes, type ErrorCode } from '../platform/errors.ts';
import type { Bot } from '../platform/model.ts';

/**
 * The simulated providers: a Telegram-like and a Messenger-like service that know who each
 * person is and deliver their messages to the bot platform over real HTTP, credentials and all,
 * exactly as the platform's /channels routes expect from a real provider.
 */

/** A Telegram-like user id: the person's, on every device and for every bot. */
export function newTelegramUserId(): string {
  return String(randomInt(100_000_000, 8_000_000_000));
}

/** A Messenger-like account id: never sent to a bot; pages see page-scoped IDs derived from it. */
export function newMessengerAccountId(): string {
  return String(randomInt(100_000_000_000, 281_474_976_710_655));
}

/**
 * The page-scoped ID (PSID) a page sees for an account: deterministic, so it is the same from
 * every device, and different for every page, as Messenger's are.
 */
export function psidFor(pageId: string, accountId: string): string {
  const digits = BigInt(`0x${createHmac('sha256', pageId).update(accountId, 'utf8').digest('hex')}`).toString();
  // 16 digits, never starting with 0 (as real PSIDs do not).
  return String((Number(digits[0]) % 9) + 1) + digits.slice(1, 16);
}

let updateIds = 0;

/** Builds the provider's delivery for one message and POSTs it to the bot's channel URL. */
export async function deliverAsPerson(bot: Bot, person: Person, channel: 'telegram' | 'messenger', text: string): Promise<PersonSendResult> {
  const at = Date.now();
  let url: string;
  let headers: Record<string, string>;
  let body: string;
  if (channel === 'telegram') {
    const id = Number(person.telegramUserId);
    updateIds++;
    body = JSON.stringify({
      update_id: updateIds,
      message: {
        message_id: updateIds,
        date: Math.floor(at / 1000),
        from: { id, is_bot: false, first_name: person.name },
        chat: { id, type: 'private' },
        text,
      },
    });
    url = bot.channels.telegram.url;
    headers = { 'x-telegram-bot-api-secret-token': bot.channels.telegram.secretToken };
  } else {
    const { pageId, appSecret } = bot.channels.messenger;
    body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: pageId,
          time: at,
          messaging: [
            {
              sender: { id: psidFor(pageId, person.messengerAccountId) },
              recipient: { id: pageId },
              timestamp: at,
              message: { mid: `m_${at}_${updateIds++}`, text },
            },
          ],
        },
      ],
    });
    url = bot.channels.messenger.url;
    headers = { 'x-hub-signature-256': messengerSignature(appSecret, body) };
  }
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) throw platformRefusal(response.status, answer);
  const event = (channel === 'telegram' ? answer : (answer?.events as unknown[] | undefined)?.[0]) as
    { responsePath: string; channelId: string; created: boolean } | undefined;
  if (!event) throw new BotbenchError('BOTBENCH_ERR_INTERNAL', `The platform answered the ${channel}-like provider without the user it wrote to.`);
  return { channel, botId: bot.botId, channelId: event.channelId, responsePath: event.responsePath, created: event.created, status: response.status };
}

/** The platform's own error, carried back to the workbench with its code. */
function platformRefusal(status: number, answer: Record<string, unknown> | null): BotbenchError {
  const error = answer?.error as { code?: string; message?: string; expected?: string; field?: string } | undefined;
  const code = error?.code && error.code in errorCodes ? (error.code as ErrorCode) : 'BOTBENCH_ERR_INTERNAL';
  return new BotbenchError(code, error?.message ?? `The platform answered the provider with HTTP ${status}.`, {
    ...(error?.expected ? { expected: error.expected } : {}),
    ...(error?.field ? { field: error.field } : {}),
  });
}

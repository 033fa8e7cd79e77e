import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messengerSignature } from '../../../../main/platform/channels/messenger.ts';
import type { Bot, Message, User } from '../../../../main/platform/model.ts';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { api, createBot, eventually, postWebhook, startPlatform, WidgetClient } from '../../../mocks/platform.ts';

/** A Telegram Update from user `fromId`, as the Telegram-like provider posts it. */
function update(fromId: number, text: string, updateId = 1) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1764000000,
      from: { id: fromId, is_bot: false, first_name: 'Ada' },
      chat: { id: fromId, type: 'private' },
      text,
    },
  };
}

async function postTelegram(bot: Bot, body: unknown, token: string | null = bot.channels.telegram.secretToken, contentType = 'application/json') {
  const response = await fetch(bot.channels.telegram.url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token === null ? {} : { 'x-telegram-bot-api-secret-token': token }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

function messengerEvent(pageId: string, psid: string, text: string) {
  return {
    object: 'page',
    entry: [
      {
        id: pageId,
        time: 1764000000000,
        messaging: [{ sender: { id: psid }, recipient: { id: pageId }, timestamp: 1764000000000, message: { mid: 'm_1', text } }],
      },
    ],
  };
}

async function postMessenger(bot: Bot, body: unknown, secret: string | null = bot.channels.messenger.appSecret) {
  const raw = JSON.stringify(body);
  const response = await fetch(bot.channels.messenger.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-hub-signature-256': messengerSignature(secret, raw) }) },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('channel routes', () => {
  let server: PlatformServer;
  let bot: Bot;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
  });
  afterEach(() => server.close());

  const users = async () => (await api<{ users: User[] }>(server, 'GET', `/api/users?botId=${bot.botId}`)).body.users;
  const transcript = async (path: string) => (await api<{ messages: Message[] }>(server, 'GET', `/api/users/${path}/transcript`)).body.messages;

  describe('POST /channels/telegram/{botId}', () => {
    it('makes the Telegram user id the Channel ID, the same from every device and for every bot', async () => {
      const phone = await postTelegram(bot, update(123456789, 'from my phone', 1));
      const laptop = await postTelegram(bot, update(123456789, 'from my laptop', 2));
      expect(phone).toMatchObject({
        status: 200,
        body: { ok: true, channel: 'telegram', channelId: '123456789', responsePath: `${bot.botId}/c/123456789`, created: true },
      });
      expect(laptop.body).toMatchObject({ responsePath: `${bot.botId}/c/123456789`, created: false });
      const other = await createBot(server, { name: 'Other bot' });
      expect((await postTelegram(other, update(123456789, 'hi'))).body.responsePath).toBe(`${other.botId}/c/123456789`);
      expect(await users()).toEqual([expect.objectContaining({ responsePath: `${bot.botId}/c/123456789`, channel: 'telegram', kind: 'external' })]);
    });

    it('runs the bot’s flows: the identity echo answers, handed to the provider at once', async () => {
      await postTelegram(bot, update(42, 'hello'));
      const messages = await eventually(async () => {
        const list = await transcript(`${bot.botId}/c/42`);
        return list.some((m) => m.direction === 'out') && list;
      });
      expect(messages[0]).toMatchObject({ direction: 'in', source: 'telegram', text: 'hello' });
      const reply = messages.find((m) => m.direction === 'out')!;
      expect(reply.text).toContain(`${bot.botId}/c/42`);
      expect(reply.deliveredAt).not.toBeNull();
    });

    it('delivers a webhook to a Telegram user through the provider', async () => {
      await postTelegram(bot, update(42, 'hello'));
      const answer = await postWebhook(bot, { response_path: `${bot.botId}/c/42`, text: 'your order shipped' });
      expect(answer).toMatchObject({ status: 200, body: { status: 'delivered', delivered: 1, channel: 'telegram' } });
    });

    it('refuses a missing or wrong secret token with 401 and writes nothing but the log entry', async () => {
      for (const token of [null, 'wrong']) {
        const answer = await postTelegram(bot, update(7, 'sneaky'), token);
        expect(answer).toMatchObject({
          status: 401,
          body: { error: { code: 'BOTBENCH_ERR_CHANNEL_AUTH', field: 'headers.x-telegram-bot-api-secret-token' } },
        });
      }
      expect(await users()).toEqual([]);
      const log = (await api<{ entries: Array<{ status: string; summary: string }> }>(server, 'GET', `/api/log?botId=${bot.botId}&status=refused`))
        .body.entries;
      expect(log.map((e) => e.summary)).toEqual([
        expect.stringMatching(/^Telegram-like update refused: The x-telegram-bot-api-secret-token header is wrong/),
        expect.stringMatching(/^Telegram-like update refused: The x-telegram-bot-api-secret-token header is missing/),
      ]);
    });

    it('names the bad field of a malformed update, refuses other content types, and an unknown bot', async () => {
      const bad = await postTelegram(bot, { update_id: 1, message: { ...update(1, 'x').message, from: { id: -5 } } });
      expect(bad).toMatchObject({ status: 400, body: { error: { code: 'BOTBENCH_ERR_VALIDATION', field: 'body.message.from.id' } } });
      expect((await postTelegram(bot, 'text=hi', bot.channels.telegram.secretToken, 'application/x-www-form-urlencoded')).status).toBe(415);
      expect((await postTelegram(bot, '{nope')).body.error.code).toBe('BOTBENCH_ERR_JSON');
      const unknown = await fetch(`${server.url}/channels/telegram/${'0'.repeat(24)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(unknown.status).toBe(404);
      expect(await users()).toEqual([]);
    });
  });

  describe('POST /channels/messenger/{botId}', () => {
    it('keeps page-scoped IDs apart: one ID per page, the same from every device', async () => {
      const other = await createBot(server, { name: 'Second page' });
      expect(other.channels.messenger.pageId).not.toBe(bot.channels.messenger.pageId);
      const first = await postMessenger(bot, messengerEvent(bot.channels.messenger.pageId, '1111111111111111', 'hi page 1'));
      const again = await postMessenger(bot, messengerEvent(bot.channels.messenger.pageId, '1111111111111111', 'from my laptop'));
      const second = await postMessenger(other, messengerEvent(other.channels.messenger.pageId, '2222222222222222', 'hi page 2'));
      expect(first).toMatchObject({
        status: 200,
        body: { ok: true, channel: 'messenger', events: [{ responsePath: `${bot.botId}/c/1111111111111111`, created: true }] },
      });
      expect(again.body.events[0]).toMatchObject({ responsePath: `${bot.botId}/c/1111111111111111`, created: false });
      expect(second.body.events[0]).toMatchObject({ responsePath: `${other.botId}/c/2222222222222222`, created: true });
      expect(await users()).toEqual([expect.objectContaining({ channel: 'messenger', channelId: '1111111111111111' })]);
    });

    it('refuses a body signed with another secret, or unsigned, with 401', async () => {
      const event = messengerEvent(bot.channels.messenger.pageId, '1', 'x');
      expect((await postMessenger(bot, event, 'not-the-app-secret')).body.error).toMatchObject({
        code: 'BOTBENCH_ERR_CHANNEL_AUTH',
        field: 'headers.x-hub-signature-256',
      });
      expect((await postMessenger(bot, event, null)).status).toBe(401);
      expect(await users()).toEqual([]);
    });

    it('checks the signature over the bytes that arrived, not over their text (a stray non-UTF-8 byte in a message)', async () => {
      const [before, after] = JSON.stringify(messengerEvent(bot.channels.messenger.pageId, '3333333333333333', 'caf\u0000')).split('\\u0000');
      // A Latin-1 "é" (0xE9) where UTF-8 was expected: signed as sent, byte for byte.
      const raw = Buffer.concat([Buffer.from(before!, 'utf8'), Buffer.from([0xe9]), Buffer.from(after!, 'utf8')]);
      const response = await fetch(bot.channels.messenger.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': messengerSignature(bot.channels.messenger.appSecret, raw) },
        body: raw,
      });
      expect(response.status).toBe(200);
      expect(await users()).toEqual([expect.objectContaining({ channel: 'messenger', channelId: '3333333333333333' })]);
    });

    it('refuses an event for another page, naming the field and the expected page', async () => {
      const answer = await postMessenger(bot, messengerEvent('999', '1', 'x'));
      expect(answer).toMatchObject({
        status: 400,
        body: {
          error: { code: 'BOTBENCH_ERR_VALIDATION', field: 'body.entry.0.id', expected: expect.stringContaining(bot.channels.messenger.pageId) },
        },
      });
      expect(await users()).toEqual([]);
    });

    it('answers Meta’s verification handshake only with the right verify token', async () => {
      const url = (token: string) => `${bot.channels.messenger.url}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
      const ok = await fetch(url(bot.channels.messenger.appSecret));
      expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
      const wrong = await fetch(url('guess'));
      expect(wrong.status).toBe(401);
    });
  });

  describe('channels and the web widget', () => {
    it('refuses a widget claiming a Telegram user’s ID as its external user ID', async () => {
      await postTelegram(bot, update(555, 'hi'));
      const client = await WidgetClient.open(server);
      const error = client.next('error');
      client.send({ type: 'hello', v: 1, botId: bot.botId, externalUserId: '555' });
      expect(await error).toMatchObject({ code: 'BOTBENCH_ERR_CHANNEL_MISMATCH' });
      await client.close();
      expect((await transcript(`${bot.botId}/c/555`)).filter((m) => m.direction === 'in')).toHaveLength(1);
    });

    // Reproduced before the fix: the anonymous hello created a web user 777002, and every later update of
    // Telegram-like user 777002 was refused with 409 BOTBENCH_ERR_CHANNEL_MISMATCH.
    it.each([
      ['telegram', '777002'],
      ['messenger', '4444444444444444'],
    ] as const)('lets no anonymous widget squat a %s-like user’s ID %s', async (channel, squatted) => {
      const { client, welcome } = await WidgetClient.connect(server, { botId: bot.botId, channelId: squatted });
      expect(welcome.channelId).toMatch(/^n_[0-9A-Za-z_]{7}$/);
      await client.close();
      const answer =
        channel === 'telegram'
          ? await postTelegram(bot, update(Number(squatted), 'hi'))
          : await postMessenger(bot, messengerEvent(bot.channels.messenger.pageId, squatted, 'hi'));
      expect(answer).toMatchObject({ status: 200 });
      expect(await users()).toContainEqual(expect.objectContaining({ channelId: squatted, channel }));
    });

    it('refuses a Telegram update whose ID is already a web visitor’s, and keeps that visitor', async () => {
      const { client } = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: '777' });
      await client.close();
      const answer = await postTelegram(bot, update(777, 'hi'));
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'BOTBENCH_ERR_CHANNEL_MISMATCH' } } });
      expect(await users()).toEqual([expect.objectContaining({ channelId: '777', channel: 'web' })]);
    });
  });
});

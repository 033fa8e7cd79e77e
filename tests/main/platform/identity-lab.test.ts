import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userHashFor } from '../../../main/platform/identity-verification.ts';
import type { Bot, LogEntry, User } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { api, createBot, eventually, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('identity lab', () => {
  let server: PlatformServer;
  let bot: Bot;
  const clients: WidgetClient[] = [];

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.close();
  });

  const connect = async (hello: Record<string, unknown>) => {
    const client = await WidgetClient.open(server);
    clients.push(client);
    const answer = Promise.race([client.next('welcome'), client.next('error')]);
    client.send({ type: 'hello', v: 1, botId: bot.botId, ...hello });
    return { client, answer: await answer };
  };
  const users = async () => (await api<{ users: User[] }>(server, 'GET', `/api/users?botId=${bot.botId}`)).body.users;
  const verify = async (on: boolean) => {
    bot = (await api<Bot>(server, 'PATCH', `/api/bots/${bot.botId}`, { settings: { verifyIdentity: on } })).body;
  };

  describe('identity verification', () => {
    it('accepts an external user ID with the right userHash', async () => {
      await verify(true);
      const { answer } = await connect({ externalUserId: 'User123', userHash: userHashFor(bot.identitySecret, 'User123') });
      expect(answer).toMatchObject({ type: 'welcome', responsePath: `${bot.botId}/c/User123` });
    });

    it.each([
      ['missing', undefined, 'is missing'],
      ['wrong', 'f'.repeat(64), 'is wrong'],
    ])('refuses a %s userHash, logs the attempt, and writes no user record', async (_label, userHash, says) => {
      await verify(true);
      const { answer } = await connect({ externalUserId: 'User123', ...(userHash ? { userHash } : {}) });
      expect(answer).toMatchObject({ type: 'error', code: 'BOTBENCH_ERR_IDENTITY', ref: 'hello', message: expect.stringContaining(says) });
      expect(await users()).toEqual([]);
      const log = await api<{ entries: LogEntry[] }>(server, 'GET', '/api/log?kind=identity');
      expect(log.body.entries[0]).toMatchObject({ status: 'refused', responsePath: `${bot.botId}/c/User123` });
    });

    it('leaves an existing user untouched when an impostor is refused', async () => {
      const victim = await connect({ externalUserId: 'User123', userHash: userHashFor(bot.identitySecret, 'User123') });
      await victim.client.close();
      const before = (await users())[0]!;
      await verify(true);
      await connect({ externalUserId: 'User123' });
      const after = (await users())[0]!;
      expect(after).toMatchObject({ connections: before.connections, lastSeen: before.lastSeen, metadata: before.metadata });
    });
  });

  describe('impersonation', () => {
    async function victimWithHistory() {
      const victim = await connect({ externalUserId: 'User123' });
      const reply = victim.client.next('message');
      victim.client.send({ type: 'message', clientId: 'v1', text: 'my secret order 42' });
      victim.client.send({ type: 'ack', ids: [(await reply).message.id] });
      await victim.client.close();
    }

    it('with verification off, a page that sets another user’s ID lands in that user’s conversation', async () => {
      await victimWithHistory();
      const { answer } = await connect({ externalUserId: 'User123' });
      expect(answer.type).toBe('welcome');
      if (answer.type !== 'welcome') return;
      expect(answer.transcript.map((m) => m.text)).toContain('my secret order 42');
    });

    it('with verification on, the impostor is refused and sees nothing', async () => {
      await victimWithHistory();
      await verify(true);
      const { client, answer } = await connect({ externalUserId: 'User123' });
      expect(answer).toMatchObject({ type: 'error', code: 'BOTBENCH_ERR_IDENTITY' });
      expect(client.frames.some((f) => f.type === 'welcome' || f.type === 'message')).toBe(false);
    });
  });

  describe('anonymous IDs', () => {
    // Reproduced before the fix: the squatter's hello created {botId}/c/alice, and alice's verified login then
    // joined the squatter's conversation, so the squatter's open socket received alice's messages.
    it('answers an anonymous hello naming a future external user ID with a new anonymous ID, so the real user’s login stays theirs', async () => {
      await verify(true);
      const squatter = await connect({ channelId: 'alice' });
      expect(squatter.answer).toMatchObject({ type: 'welcome', kind: 'anonymous', channelId: expect.stringMatching(/^n_[0-9A-Za-z_]{7}$/) });
      expect((await users()).map((u) => u.channelId)).not.toContain('alice');

      const victim = await connect({ externalUserId: 'alice', userHash: userHashFor(bot.identitySecret, 'alice') });
      expect(victim.answer).toMatchObject({ type: 'welcome', kind: 'external', created: true, transcript: [] });
      const answer = await fetch(bot.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_path: `${bot.botId}/c/alice`, text: 'your reset code is 1234' }),
      });
      expect(await answer.json()).toMatchObject({ status: 'delivered', delivered: 1 });
      await squatter.client.sync();
      expect(squatter.client.frames.some((f) => f.type === 'message')).toBe(false);
    });

    it('resumes an ID of the anonymous form, including one the tester chose', async () => {
      const first = await connect({ channelId: 'n_Chosen1' });
      expect(first.answer).toMatchObject({ type: 'welcome', channelId: 'n_Chosen1', created: true });
      await first.client.close();
      expect((await connect({ channelId: 'n_Chosen1' })).answer).toMatchObject({ type: 'welcome', channelId: 'n_Chosen1', created: false });
    });

    it.each([['n_abcdefg'], ['n_QVIUyPr']])('refuses %s as an external user ID: that form is only ever an anonymous visitor’s', async (id) => {
      const { answer } = await connect({ externalUserId: id });
      expect(answer).toMatchObject({ type: 'error', code: 'BOTBENCH_ERR_CHANNEL_ID', field: 'externalUserId', ref: 'hello' });
      expect(await users()).toEqual([]);
    });

    it('gives a new ID to an anonymous hello naming an anonymous-form user of another kind (a row written before the rule)', async () => {
      server.platform.users.connect(bot.botId, 'n_Legacy1', 'external', {});
      const { answer } = await connect({ channelId: 'n_Legacy1' });
      expect(answer).toMatchObject({ type: 'welcome', kind: 'anonymous', created: true });
      expect(answer.type === 'welcome' && answer.channelId).not.toBe('n_Legacy1');
    });
  });

  describe('login and logout mid-session', () => {
    it('moves the visitor to {botId}/c/<id>, keeps the anonymous conversation linked, and logs both', async () => {
      const { client, answer } = await connect({});
      if (answer.type !== 'welcome') throw new Error('no welcome');
      const anonymousPath = answer.responsePath;
      const loggedIn = client.next('welcome');
      client.send({ type: 'hello', v: 1, botId: bot.botId, externalUserId: 'Jane', channelId: answer.channelId });
      expect(await loggedIn).toMatchObject({ responsePath: `${bot.botId}/c/Jane`, kind: 'external' });
      await eventually(async () => (await users()).find((u) => u.responsePath === anonymousPath)?.linkedTo === `${bot.botId}/c/Jane`);

      const loggedOut = client.next('welcome');
      client.send({ type: 'hello', v: 1, botId: bot.botId, channelId: answer.channelId });
      expect(await loggedOut).toMatchObject({ responsePath: anonymousPath, kind: 'anonymous' });
      const log = await api<{ entries: LogEntry[] }>(server, 'GET', '/api/log?kind=identity');
      expect(log.body.entries.map((e) => e.summary)).toEqual([
        `Visitor logged out: ${bot.botId}/c/Jane → ${anonymousPath}`,
        `Visitor logged in: ${anonymousPath} → ${bot.botId}/c/Jane`,
      ]);
    });
  });
});

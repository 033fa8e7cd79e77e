import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { WIDGET_CLOSE, type ServerFrame, type WireMessage } from '../../../main/common/widget-frames.ts';
import { closed, RawWidgetSocket } from '../../mocks/hostile-clients.ts';
import { api, createBot, eventually, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('widget socket', () => {
  let server: PlatformServer;
  let bot: Bot;
  const clients: WidgetClient[] = [];

  beforeEach(async () => {
    server = await startPlatform({ maxFramesPerSecond: 20 });
    bot = await createBot(server, { name: 'Socket bot', settings: { greeting: 'Welcome to Acme!' } });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await server.close();
  });

  async function connect(hello: Record<string, unknown> = {}) {
    const connected = await WidgetClient.connect(server, { botId: bot.botId, ...hello });
    clients.push(connected.client);
    return connected;
  }

  describe('hello', () => {
    it('gives a first-time anonymous visitor a new Channel ID and response path', async () => {
      const { welcome } = await connect();
      expect(welcome).toMatchObject({ type: 'welcome', botId: bot.botId, kind: 'anonymous', created: true, transcript: [] });
      expect(welcome.channelId).toMatch(/^n_/);
      expect(welcome.responsePath).toBe(`${bot.botId}/c/${welcome.channelId}`);
      expect(welcome.bot).toEqual({ name: 'Socket bot', theme: '#1f6feb', greeting: 'Welcome to Acme!' });
    });

    it('keeps the Channel ID a returning browser stored, with its history', async () => {
      const first = await connect();
      const sent = first.client.next('message');
      first.client.send({ type: 'message', clientId: 'c1', text: 'hello' });
      const reply = await sent;
      first.client.send({ type: 'ack', ids: [reply.message.id] });
      await eventually(
        async () =>
          (await api<{ pending: unknown[] }>(server, 'GET', `/api/users/${bot.botId}/c/${first.welcome.channelId}/transcript`)).body.pending
            .length === 0,
      );
      const back = await connect({ channelId: first.welcome.channelId });
      expect(back.welcome).toMatchObject({ channelId: first.welcome.channelId, created: false });
      expect(back.welcome.transcript.map((m) => [m.direction, m.source])).toEqual([
        ['in', 'widget'],
        ['out', 'bot'],
      ]);
    });

    it('uses the external user ID as the Channel ID, the same in every browser', async () => {
      const a = await connect({ externalUserId: 'User123' });
      const b = await connect({ externalUserId: 'User123', channelId: 'n_other00' });
      expect(a.welcome.responsePath).toBe(`${bot.botId}/c/User123`);
      expect(b.welcome).toMatchObject({ responsePath: `${bot.botId}/c/User123`, kind: 'external', created: false });
    });

    it('gives a new ID when an anonymous browser claims an external user’s ID', async () => {
      await connect({ externalUserId: 'User123' });
      const sneaky = await connect({ channelId: 'User123' });
      expect(sneaky.welcome.channelId).not.toBe('User123');
      expect(sneaky.welcome.kind).toBe('anonymous');
    });

    it('refuses an unknown bot with an error frame naming the hello', async () => {
      const client = await WidgetClient.open(server);
      clients.push(client);
      const error = client.next('error');
      client.send({ type: 'hello', v: 1, botId: '5852754509ac70000c104b80' });
      expect(await error).toMatchObject({ code: 'BOTBENCH_ERR_BOT_NOT_FOUND', ref: 'hello' });
    });

    it('refuses an external user ID with a slash', async () => {
      const client = await WidgetClient.open(server);
      clients.push(client);
      const error = client.next('error');
      client.send({ type: 'hello', v: 1, botId: bot.botId, externalUserId: 'a/b' });
      expect(await error).toMatchObject({ code: 'BOTBENCH_ERR_CHANNEL_ID', message: expect.stringContaining('externalUserId must be') });
    });
  });

  describe('messages', () => {
    it('confirms the visitor’s message, then the bot answers with the response path and metadata', async () => {
      const { client, welcome } = await connect({ metadata: { myUserId: '123' } });
      const sent = client.next('sent');
      const reply = client.next('message');
      client.send({ type: 'message', clientId: 'c1', text: 'who am I?' });
      expect((await sent).message).toMatchObject({ text: 'who am I?', direction: 'in', source: 'widget' });
      const text = (await reply).message.text;
      expect(text).toContain(welcome.responsePath);
      expect(text).toContain('{"myUserId":"123"}');
    });

    it('shows the visitor’s message and the bot’s answer in every widget sharing the external ID', async () => {
      const a = await connect({ externalUserId: 'Shared1' });
      const b = await connect({ externalUserId: 'Shared1' });
      const answer = b.client.nextWhere((f) => f.type === 'message' && f.message.direction === 'out');
      a.client.send({ type: 'message', clientId: 'x', text: 'ping' });
      const frame = await answer;
      expect(frame.type === 'message' ? frame.message.text : '').toContain('You said "ping"');
      const inB = b.client.frames.flatMap((f) => (f.type === 'message' ? [[f.message.direction, f.message.source]] : []));
      expect(inB).toEqual([
        ['in', 'widget'],
        ['out', 'bot'],
      ]);
      // The window that sent it has it confirmed once, as "sent", not echoed back.
      await a.client.sync();
      expect(a.client.frames.filter((f) => f.type === 'message' && f.message.direction === 'in')).toEqual([]);
    });
  });

  describe('reset', () => {
    it('gives an anonymous visitor a new Channel ID and an empty transcript', async () => {
      const { client, welcome } = await connect();
      const reply = client.next('message');
      client.send({ type: 'message', clientId: 'c1', text: 'before reset' });
      await reply;
      const reset = client.next('reset');
      const next = client.next('welcome');
      client.send({ type: 'reset' });
      const frame = await reset;
      expect(frame.channelId).not.toBe(welcome.channelId);
      expect(await next).toMatchObject({ channelId: frame.channelId, created: true, transcript: [] });
    });

    it('is refused with a reason when the site sets an external user ID', async () => {
      const { client } = await connect({ externalUserId: 'User123' });
      const error = client.next('error');
      client.send({ type: 'reset' });
      expect(await error).toMatchObject({
        code: 'BOTBENCH_ERR_RESET_EXTERNAL',
        message: 'Reset is unavailable when the site sets an external user ID.',
        ref: 'reset',
      });
      const log = await api<{ entries: Array<{ kind: string; status: string }> }>(server, 'GET', '/api/log?kind=reset');
      expect(log.body.entries[0]).toMatchObject({ status: 'refused' });
    });
  });

  describe('malformed frames', () => {
    it.each([
      ['not JSON', 'hello?', 'BOTBENCH_ERR_FRAME', 'must be JSON'],
      ['an unknown type', { type: 'dance' }, 'BOTBENCH_ERR_FRAME', 'type'],
      ['a hello without botId', { type: 'hello', v: 1 }, 'BOTBENCH_ERR_FRAME', 'botId'],
      ['a hello with extra keys', { type: 'hello', v: 1, botId: '5852754509ac70000c104b80', admin: true }, 'BOTBENCH_ERR_FRAME', 'admin'],
      ['a message before hello', { type: 'message', clientId: 'a', text: 'hi' }, 'BOTBENCH_ERR_NOT_CONNECTED', 'hello'],
      ['an empty message', { type: 'message', clientId: 'a', text: '   ' }, 'BOTBENCH_ERR_FRAME', 'text'],
      ['a JSON array', [1, 2], 'BOTBENCH_ERR_FRAME', ''],
    ])('answers %s with an error frame and keeps the socket open', async (_label, frame, code, mention) => {
      const client = await WidgetClient.open(server);
      clients.push(client);
      const error = client.next('error');
      client.send(frame as Record<string, unknown>);
      const got = await error;
      expect(got.code).toBe(code);
      expect(got.message).toContain(mention);
      // Still usable afterwards.
      const welcome = client.next('welcome');
      client.send({ type: 'hello', v: 1, botId: bot.botId });
      expect((await welcome).botId).toBe(bot.botId);
    });

    // Reproduced before the fix: 5,000 levels of "[" (10 KiB) overflowed JSON.stringify's stack in the size check: BOTBENCH_ERR_INTERNAL.
    it.each([[33], [5000], [30_000]])('refuses metadata nested %i levels deep with the expected shape, and adds no user', async (levels) => {
      const client = await WidgetClient.open(server);
      clients.push(client);
      const error = client.next('error');
      client.send(`{"type":"hello","v":1,"botId":"${bot.botId}","metadata":{"a":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}}`);
      expect(await error).toMatchObject({
        code: 'BOTBENCH_ERR_FRAME',
        field: 'metadata',
        ref: 'hello',
        message: 'metadata: metadata must nest at most 32 levels deep.',
        expected: expect.stringContaining('nested at most 32 levels deep'),
      });
      expect(server.platform.users.list()).toEqual([]);
    });

    it('accepts metadata nested exactly 32 levels deep', async () => {
      let metadata: Record<string, unknown> = { leaf: true };
      for (let level = 1; level < 32; level++) metadata = { next: metadata };
      const { welcome } = await connect({ metadata });
      expect(server.platform.users.get(welcome.responsePath)?.metadata).toEqual(metadata);
    });

    it('names the frame an error refers to, even when the frame failed validation', async () => {
      const { client } = await connect();
      const error = client.next('error');
      client.send({ type: 'message', clientId: 'm-42', text: '' });
      expect(await error).toMatchObject({ code: 'BOTBENCH_ERR_FRAME', ref: 'm-42' });
      const helloError = client.next('error');
      client.send({ type: 'hello', v: 1, botId: 'nope' });
      expect(await helloError).toMatchObject({ code: 'BOTBENCH_ERR_FRAME', ref: 'hello' });
    });

    it('closes the socket with 1009 on an oversized frame and the server lives on', async () => {
      const client = await WidgetClient.open(server);
      const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
      client.send(JSON.stringify({ type: 'message', clientId: 'a', text: 'x'.repeat(70 * 1024) }));
      expect(await closed).toBe(1009);
      const { welcome } = await connect();
      expect(welcome.type).toBe('welcome');
    });

    it('refuses connections over the limit with 503 at the upgrade', async () => {
      const small = await startPlatform({ maxConnections: 2 });
      const a = await WidgetClient.open(small);
      const b = await WidgetClient.open(small);
      const { WebSocket } = await import('ws');
      const third = new WebSocket(`${small.url.replace('http', 'ws')}/widget`);
      const status = await new Promise<number | undefined>((resolve) => third.once('unexpected-response', (_req, res) => resolve(res.statusCode)));
      expect(status).toBe(503);
      await a.close();
      await b.close();
      await small.close();
    });

    it('drops frames over the per-connection rate with BOTBENCH_ERR_RATE_LIMIT', async () => {
      const { client } = await connect();
      for (let i = 0; i < 30; i++) client.send({ type: 'ack', ids: ['none'] });
      await eventually(() => client.frames.some((f) => f.type === 'error' && f.code === 'BOTBENCH_ERR_RATE_LIMIT'));
    });
  });

  describe('new users', () => {
    // Reproduced before the limit: a page's hellos without a Channel ID each created a user (1,253 in 3 s).
    it('lets one connection create newUsersPerConnection users a minute, then refuses new ones but not returning ones', async () => {
      const limited = await startPlatform({ newUsersPerConnection: 3 });
      try {
        const limitedBot = await createBot(limited);
        const client = await WidgetClient.open(limited);
        const answers: string[] = [];
        let first = '';
        for (let i = 0; i < 4; i++) {
          const answer = Promise.race([client.next('welcome'), client.next('error')]);
          client.send({ type: 'hello', v: 1, botId: limitedBot.botId });
          const frame = await answer;
          answers.push(frame.type === 'welcome' ? 'welcome' : frame.code);
          if (frame.type === 'welcome' && !first) first = frame.channelId;
        }
        expect(answers).toEqual(['welcome', 'welcome', 'welcome', 'BOTBENCH_ERR_TOO_MANY_USERS']);
        expect(limited.platform.users.list({ botId: limitedBot.botId })).toHaveLength(3);
        // A returning visitor is never limited; a reset (a new visitor) is refused before it says or logs anything.
        const back = client.next('welcome');
        client.send({ type: 'hello', v: 1, botId: limitedBot.botId, channelId: first });
        expect(await back).toMatchObject({ channelId: first, created: false });
        const refused = client.next('error');
        client.send({ type: 'reset' });
        expect(await refused).toMatchObject({ code: 'BOTBENCH_ERR_TOO_MANY_USERS', ref: 'reset' });
        expect(client.frames.some((f) => f.type === 'reset')).toBe(false);
        expect(limited.platform.log.query({ kind: 'reset' })).toEqual([]);
        await client.close();
      } finally {
        await limited.close();
      }
    });

    it('shares newUsersPerSource between all the connections of one address', async () => {
      const limited = await startPlatform({ newUsersPerSource: 4 });
      try {
        const limitedBot = await createBot(limited);
        const answers: string[] = [];
        for (let i = 0; i < 6; i++) {
          const client = await WidgetClient.open(limited);
          const answer = Promise.race([client.next('welcome'), client.next('error')]);
          client.send({ type: 'hello', v: 1, botId: limitedBot.botId });
          const frame = await answer;
          answers.push(frame.type === 'welcome' ? 'welcome' : frame.code);
          await client.close();
        }
        expect(answers).toEqual(['welcome', 'welcome', 'welcome', 'welcome', 'BOTBENCH_ERR_TOO_MANY_USERS', 'BOTBENCH_ERR_TOO_MANY_USERS']);
        expect(limited.platform.users.list({ botId: limitedBot.botId })).toHaveLength(4);
      } finally {
        await limited.close();
      }
    });
  });

  it('logs connects, messages and disconnects with the response path', async () => {
    const { client, welcome } = await connect();
    const reply = client.next('message');
    client.send({ type: 'message', clientId: 'c1', text: 'log me' });
    await reply;
    await client.close();
    const entries = await eventually(async () => {
      const log = await api<{ entries: Array<{ kind: string; responsePath: string }> }>(
        server,
        'GET',
        `/api/log?responsePath=${encodeURIComponent(welcome.responsePath)}`,
      );
      return log.body.entries.length === 5 && log.body.entries;
    });
    expect(entries.map((e) => e.kind).reverse()).toEqual(['connect', 'message_in', 'message_out', 'flow', 'disconnect']);
  });

  describe('resources', () => {
    /** A user whose history is `count` messages of `text`, stored as a long conversation would have. */
    async function longHistory(on: PlatformServer, botId: string, externalUserId: string, count: number, text: string): Promise<void> {
      const { client, welcome } = await WidgetClient.connect(on, { botId, externalUserId });
      await client.close();
      for (let i = 0; i < count; i++) on.platform.transcripts.append(welcome.responsePath, 'in', 'widget', `${i} ${text}`);
    }

    /**
     * Hellos for a long history (~2.4 MB each) until the kernel's buffers are full (later ones are
     * refused: the client has not read), then 40 messages of 4,000 three-byte characters whose
     * `sent` frames and bot answers (~12 KB each) wait in the platform. None of it is read.
     */
    async function flood(socket: RawWidgetSocket, botId: string, externalUserId: string): Promise<void> {
      for (let i = 0; i < 10; i++) {
        socket.send({ type: 'hello', v: 1, botId, externalUserId });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (let i = 0; i < 40; i++) socket.send({ type: 'message', clientId: `f${i}`, text: '€'.repeat(4000) });
    }

    it('sends a long transcript in pages: the welcome has the oldest, `transcript` frames the rest, in order', async () => {
      await longHistory(server, bot.botId, 'Long1', 200, 'x'.repeat(3000));
      const client = await WidgetClient.open(server);
      clients.push(client);
      const last = client.nextWhere((frame) => frame.type === 'transcript' && !frame.more);
      client.send({ type: 'hello', v: 1, botId: bot.botId, externalUserId: 'Long1' });
      await last;
      const [welcome, ...pages] = client.frames as [
        Extract<ServerFrame, { type: 'welcome' }>,
        ...Array<Extract<ServerFrame, { type: 'transcript' }>>,
      ];
      expect(welcome).toMatchObject({ type: 'welcome', more: true });
      expect(pages.length).toBeGreaterThan(3);
      for (const frame of [welcome, ...pages]) expect(JSON.stringify(frame).length).toBeLessThanOrEqual(64 * 1024 + 1024);
      const all: WireMessage[] = [...welcome.transcript, ...pages.flatMap((page) => page.messages)];
      expect(all.map((message) => Number(message.text.split(' ')[0]))).toEqual([...Array(200).keys()]);
      expect(pages.map((page) => page.more)).toEqual([...pages.slice(1).map(() => true), false]);
    });

    it('closes a socket that stops reading once its send buffer passes the bound, and serves others meanwhile', async () => {
      const bounded = await startPlatform({ maxBufferedBytes: 256 * 1024 });
      try {
        const { botId } = await createBot(bounded, { name: 'Bounded' });
        await longHistory(bounded, botId, 'Hoarder', 200, '€'.repeat(4000));
        const hostile = await RawWidgetSocket.open(bounded.url);
        hostile.pause();
        // The welcome (~2.4 MB) fills the kernel's buffers; each message's `sent` frame and the bot's
        // answer (~12 KB each) then wait in the platform, up to the bound.
        await flood(hostile, botId, 'Hoarder');
        await eventually(() => bounded.platform.hub.size === 1);
        // The platform cut it (a client that reads nothing cannot notice that itself).
        await eventually(() => bounded.platform.hub.size === 0, 15_000);
        hostile.destroy();
        expect((await fetch(`${bounded.url}/api/health`)).status).toBe(200);
        const other = await WidgetClient.connect(bounded, { botId });
        expect(other.welcome.type).toBe('welcome');
        await other.client.close();
      } finally {
        await bounded.close();
      }
    }, 30_000);

    it('tells a client that reads too slowly why it was closed: code 4008', async () => {
      const bounded = await startPlatform({ maxBufferedBytes: 256 * 1024 });
      try {
        const { botId } = await createBot(bounded, { name: 'Bounded' });
        await longHistory(bounded, botId, 'Slow', 200, '€'.repeat(4000));
        const slow = await RawWidgetSocket.open(bounded.url);
        slow.pause();
        await flood(slow, botId, 'Slow');
        // Give the platform time to pass the bound, then read everything (within the 2 s grace).
        await new Promise((resolve) => setTimeout(resolve, 700));
        slow.resume();
        await closed(slow.socket, 15_000);
        expect(slow.closeCode).toBe(WIDGET_CLOSE.SEND_BUFFER_FULL);
      } finally {
        await bounded.close();
      }
    }, 30_000);

    it('refuses hellos past the burst on one connection with BOTBENCH_ERR_RATE_LIMIT', async () => {
      // Its own platform: 24 frames go out here, more than the suite's 20 a second.
      const own = await startPlatform();
      const { botId } = await createBot(own);
      const client = await WidgetClient.open(own);
      for (let i = 0; i < 12; i++) {
        client.send({ type: 'hello', v: 1, botId });
        // Each welcome read before the next hello (a client that has not read one gets no other).
        await client.sync();
      }
      expect(client.frames.filter((frame) => frame.type === 'welcome')).toHaveLength(10);
      expect(client.frames.filter((frame) => frame.type === 'error')).toEqual([
        expect.objectContaining({ code: 'BOTBENCH_ERR_RATE_LIMIT', ref: 'hello' }),
        expect.objectContaining({ code: 'BOTBENCH_ERR_RATE_LIMIT', ref: 'hello' }),
      ]);
      await client.close();
      await own.close();
    });

    it('gives no new welcome to a client that has not read the last one', async () => {
      await longHistory(server, bot.botId, 'Unread', 200, '€'.repeat(4000));
      const hostile = await RawWidgetSocket.open(server.url);
      hostile.pause();
      // Ten hellos (within the burst), each for ~2.4 MB: once the kernel's buffers are full, the rest are refused.
      for (let i = 0; i < 10; i++) {
        hostile.send({ type: 'hello', v: 1, botId: bot.botId, externalUserId: 'Unread' });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      hostile.resume();
      const answers = (): Array<{ type: string }> => hostile.json().filter((frame) => frame.type === 'welcome' || frame.type === 'error');
      await eventually(() => answers().length === 10, 10_000);
      const refused = answers().filter((frame) => frame.type === 'error');
      expect(refused.length).toBeGreaterThan(0);
      for (const error of refused)
        expect(error).toMatchObject({ code: 'BOTBENCH_ERR_RATE_LIMIT', ref: 'hello', message: expect.stringContaining('not been read') });
      hostile.destroy();
    }, 20_000);

    it('closes a socket that says no hello in time with 4408', async () => {
      const quick = await startPlatform({ helloTimeoutMs: 300 });
      try {
        const client = await WidgetClient.open(quick);
        const code = await new Promise<number>((resolve) => client.socket.once('close', (c) => resolve(c)));
        expect(code).toBe(WIDGET_CLOSE.HELLO_TIMEOUT);
      } finally {
        await quick.close();
      }
    });

    it('keeps slots for other addresses: one address gets 503 past its own cap, 127.0.0.2 still connects', async () => {
      const capped = await startPlatform({ maxConnections: 10, maxConnectionsPerAddress: 2 });
      const held: RawWidgetSocket[] = [];
      try {
        held.push(await RawWidgetSocket.open(capped.url), await RawWidgetSocket.open(capped.url));
        await expect(RawWidgetSocket.open(capped.url)).rejects.toThrow(/ 503 /);
        held.push(await RawWidgetSocket.open(capped.url, { localAddress: '127.0.0.2' }));
        // A slot comes back when its socket closes.
        held.shift()!.destroy();
        await eventually(async () => {
          try {
            held.push(await RawWidgetSocket.open(capped.url));
            return true;
          } catch {
            return false;
          }
        });
      } finally {
        for (const socket of held) socket.destroy();
        await capped.close();
      }
    });
  });
});

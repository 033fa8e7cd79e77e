import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEmbedCode } from '../../../main/platform/embed-code.ts';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { api, createBot, startPlatform, TOKEN, WidgetClient } from '../../mocks/platform.ts';

describe('admin API', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(async () => server.close());

  describe('POST /api/bots', () => {
    it('creates a bot with a Bot ID, embed code, webhook URL and snippet', async () => {
      const { status, body } = await api<Bot>(server, 'POST', '/api/bots', { name: 'Support bot' });
      expect(status).toBe(201);
      expect(body.botId).toMatch(/^[0-9a-f]{24}$/);
      expect(JSON.parse(Buffer.from(body.embedCode, 'base64').toString())).toEqual({ web: { botId: body.botId }, theme: '#1f6feb' });
      expect(body.webhookUrl).toMatch(new RegExp(`^${server.url}/hooks/[\\w-]{24}$`));
      expect(body.embedSnippet).toBe(
        `<script src="${server.url}/embed.js?callback=messengerReady" data-fxo-widget="${body.embedCode}" async defer></script>`,
      );
    });

    it('keeps a production Bot ID given directly', async () => {
      const bot = await createBot(server, { name: 'Prod', botId: '5852754509ac70000c104b80' });
      expect(bot.botId).toBe('5852754509ac70000c104b80');
    });

    it('keeps the Bot ID, theme and other keys of an imported embed code', async () => {
      const embedCode = encodeEmbedCode({ web: { botId: '5852754509ac70000c104b80', position: 'left' }, theme: '#ff0066' });
      const bot = await createBot(server, { name: 'Imported', embedCode });
      expect(bot.botId).toBe('5852754509ac70000c104b80');
      expect(bot.settings.theme).toBe('#ff0066');
      expect(JSON.parse(Buffer.from(bot.embedCode, 'base64').toString())).toEqual({
        web: { botId: '5852754509ac70000c104b80', position: 'left' },
        theme: '#ff0066',
      });
    });

    it.each([
      ['no name', {}, 400, 'BOTBENCH_ERR_VALIDATION', 'name'],
      ['an empty name', { name: '  ' }, 400, 'BOTBENCH_ERR_VALIDATION', 'name'],
      ['a bad Bot ID', { name: 'x', botId: 'ABC' }, 400, 'BOTBENCH_ERR_VALIDATION', 'botId'],
      ['a bad embed code', { name: 'x', embedCode: 'bm90IGpzb24=' }, 400, 'BOTBENCH_ERR_EMBED_CODE', 'base64 of JSON'],
      ['an unknown key', { name: 'x', colour: 'red' }, 400, 'BOTBENCH_ERR_VALIDATION', 'colour'],
    ])('refuses %s', async (_label, body, status, code, mention) => {
      const answer = await api<{ error: { code: string; message: string } }>(server, 'POST', '/api/bots', body);
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).toContain(mention);
      expect((await api<{ bots: unknown[] }>(server, 'GET', '/api/bots')).body.bots).toEqual([]);
    });

    it('refuses a second bot with the same Bot ID with 409', async () => {
      await createBot(server, { name: 'One', botId: '5852754509ac70000c104b80' });
      const answer = await api<{ error: { code: string } }>(server, 'POST', '/api/bots', { name: 'Two', botId: '5852754509ac70000c104b80' });
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'BOTBENCH_ERR_BOT_EXISTS' } } });
    });
  });

  it('renames a bot and changes its settings', async () => {
    const bot = await createBot(server);
    const answer = await api<Bot>(server, 'PATCH', `/api/bots/${bot.botId}`, { name: 'Renamed', settings: { theme: '#00aa55' } });
    expect(answer.body).toMatchObject({ name: 'Renamed', settings: { theme: '#00aa55', greeting: 'Hi! Ask me anything.' } });
    expect(JSON.parse(Buffer.from(answer.body.embedCode, 'base64').toString()).theme).toBe('#00aa55');
  });

  it('lists users with their kind, metadata and who is online, and finds one by response path', async () => {
    const bot = await createBot(server);
    const { client, welcome } = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: 'User123', metadata: { plan: 'gold' } });
    const list = await api<{ users: Array<Record<string, unknown>> }>(server, 'GET', `/api/users?botId=${bot.botId}`);
    expect(list.body.users).toEqual([
      expect.objectContaining({ responsePath: welcome.responsePath, kind: 'external', metadata: { plan: 'gold' }, online: 1, connections: 1 }),
    ]);
    const one = await api(server, 'GET', `/api/users/${bot.botId}/c/User123`);
    expect(one.body).toMatchObject({ channelId: 'User123' });
    const filtered = await api<{ users: unknown[] }>(server, 'GET', `/api/users?q=silver`);
    expect(filtered.body.users).toEqual([]);
    await client.close();
  });

  it('answers 404 for an unknown user and 400 for a malformed Bot ID', async () => {
    const bot = await createBot(server);
    expect((await api(server, 'GET', `/api/users/${bot.botId}/c/nobody`)).status).toBe(404);
    const bad = await api<{ error: { code: string } }>(server, 'GET', '/api/users/xyz/c/nobody');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'BOTBENCH_ERR_BOT_ID' } } });
  });

  describe('access', () => {
    it('needs the bearer token on every admin route', async () => {
      for (const path of ['/api/bots', '/api/users', '/api/log']) {
        const none = await fetch(`${server.url}${path}`);
        expect(none.status).toBe(401);
        expect(((await none.json()) as any).error.code).toBe('BOTBENCH_ERR_UNAUTHORIZED');
        const wrong = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}x` } });
        expect(wrong.status).toBe(401);
      }
    });

    it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
      const foreignHost = await server.app.inject({
        method: 'GET',
        url: '/api/bots',
        headers: { host: 'evil.example:80', authorization: `Bearer ${TOKEN}` },
      });
      expect(foreignHost.statusCode).toBe(403);
      const port = new URL(server.url).port;
      const foreignOrigin = await server.app.inject({
        method: 'GET',
        url: '/api/bots',
        headers: { host: `127.0.0.1:${port}`, origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` },
      });
      expect(foreignOrigin.json()).toMatchObject({ error: { code: 'BOTBENCH_ERR_FORBIDDEN_HOST' } });
    });

    it('offers no CORS to other origins: a preflight gets no allow-origin', async () => {
      const preflight = await fetch(`${server.url}/api/bots`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.status).toBe(404);
    });

    it('takes JSON bodies only', async () => {
      const response = await fetch(`${server.url}/api/bots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Form',
      });
      expect(response.status).toBe(415);
      expect(((await response.json()) as any).error.code).toBe('BOTBENCH_ERR_CONTENT_TYPE');
    });

    it('validates a botId filter', async () => {
      const answer = await api<{ error: { code: string; field: string } }>(server, 'GET', '/api/users?botId=zzz');
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'BOTBENCH_ERR_VALIDATION' } } });
    });

    it('answers an unknown route with a JSON 404', async () => {
      const response = await fetch(`${server.url}/nope`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).error.code).toBe('BOTBENCH_ERR_NOT_FOUND');
    });
  });
});

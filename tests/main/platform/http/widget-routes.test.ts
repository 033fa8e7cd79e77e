import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userHashFor } from '../../../../main/platform/identity-verification.ts';
import type { Bot } from '../../../../main/platform/model.ts';
import { MAX_BOTS_ON_FIRST_SIGHT } from '../../../../main/platform/platform.ts';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { api, createBot, startPlatform, WidgetClient } from '../../../mocks/platform.ts';

describe('widget routes', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(async () => server.close());

  const lookUp = (id: string) => fetch(`${server.url}/messenger/connections/${encodeURIComponent(id)}`);

  it('serves loader.js to any origin, like embed.js', async () => {
    for (const path of ['/embed.js', '/loader.js']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect((await response.text()).length).toBeGreaterThan(1000);
    }
  });

  it('names the bot of a known connection ID, and makes one, once, for an unseen ID', async () => {
    const bot = await createBot(server, { name: 'Known', connectionId: 'acme-site-1' });
    expect(bot.loaderSnippet).toBe(`<script src="${server.url}/loader.js" data-connection="acme-site-1"></script>`);
    expect(await (await lookUp('acme-site-1')).json()).toEqual({ connectionId: 'acme-site-1', botId: bot.botId, name: 'Known', theme: '#1f6feb' });

    const first = (await (await lookUp('your-connection-id')).json()) as { botId: string; name: string };
    expect(first.name).toBe('Connection your-connection-id');
    expect(((await (await lookUp('your-connection-id')).json()) as { botId: string }).botId).toBe(first.botId);
    expect(server.platform.bots.list()).toHaveLength(2);
    // Nothing is written for a visitor until a widget connects.
    expect(server.platform.users.list({})).toEqual([]);
  });

  it('refuses a malformed connection ID with its code, readable by any origin, and makes nothing', async () => {
    const response = await lookUp('not a/connection');
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toMatchObject({ error: { code: 'BOTBENCH_ERR_CONNECTION_ID', field: 'connectionId' } });
    expect(server.platform.bots.list()).toEqual([]);
  });

  it(`makes at most ${MAX_BOTS_ON_FIRST_SIGHT} bots for unseen connection IDs per run`, async () => {
    for (let i = 0; i < MAX_BOTS_ON_FIRST_SIGHT; i++) server.platform.connectionBot(`site-${i}`);
    const response = await lookUp('one-too-many');
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ error: { code: 'BOTBENCH_ERR_CONNECTION_LIMIT' } });
    // A known one still answers.
    expect((await lookUp('site-0')).status).toBe(200);
  });

  it('keeps a hello’s name and email on the user record and a message’s metadata on its flow trigger', async () => {
    const bot = await createBot(server, { name: 'Loader bot' });
    const { client, welcome } = await WidgetClient.connect(server, {
      botId: bot.botId,
      externalUserId: 'user-42',
      name: 'Ada',
      email: 'ada@example.com',
      metadata: { plan: 'pro' },
    });
    expect(server.platform.users.get(welcome.responsePath)?.attributes).toMatchObject({ name: 'Ada', email: 'ada@example.com' });
    const reply = client.nextWhere((frame) => frame.type === 'message' && frame.message.source === 'bot');
    client.send({ type: 'message', clientId: 'c1', text: 'hi', metadata: { orderId: 'A-17' } });
    const text = ((await reply) as { message: { text: string } }).message.text;
    expect(text).toContain('"orderId":"A-17"');
    expect(text).toContain('"plan":"pro"');
    await client.close();
  });
});

describe('GET /site/{botId}', () => {
  let server: PlatformServer;
  let bot: Bot;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    await api(server, 'PATCH', `/api/bots/${bot.botId}`, { settings: { verifyIdentity: true } });
  });
  afterEach(() => server.close());

  const page = async (query: string) => {
    const response = await fetch(`${server.url}/site/${bot.botId}?${query}`);
    return { status: response.status, text: await response.text() };
  };

  it('refuses signed=1: the demo site signs for no one who merely asks', async () => {
    const answer = await page('externalUserId=alice&signed=1');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({
      error: { code: 'BOTBENCH_ERR_VALIDATION', field: 'querystring.signed', expected: expect.stringContaining('userHash=') },
    });
    expect(answer.text).not.toContain(userHashFor(bot.identitySecret, 'alice'));
  });

  it('serves no valid userHash to an unauthenticated request, for an external user ID or a login', async () => {
    for (const query of ['externalUserId=alice', 'loginAs=alice', 'externalUserId=alice&loginAs=alice&open=0']) {
      const answer = await page(query);
      expect(answer.status, query).toBe(200);
      expect(answer.text, query).not.toContain(userHashFor(bot.identitySecret, 'alice'));
    }
  });

  it('passes on the userHash the site’s server put in the URL, and a forger’s hello without one is refused', async () => {
    const hash = userHashFor(bot.identitySecret, 'alice');
    const signed = await page(`externalUserId=alice&userHash=${hash}&loginAs=bob&loginHash=${'a'.repeat(64)}`);
    expect(signed.text).toContain(`"userHash":"${hash}"`);
    expect(signed.text).toContain(`{"userHash":"${'a'.repeat(64)}"}`);

    const forger = await WidgetClient.open(server);
    try {
      const refused = forger.next('error');
      forger.send({ type: 'hello', v: 1, botId: bot.botId, externalUserId: 'alice' });
      expect(await refused).toMatchObject({ code: 'BOTBENCH_ERR_IDENTITY', ref: 'hello' });
    } finally {
      await forger.close();
    }
  });

  // Reproduced before the fix: the page's JSON.stringify of 5,000 levels overflowed the stack, a 500 BOTBENCH_ERR_INTERNAL.
  it('answers metadata nested too deep with 400 and the expected shape', async () => {
    // "[" and "]" travel unencoded in a query, so 5,000 levels fit in the 16 KiB request line.
    const answer = await page(`metadata=%7B%22a%22:${'['.repeat(5000)}${']'.repeat(5000)}%7D`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({
      error: { code: 'BOTBENCH_ERR_VALIDATION', field: 'querystring.metadata', expected: expect.stringContaining('nested at most 32 levels deep') },
    });
  });
});

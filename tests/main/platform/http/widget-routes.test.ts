import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BOTS_ON_FIRST_SIGHT } from '../../../../main/platform/platform.ts';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { createBot, startPlatform, WidgetClient } from '../../../mocks/platform.ts';

// The routes loader.js needs: its script, and the bot behind a data-connection (made on first sight).

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

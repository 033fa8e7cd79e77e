import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bin, BinRequest, Bot, Flow, LogEntry } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { api, createBot, eventually, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('flows on a running platform', () => {
  let server: PlatformServer;
  let bot: Bot;
  const clients: WidgetClient[] = [];

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server, { name: 'Flow bot' });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.close();
  });

  const connect = async (hello: Record<string, unknown> = {}) => {
    const connected = await WidgetClient.connect(server, { botId: bot.botId, ...hello });
    clients.push(connected.client);
    return connected;
  };
  const flows = async () => (await api<{ flows: Flow[] }>(server, 'GET', `/api/bots/${bot.botId}/flows`)).body.flows;
  const setFlows = (definitions: unknown[]) => api<{ flows: Flow[] }>(server, 'PUT', `/api/bots/${bot.botId}/flows`, definitions);
  const log = async (query = '') => (await api<{ entries: LogEntry[] }>(server, 'GET', `/api/log?kind=flow${query}`)).body.entries;

  it('starts every bot with the identity echo and the webhook flow at the bot’s webhook URL', async () => {
    const list = await flows();
    expect(list.map((f) => [f.name, f.trigger.type])).toEqual([
      ['Identity echo', 'message'],
      ['Deliver webhook text', 'webhook'],
    ]);
    expect(list[1]!.webhookUrl).toBe(bot.webhookUrl);
  });

  it('calls "your back end" with the metadata, the bin records it, and the reply reaches the widget', async () => {
    const bin = (await api<Bin>(server, 'POST', '/api/bins', { name: 'Back end', response: { body: '{"name":"Jane","plan":"gold"}' } })).body;
    await setFlows([
      {
        name: 'Look up the user',
        trigger: { type: 'message', match: { type: 'keyword', keywords: ['who'] } },
        actions: [
          { type: 'http', url: `${bin.url}/users?user={{metadata.myUserId}}`, saveAs: 'backend' },
          { type: 'send', text: 'Hello {{steps.backend.body.name}}, your plan is {{steps.backend.body.plan}}.' },
        ],
      },
    ]);
    const { client } = await connect({ metadata: { myUserId: '123' } });
    const reply = client.next('message');
    client.send({ type: 'message', clientId: 'c1', text: 'who am I' });
    expect((await reply).message.text).toBe('Hello Jane, your plan is gold.');
    const requests = (await api<{ requests: BinRequest[] }>(server, 'GET', `/api/bins/${bin.id}/requests`)).body.requests;
    expect(requests).toEqual([expect.objectContaining({ method: 'GET', path: `/bin/${bin.id}/users`, query: { user: '123' } })]);
    expect((await log())[0]).toMatchObject({ status: 'success', summary: 'Flow "Look up the user": Success' });
  });

  it('logs a message that matches no trigger as Filtered', async () => {
    await setFlows([
      { name: 'Orders', trigger: { type: 'message', match: { type: 'keyword', keywords: ['order'] } }, actions: [{ type: 'send', text: 'ok' }] },
    ]);
    const { client } = await connect();
    client.send({ type: 'message', clientId: 'c1', text: 'hello' });
    const entries = await eventually(async () => {
      const found = await log();
      return found.length > 0 && found;
    });
    expect(entries[0]).toMatchObject({ status: 'filtered', summary: 'Flow "Orders": Filtered (trigger not matched)' });
  });

  it('a webhook flow with its own URL sends to {{webhook.body.response_path}} and the right widget gets it', async () => {
    const created = await api<Flow>(server, 'POST', `/api/bots/${bot.botId}/flows`, {
      name: 'Order shipped',
      trigger: { type: 'webhook' },
      actions: [{ type: 'send', to: '{{webhook.body.response_path}}', text: 'Order {{webhook.body.order.id}} shipped' }],
    });
    expect(created.status).toBe(201);
    const url = created.body.webhookUrl!;
    expect(url).not.toBe(bot.webhookUrl);
    expect(url).toMatch(/\/hooks\/[\w-]{24}$/);
    const target = await connect({ externalUserId: 'User123' });
    const other = await connect();
    const got = target.client.next('message');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_path: `${bot.botId}/c/User123`, order: { id: 42 } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'delivered', delivered: 1, run: { flowId: created.body.id, status: 'success' } });
    expect((await got).message).toMatchObject({ text: 'Order 42 shipped', source: 'webhook' });
    expect(other.client.messages()).toEqual([]);
  });

  it('marks a run Failed with the reason when its HTTP task fails, and the webhook answers 424', async () => {
    const bin = (await api<Bin>(server, 'POST', '/api/bins', { name: 'Broken back end', response: { status: 503, body: 'down for maintenance' } }))
      .body;
    const created = await api<Flow>(server, 'POST', `/api/bots/${bot.botId}/flows`, {
      name: 'Sync',
      trigger: { type: 'webhook' },
      actions: [{ type: 'http', method: 'POST', url: bin.url, body: '{{webhook.body | json}}' }],
    });
    const response = await fetch(created.body.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(response.status).toBe(424);
    expect(((await response.json()) as any).error).toMatchObject({
      code: 'BOTBENCH_ERR_FLOW_FAILED',
      message: expect.stringContaining('answered 503: down for maintenance'),
    });
    const [entry] = await log('&status=failed');
    expect(entry).toMatchObject({ summary: expect.stringContaining('Flow "Sync": Failed at action 1 (http)') });
    expect((entry!.detail as any).steps[0]).toMatchObject({ type: 'http', status: 'failed' });
  });

  it('stops reading an endless answer at the cap over real HTTP, answers 424 with the reason, and keeps the database small', async () => {
    // A back end that streams 64 KiB chunks until the client goes away (at most 200 MiB, so the test ends either way).
    let written = 0;
    const backend = createServer((_request, response) => {
      const chunk = Buffer.alloc(64 * 1024, 0x78);
      const more = (): void => {
        while (written < 200 * 1024 * 1024 && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        response.end();
      };
      more();
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/dump`;
      const created = await api<Flow>(server, 'POST', `/api/bots/${bot.botId}/flows`, {
        name: 'Dump',
        trigger: { type: 'webhook' },
        actions: [{ type: 'http', url }],
      });
      const pagesBefore = (server.platform.db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
      const response = await fetch(created.body.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(424);
      expect(((await response.json()) as any).error.message).toContain('answered more than 1048576 bytes; Botbench stopped reading there');
      expect(written).toBeLessThan(200 * 1024 * 1024);
      const pagesAfter = (server.platform.db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
      expect((pagesAfter - pagesBefore) * 4096).toBeLessThan(256 * 1024);
    } finally {
      backend.closeAllConnections();
      await new Promise((resolve) => backend.close(resolve));
    }
  });

  it('fails an HTTP task to an unreachable host with a readable error, and the platform lives on', async () => {
    // A port nobody listens on: take a free one and let it go.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await setFlows([
      { name: 'Dead end', trigger: { type: 'message' }, actions: [{ type: 'http', url: `http://127.0.0.1:${port}/nothing`, timeoutMs: 1000 }] },
    ]);
    const { client } = await connect();
    client.send({ type: 'message', clientId: 'c1', text: 'hi' });
    const [entry] = await eventually(async () => {
      const found = await log('&status=failed');
      return found.length > 0 && found;
    });
    expect(entry!.summary).toBe(
      `Flow "Dead end": Failed at action 1 (http): HTTP GET http://127.0.0.1:${port}/nothing failed: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:${port})`,
    );
    expect((await api(server, 'GET', '/api/bots')).status).toBe(200);
  });

  it('runs new-conversation flows on the first contact of a Channel ID only', async () => {
    await setFlows([{ name: 'Welcome', trigger: { type: 'conversation' }, actions: [{ type: 'send', text: 'Welcome, {{trigger.channelId}}!' }] }]);
    const first = await connect();
    await eventually(() => first.client.messages().length === 1);
    expect(first.client.messages()).toEqual([`Welcome, ${first.welcome.channelId}!`]);
    first.client.send({ type: 'ack', ids: first.client.frames.flatMap((f) => (f.type === 'message' ? [f.message.id] : [])) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.client.close();
    const again = await connect({ channelId: first.welcome.channelId });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(again.welcome.created).toBe(false);
    expect(again.welcome.transcript.map((m) => m.text)).toEqual([`Welcome, ${first.welcome.channelId}!`]);
    expect(again.client.messages()).toEqual([]);
    expect((await log()).filter((e) => e.summary.startsWith('Flow "Welcome"'))).toHaveLength(1);
  });

  it('sets user attributes visible in the users database', async () => {
    await setFlows([
      { name: 'Remember', trigger: { type: 'message' }, actions: [{ type: 'set_attribute', name: 'lastWord', value: '{{trigger.text}}' }] },
    ]);
    const { client, welcome } = await connect();
    client.send({ type: 'message', clientId: 'c1', text: 'banana' });
    await eventually(
      async () =>
        (await api<{ attributes: Record<string, string> }>(server, 'GET', `/api/users/${bot.botId}/c/${welcome.channelId}`)).body.attributes
          .lastWord === 'banana',
    );
  });

  describe('bad flows', () => {
    it('refuses an invalid flow whole, naming the bad field', async () => {
      const answer = await api<{ error: { code: string; field: string; message: string } }>(server, 'POST', `/api/bots/${bot.botId}/flows`, {
        name: 'Bad',
        trigger: { type: 'message' },
        actions: [{ type: 'http', url: 'http://x', method: 'FETCH' }],
      });
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'BOTBENCH_ERR_FLOW', field: 'flow.actions[0].method' } } });
      expect(await flows()).toHaveLength(2);
    });

    it('refuses an import with one bad flow and keeps the old set', async () => {
      const answer = await setFlows([
        { name: 'Fine', trigger: { type: 'conversation' }, actions: [{ type: 'send', text: 'hi' }] },
        { name: 'Broken', trigger: { type: 'conversation' }, actions: [] },
      ]);
      expect(answer).toMatchObject({ status: 400, body: { error: { field: 'flows[1].actions' } } } as any);
      expect((await flows()).map((f) => f.name)).toEqual(['Identity echo', 'Deliver webhook text']);
    });

    it('answers 404 at the URL of a disabled webhook flow', async () => {
      const [, hook] = await flows();
      await api(server, 'PUT', `/api/flows/${hook!.id}`, { name: hook!.name, enabled: false, trigger: hook!.trigger, actions: hook!.actions });
      const response = await fetch(bot.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).error).toMatchObject({
        code: 'BOTBENCH_ERR_FLOW_NOT_FOUND',
        message: expect.stringContaining('disabled'),
      });
    });
  });
});

describe('request bins', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(async () => server.close());

  it('records any method and content type exactly as sent, and answers as configured', async () => {
    const bin = (
      await api<Bin>(server, 'POST', '/api/bins', {
        name: 'Capture',
        response: { status: 418, body: 'teapot', contentType: 'text/plain', delayMs: 50 },
      })
    ).body;
    const started = Date.now();
    const response = await fetch(`${bin.url}/a/b?x=1`, { method: 'PUT', headers: { 'content-type': 'text/csv', 'x-trace': 't1' }, body: 'a,b\n1,2' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(response.status).toBe(418);
    expect(await response.text()).toBe('teapot');
    const [captured] = (await api<{ requests: BinRequest[] }>(server, 'GET', `/api/bins/${bin.id}/requests`)).body.requests;
    expect(captured).toMatchObject({
      method: 'PUT',
      path: `/bin/${bin.id}/a/b`,
      query: { x: '1' },
      body: 'a,b\n1,2',
      headers: expect.objectContaining({ 'x-trace': 't1', 'content-type': 'text/csv' }),
    });
    expect((await api<{ bins: Bin[] }>(server, 'GET', '/api/bins')).body.bins[0]!.requests).toBe(1);
  });

  it('answers 404 for an unknown bin', async () => {
    const response = await fetch(`${server.url}/bin/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as any).error.code).toBe('BOTBENCH_ERR_BIN_NOT_FOUND');
  });
});

describe('flow import and bins, edge cases', () => {
  let server: PlatformServer;
  let bot: Bot;
  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
  });
  afterEach(async () => server.close());

  it('keeps the bot’s webhook URL working after re-importing its exported flows', async () => {
    const exported = (await api<{ flows: Flow[] }>(server, 'GET', `/api/bots/${bot.botId}/flows`)).body.flows;
    expect((await api(server, 'PUT', `/api/bots/${bot.botId}/flows`, exported)).status).toBe(200);
    const { client } = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: 'User123' });
    const response = await fetch(bot.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_path: `${bot.botId}/c/User123`, text: 'still here' }),
    });
    expect(response.status).toBe(200);
    await client.close();
  });

  it('keeps each bin’s newest 1,000 requests, whatever other bins do', async () => {
    const quiet = server.platform.bins.create('quiet');
    const busy = server.platform.bins.create('busy');
    server.platform.bins.record(quiet.id, { method: 'GET', path: '/', query: {}, headers: {}, body: 'kept' });
    for (let i = 0; i < 1005; i++) server.platform.bins.record(busy.id, { method: 'GET', path: '/', query: {}, headers: {}, body: String(i) });
    expect(server.platform.bins.requests(quiet.id).map((r) => r.body)).toEqual(['kept']);
    expect(server.platform.bins.get(busy.id)!.requests).toBe(1000);
    expect(server.platform.bins.requests(busy.id, 1)[0]!.body).toBe('1004');
  });
});

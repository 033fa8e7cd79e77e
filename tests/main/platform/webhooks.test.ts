import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { onCommit } from '../../../main/platform/storage/database.ts';
import { api, createBot, eventually, postWebhook, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('POST {webhookUrl}', () => {
  let server: PlatformServer;
  let bot: Bot;
  const clients: WidgetClient[] = [];

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await server.close();
  });

  async function visitor(hello: { channelId?: string; externalUserId?: string } = {}) {
    const connected = await WidgetClient.connect(server, { botId: bot.botId, ...hello });
    clients.push(connected.client);
    return connected;
  }

  it('delivers to every connected widget of the response path and says how many', async () => {
    const a = await visitor({ externalUserId: 'User123' });
    const b = await visitor({ externalUserId: 'User123' });
    const stranger = await visitor();
    const gotA = a.client.next('message');
    const gotB = b.client.next('message');
    const answer = await postWebhook(bot, { response_path: `${bot.botId}/c/User123`, text: 'Your order shipped' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'delivered', delivered: 2, responsePath: `${bot.botId}/c/User123` });
    expect((await gotA).message).toMatchObject({ text: 'Your order shipped', source: 'webhook' });
    expect((await gotB).message.text).toBe('Your order shipped');
    expect(stranger.client.messages()).toEqual([]);
  });

  it('looks its flow up once per request, whether it is delivered or refused', async () => {
    await visitor({ externalUserId: 'User123' });
    const lookups = vi.spyOn(server.platform.flows, 'byHookId');
    expect((await postWebhook(bot, { response_path: `${bot.botId}/c/User123`, text: 'hi' })).status).toBe(200);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect((await postWebhook(bot, { text: 'no response path' })).status).toBe(400);
    expect(lookups).toHaveBeenCalledTimes(2);
  });

  it('accepts a form body as well as JSON', async () => {
    const { client, welcome } = await visitor();
    const got = client.next('message');
    const form = new URLSearchParams({ response_path: welcome.responsePath, text: 'from a form' }).toString();
    const answer = await postWebhook(bot, form, 'application/x-www-form-urlencoded');
    expect(answer).toMatchObject({ status: 200, body: { status: 'delivered', delivered: 1 } });
    expect((await got).message.text).toBe('from a form');
  });

  it('queues for an offline user and delivers in order, each once, on reconnect', async () => {
    const first = await visitor();
    const path = first.welcome.responsePath;
    await first.client.close();
    await eventually(
      async () => (await api<{ online: number }>(server, 'GET', `/api/users/${bot.botId}/c/${first.welcome.channelId}`)).body.online === 0,
    );

    for (const text of ['one', 'two', 'three']) {
      const answer = await postWebhook(bot, { response_path: path, text });
      expect(answer.body).toMatchObject({ status: 'queued', delivered: 0 });
    }
    const again = await WidgetClient.open(server);
    clients.push(again);
    again.send({ type: 'hello', v: 1, botId: bot.botId, channelId: first.welcome.channelId });
    await eventually(() => again.messages().length === 3);
    expect(again.messages()).toEqual(['one', 'two', 'three']);
    const ids = again.frames.flatMap((f) => (f.type === 'message' ? [f.message.id] : []));
    again.send({ type: 'ack', ids });

    // Acknowledged: the next connection gets them as history, not as new messages.
    await eventually(
      async () =>
        (await api<{ pending: unknown[] }>(server, 'GET', `/api/users/${bot.botId}/c/${first.welcome.channelId}/transcript`)).body.pending.length ===
        0,
    );
    const third = await visitor({ channelId: first.welcome.channelId });
    expect(third.welcome.transcript.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(third.client.messages()).toEqual([]);
  });

  it('re-sends unacknowledged messages on the next connection', async () => {
    const first = await visitor();
    await first.client.close();
    await postWebhook(bot, { response_path: first.welcome.responsePath, text: 'not acked' });
    const second = await WidgetClient.open(server);
    clients.push(second);
    second.send({ type: 'hello', v: 1, botId: bot.botId, channelId: first.welcome.channelId });
    await eventually(() => second.messages().length === 1);
    await second.close();
    const third = await WidgetClient.open(server);
    clients.push(third);
    third.send({ type: 'hello', v: 1, botId: bot.botId, channelId: first.welcome.channelId });
    await eventually(() => third.messages().length === 1);
    expect(third.messages()).toEqual(['not acked']);
  });

  it('answers a CORS preflight, so a page’s own JavaScript can fire it', async () => {
    const preflight = await fetch(bot.webhookUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
  });

  it('logs every webhook with its outcome', async () => {
    const { welcome } = await visitor();
    await postWebhook(bot, { response_path: welcome.responsePath, text: 'logged' });
    const log = await api<{ entries: Array<{ kind: string; status: string; responsePath: string }> }>(server, 'GET', `/api/log?kind=webhook`);
    expect(log.body.entries[0]).toMatchObject({ kind: 'webhook', status: 'delivered', responsePath: welcome.responsePath });
  });

  it('is one write: its message, its webhook entry and its flow run’s entry commit together, in order', async () => {
    const first = await visitor();
    await first.client.close();
    const { db } = server.platform;
    let commits = 0;
    onCommit(db, () => commits++);
    try {
      const answer = await postWebhook(bot, { response_path: first.welcome.responsePath, text: 'one write' });
      expect(answer.body).toMatchObject({ status: 'queued', run: { status: 'success' } });
      expect(commits).toBe(1);
    } finally {
      onCommit(db, null);
    }
    const log = await api<{ entries: Array<{ seq: number; kind: string; status: string; detail: Record<string, unknown> }> }>(
      server,
      'GET',
      '/api/log?limit=2',
    );
    const [flow, webhook] = log.body.entries;
    expect(webhook).toMatchObject({ kind: 'webhook', status: 'queued', detail: { text: 'one write' } });
    // The Log screen's entry for the run, as before: Flow XO's status and each step with its output.
    expect(flow).toMatchObject({
      kind: 'flow',
      status: 'success',
      detail: { steps: [{ type: 'send', status: 'success', output: { status: 'queued', delivered: 0 } }] },
    });
    expect(flow!.seq).toBe(webhook!.seq + 1);
  });

  describe('bad input', () => {
    it.each([
      ['malformed JSON', '{"response_path":', 'application/json', 400, 'BOTBENCH_ERR_JSON'],
      ['an empty JSON body', '', 'application/json', 400, 'BOTBENCH_ERR_JSON'],
      ['a JSON array', '[]', 'application/json', 400, 'BOTBENCH_ERR_VALIDATION'],
      ['no response_path', '{"text":"hi"}', 'application/json', 400, 'BOTBENCH_ERR_VALIDATION'],
      ['an empty text', '{"response_path":"5852754509ac70000c104b80/c/x","text":"  "}', 'application/json', 400, 'BOTBENCH_ERR_VALIDATION'],
      ['a malformed response path', '{"response_path":"User123","text":"hi"}', 'application/json', 400, 'BOTBENCH_ERR_RESPONSE_PATH'],
      [
        'a path with a control character',
        '{"response_path":"5852754509ac70000c104b80/c/a\\u0001","text":"hi"}',
        'application/json',
        400,
        'BOTBENCH_ERR_RESPONSE_PATH',
      ],
      ['an unknown bot', '{"response_path":"5852754509ac70000c104b80/c/User123","text":"hi"}', 'application/json', 404, 'BOTBENCH_ERR_BOT_NOT_FOUND'],
      ['text/plain', 'response_path=x', 'text/plain', 415, 'BOTBENCH_ERR_CONTENT_TYPE'],
    ])('%s gets %s %s with a message', async (_label, body, contentType, status, code) => {
      const answer = await postWebhook(bot, body, contentType);
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message.length).toBeGreaterThan(10);
    });

    it('an unknown user of a known bot gets 404 BOTBENCH_ERR_USER_NOT_FOUND and nothing is stored', async () => {
      const answer = await postWebhook(bot, { response_path: `${bot.botId}/c/Nobody`, text: 'hi' });
      expect(answer).toMatchObject({ status: 404, body: { error: { code: 'BOTBENCH_ERR_USER_NOT_FOUND' } } });
      const users = await api<{ users: unknown[] }>(server, 'GET', `/api/users?botId=${bot.botId}`);
      expect(users.body.users).toEqual([]);
      const log = await api<{ entries: Array<{ status: string }> }>(server, 'GET', '/api/log?kind=webhook');
      expect(log.body.entries.map((e) => e.status)).toEqual(['refused']);
    });

    it('an unknown webhook URL gets 404', async () => {
      const response = await fetch(`${server.url}/hooks/nope`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).error.code).toBe('BOTBENCH_ERR_FLOW_NOT_FOUND');
    });

    it('logs every refusal with its code, a bad body or an unknown URL alike', async () => {
      await postWebhook(bot, '{"text":"no path"}');
      await fetch(`${server.url}/hooks/nope`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const log = await api<{ entries: Array<{ status: string; botId: string | null; detail: { code: string } }> }>(
        server,
        'GET',
        '/api/log?kind=webhook',
      );
      expect(log.body.entries.map((e) => [e.status, e.botId, e.detail.code])).toEqual([
        ['refused', null, 'BOTBENCH_ERR_FLOW_NOT_FOUND'],
        ['refused', bot.botId, 'BOTBENCH_ERR_VALIDATION'],
      ]);
    });

    it('names the content type it refused', async () => {
      const answer = await postWebhook(bot, 'hello', 'text/csv');
      expect(answer.body.error.message).toBe('Unsupported content type "text/csv".');
    });

    it('an oversize body gets 413', async () => {
      const answer = await postWebhook(bot, { response_path: `${bot.botId}/c/x`, text: 'x'.repeat(1024 * 1024 + 10) });
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe('BOTBENCH_ERR_BODY_TOO_LARGE');
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'svix';
import { prepareWebhook, requireLoopback, sendWebhook } from '../../../main/api/webhook-composer.ts';
import type { WebhookRequest } from '../../../main/workspace/types.ts';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { api, createBot, startPlatform, WidgetClient } from '../../mocks/platform.ts';

const botId = '5852754509ac70000c104b80';
const bot = { botId, webhookUrl: 'http://127.0.0.1:4000/hooks/abc', webhookSecret: `whsec_${Buffer.from('k'.repeat(24)).toString('base64')}` } as Bot;
const request = (change: Partial<WebhookRequest> = {}): WebhookRequest => ({
  botId,
  responsePath: `${botId}/c/User123`,
  body: '{"response_path":"{{responsePath}}","text":"hi"}',
  headers: {},
  ...change,
});

describe('prepareWebhook()', () => {
  it('fills responsePath, botId, channelId, now and webhookUrl', () => {
    const prepared = prepareWebhook(
      bot,
      request({ body: '{"response_path":"{{responsePath}}","bot":"{{botId}}","who":"{{channelId}}","at":"{{now}}","u":"{{webhookUrl}}"}' }),
      {},
      new Date(0),
    );
    expect(JSON.parse(prepared.body!)).toEqual({
      response_path: `${botId}/c/User123`,
      bot: botId,
      who: 'User123',
      at: '1970-01-01T00:00:00.000Z',
      u: bot.webhookUrl,
    });
    expect(prepared).toMatchObject({ method: 'POST', url: bot.webhookUrl, headers: { 'content-type': 'application/json' } });
  });

  it('refuses an unknown variable before sending, naming it', () => {
    expect(() => prepareWebhook(bot, request({ body: '{"x":"{{nothing}}"}' }))).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_VARIABLE_UNKNOWN', message: expect.stringContaining('{{nothing}}') }),
    );
  });

  it('escapes values for a JSON string, so quotes cannot break the body', () => {
    const prepared = prepareWebhook(bot, request({ responsePath: `${botId}/c/a"b` }));
    expect(JSON.parse(prepared.body!)).toEqual({ response_path: `${botId}/c/a"b`, text: 'hi' });
  });

  it('resolves the response path from the environment first, then the body from it', () => {
    const prepared = prepareWebhook(bot, request({ responsePath: '{{botId}}/c/{{userId}}' }), { userId: 'User9' });
    expect(prepared.responsePath).toBe(`${botId}/c/User9`);
    expect(JSON.parse(prepared.body!).response_path).toBe(`${botId}/c/User9`);
  });

  it('encodes a form body and fills its fields; text bodies are sent as they are', () => {
    const form = prepareWebhook(
      bot,
      request({
        bodyMode: 'form',
        form: [
          { key: 'response_path', value: '{{responsePath}}' },
          { key: 'text', value: 'a & b' },
          { key: '', value: 'dropped' },
        ],
      }),
    );
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(form.body))).toEqual({ response_path: `${botId}/c/User123`, text: 'a & b' });
    const text = prepareWebhook(bot, request({ bodyMode: 'text', body: 'raw "{{channelId}}"' }));
    expect(text).toMatchObject({ body: 'raw "User123"', headers: { 'content-type': 'text/plain' } });
  });

  it('lets a header override the content type, and sends no body with GET', () => {
    expect(prepareWebhook(bot, request({ headers: { 'Content-Type': 'application/vnd.x+json' } })).headers['content-type']).toBe(
      'application/vnd.x+json',
    );
    const get = prepareWebhook(bot, request({ method: 'GET', url: 'http://127.0.0.1:4000/bin/x?u={{channelId}}' }));
    expect(get).toMatchObject({ body: undefined, url: 'http://127.0.0.1:4000/bin/x?u=User123' });
  });

  it('signs under svix-* names when asked, verifiable by the svix package', () => {
    const prepared = prepareWebhook(bot, request({ sign: true, signHeaders: 'svix' }));
    expect(Object.keys(prepared.headers).filter((h) => h.startsWith('svix-'))).toHaveLength(3);
    expect(() => new Webhook(bot.webhookSecret).verify(prepared.body!, prepared.headers)).not.toThrow();
  });
});

describe('requireLoopback()', () => {
  it.each(['http://127.0.0.1:3000/x', 'http://127.9.9.9/x', 'https://localhost/x', 'http://[::1]:80/'])('accepts %s', (url) => {
    expect(() => requireLoopback(url)).not.toThrow();
  });
  it.each(['http://example.com/', 'http://10.0.0.1/', 'ftp://127.0.0.1/', 'not a url', 'http://127.0.0.1.example.com/'])('refuses %s', (url) => {
    expect(() => requireLoopback(url)).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_TARGET_NOT_LOOPBACK' }));
  });
});

describe('sendWebhook()', () => {
  let server: PlatformServer;
  let realBot: Bot;
  beforeEach(async () => {
    server = await startPlatform();
    realBot = await createBot(server);
  });
  afterEach(async () => server.close());

  it('delivers to a connected widget, and names the method and URL it used', async () => {
    const { client } = await WidgetClient.connect(server, { botId: realBot.botId, externalUserId: 'User123' });
    try {
      const entry = await sendWebhook(realBot, request({ botId: realBot.botId, responsePath: `${realBot.botId}/c/User123` }), []);
      expect(entry).toMatchObject({ sentMethod: 'POST', sentUrl: realBot.webhookUrl, trace: { status: 200, outcome: 'delivered' } });
    } finally {
      await client.close();
    }
  });

  it('sends a form body the platform accepts', async () => {
    const entry = await sendWebhook(
      realBot,
      request({
        botId: realBot.botId,
        responsePath: `${realBot.botId}/c/User123`,
        bodyMode: 'form',
        form: [
          { key: 'response_path', value: '{{responsePath}}' },
          { key: 'text', value: 'form hello' },
        ],
      }),
      [],
    );
    // No such user yet: the platform read the form and refused the path, which shows it parsed it.
    expect(entry.trace).toMatchObject({ status: 404, outcome: 'refused' });
  });

  it('says "answered" for a target that is not a webhook URL (a bin)', async () => {
    const bin = (await api<{ url: string }>(server, 'POST', '/api/bins', { name: 'b' })).body;
    const entry = await sendWebhook(realBot, request({ botId: realBot.botId, url: bin.url }), []);
    expect(entry.trace).toMatchObject({ status: 200, outcome: 'answered', answer: { ok: true } });
  });
});

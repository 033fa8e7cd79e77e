import { Webhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { signWebhook } from '../../../main/platform/webhook-signatures.ts';
import { api, createBot, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('signed webhooks (Standard Webhooks)', () => {
  let server: PlatformServer;
  let bot: Bot;
  let client: WidgetClient;
  let body: string;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    bot = (await api<Bot>(server, 'PATCH', `/api/bots/${bot.botId}`, { settings: { verifyWebhooks: true } })).body;
    ({ client } = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: 'User123' }));
    body = JSON.stringify({ response_path: `${bot.botId}/c/User123`, text: 'signed hello' });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  const post = (headers: Record<string, string>, payload = body) =>
    fetch(bot.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as any,
    }));

  it('gives every bot a whsec_ secret, and verification is off until turned on', async () => {
    const other = await createBot(server, { name: 'Unsigned' });
    expect(other.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(other.settings.verifyWebhooks).toBe(false);
    expect(bot.settings.verifyWebhooks).toBe(true);
  });

  it('accepts a webhook signed with the bot’s secret, as the standardwebhooks library signs it', async () => {
    const id = 'msg_1';
    const at = new Date();
    const signature = new Webhook(bot.webhookSecret).sign(id, at, body);
    const answer = await post({ 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature });
    expect(answer).toMatchObject({ status: 200, body: { status: 'delivered' } });
  });

  it.each([
    ['no headers', () => ({}), 'Missing required headers'],
    ['a wrong signature', () => ({ ...signWebhook(bot, 'msg_2', body), 'webhook-signature': 'v1,AAAA' }), 'No matching signature found'],
    ['a body changed after signing', () => signWebhook(bot, 'msg_3', '{"response_path":"x","text":"other"}'), 'No matching signature found'],
    ['a timestamp 6 minutes old', () => signWebhook(bot, 'msg_4', body, new Date(Date.now() - 6 * 60_000)), 'Message timestamp too old'],
    [
      'another bot’s secret',
      () => signWebhook({ ...bot, webhookSecret: 'whsec_' + Buffer.from('x'.repeat(24)).toString('base64') }, 'msg_5', body),
      'No matching signature found',
    ],
  ])('refuses %s with 401 and the reason, and delivers nothing', async (_label, headers, reason) => {
    const answer = await post(headers());
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'BOTBENCH_ERR_WEBHOOK_SIGNATURE', message: expect.stringContaining(reason) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.messages()).toEqual([]);
  });

  it('refuses a replayed webhook-id with 409', async () => {
    const headers = signWebhook(bot, 'msg_replay', body);
    expect((await post(headers)).status).toBe(200);
    const replay = await post(headers);
    expect(replay).toMatchObject({ status: 409, body: { error: { code: 'BOTBENCH_ERR_WEBHOOK_REPLAY' } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.messages()).toEqual(['signed hello']);
  });

  it('checks the signature before the body, so an unsigned caller learns nothing about the flow', async () => {
    const answer = await post({}, '{"not":"what the flow needs"}');
    expect(answer.body.error.code).toBe('BOTBENCH_ERR_WEBHOOK_SIGNATURE');
  });

  describe('Svix senders', () => {
    const svixHeaders = (id: string, payload: string, at = new Date()) => ({
      'svix-id': id,
      'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
      'svix-signature': new SvixWebhook(bot.webhookSecret).sign(id, at, payload),
    });

    it('accepts a webhook signed by the svix package under svix-* names', async () => {
      const answer = await post(svixHeaders('msg_svix_1', body));
      expect(answer).toMatchObject({ status: 200, body: { status: 'delivered' } });
    });

    it('accepts the svix package’s signature under webhook-* names too', async () => {
      const headers = svixHeaders('msg_svix_2', body);
      const answer = await post({
        'webhook-id': headers['svix-id'],
        'webhook-timestamp': headers['svix-timestamp'],
        'webhook-signature': headers['svix-signature'],
      });
      expect(answer.status).toBe(200);
    });

    it('accepts what signWebhook makes with svix-* names, and the svix package verifies it', async () => {
      const headers = signWebhook(bot, 'msg_svix_3', body, new Date(), 'svix');
      expect(Object.keys(headers)).toEqual(['svix-id', 'svix-timestamp', 'svix-signature']);
      expect(() => new SvixWebhook(bot.webhookSecret).verify(body, headers)).not.toThrow();
      expect((await post(headers)).status).toBe(200);
    });

    it.each([
      ['a tampered body', () => svixHeaders('msg_svix_4', body), '{"response_path":"x","text":"tampered"}'],
      ['a tampered signature', () => ({ ...svixHeaders('msg_svix_5', body), 'svix-signature': 'v1,AAAA' }), undefined],
      ['a signature from another id', () => ({ ...svixHeaders('msg_svix_6', body), 'svix-id': 'msg_other' }), undefined],
    ])('refuses %s with 401', async (_label, headers, payload) => {
      const answer = await post(headers(), payload);
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('BOTBENCH_ERR_WEBHOOK_SIGNATURE');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(client.messages()).toEqual([]);
    });

    it('refuses a replayed svix-id, whichever family carries it the second time', async () => {
      const headers = svixHeaders('msg_svix_replay', body);
      expect((await post(headers)).status).toBe(200);
      const again = await post({
        'webhook-id': headers['svix-id'],
        'webhook-timestamp': headers['svix-timestamp'],
        'webhook-signature': headers['svix-signature'],
      });
      expect(again.status).toBe(409);
    });
  });
});

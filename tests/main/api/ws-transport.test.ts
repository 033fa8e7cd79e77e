import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileSnapshot, WebhookHistoryEntry } from '../../../main/api/contract.ts';
import { attachWorkbenchSocket } from '../../../main/api/ws-transport.ts';
import type { Bot } from '../../../main/platform/model.ts';
import { startWorkbench, type Workbench } from '../../../main/workbench.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';
import { WsWorkbenchClient } from '../../mocks/workbench-client.ts';

describe('workbench WebSocket transport', () => {
  let workbench: Workbench;
  let http: Server;
  let url: string;
  let origin: string;
  let client: WsWorkbenchClient;

  beforeEach(async () => {
    workbench = await startWorkbench({ dataDir: null, mode: 'browser', createHost: () => new FakeProfileHost() });
    http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    url = `ws://127.0.0.1:${port}/api/ws`;
    attachWorkbenchSocket(http, workbench.services, { token: workbench.token, allowedOrigins: () => [origin] });
    client = await WsWorkbenchClient.connect(url, workbench.token, origin);
  });
  afterEach(async () => {
    client.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await workbench.close();
  });

  it('refuses a wrong token and closes the socket', async () => {
    await expect(WsWorkbenchClient.connect(url, 'wrong-token', origin)).rejects.toMatchObject({
      frame: { type: 'error', error: { code: 'BOTBENCH_ERR_UNAUTHORIZED' } },
    });
  });

  it('refuses a page from another origin at the upgrade', async () => {
    const socket = new WebSocket(url, { origin: 'https://evil.example' });
    const status = await new Promise<number | undefined>((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(403);
  });

  it('answers calls, starting with a demo bot on a new workspace', async () => {
    const info = await client.call('workbench.info');
    expect(info).toMatchObject({ mode: 'browser', platformUrl: workbench.server.url });
    const bots = await client.call<Bot[]>('bots.list');
    expect(bots.map((b) => b.name)).toEqual(['Demo bot']);
  });

  it('refuses an unknown method and bad parameters with codes and the field', async () => {
    await expect(client.call('platform.shutdown')).rejects.toMatchObject({ code: 'BOTBENCH_ERR_METHOD_UNKNOWN' });
    await expect(client.call('profiles.open', { kind: 'spaceship', botId: 'x' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_VALIDATION',
      field: 'kind',
    });
    await expect(client.call('profiles.open', { kind: 'incognito', botId: '5852754509ac70000c104b80' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_BOT_NOT_FOUND',
    });
  });

  it('streams profile and platform events as they happen', async () => {
    const [bot] = await client.call<Bot[]>('bots.list');
    const profile = await client.call<ProfileSnapshot>('profiles.open', { kind: 'persistent', botId: bot!.botId });
    expect(profile.status).toBe('connected');
    expect(client.events.some((e) => e.type === 'profile' && e.profile.id === profile.id && e.profile.status === 'connected')).toBe(true);
    expect(client.events.some((e) => e.type === 'log' && e.entry.kind === 'connect' && e.entry.responsePath === profile.responsePath)).toBe(true);
    expect(client.events.some((e) => e.type === 'user' && e.user.responsePath === profile.responsePath)).toBe(true);
  });

  it('sends a composed webhook and traces it to the profile showing that path', async () => {
    const [bot] = await client.call<Bot[]>('bots.list');
    const profile = await client.call<ProfileSnapshot>('profiles.open', { kind: 'external-id', botId: bot!.botId });
    const entry = await client.call<WebhookHistoryEntry>('webhooks.send', {
      botId: bot!.botId,
      responsePath: profile.responsePath,
      body: '{"response_path":"{{responsePath}}","text":"Hello {{channelId}}"}',
      headers: { 'X-Test': '1' },
    });
    expect(entry.sentBody).toBe(`{"response_path":"${bot!.botId}/c/User123","text":"Hello User123"}`);
    expect(entry.trace).toMatchObject({ status: 200, outcome: 'delivered', profiles: [{ id: profile.id, label: 'External ID' }], reason: null });
    expect(await client.call<WebhookHistoryEntry[]>('webhooks.history')).toEqual([entry]);
    expect(client.events.some((e) => e.type === 'webhook' && e.entry.id === entry.id)).toBe(true);
  });

  it('signs a composed webhook for a bot that verifies signatures, and shows the headers it sent', async () => {
    const [bot] = await client.call<Bot[]>('bots.list');
    await client.call('bots.update', { botId: bot!.botId, settings: { verifyWebhooks: true } });
    const profile = await client.call<ProfileSnapshot>('profiles.open', { kind: 'external-id', botId: bot!.botId });
    const request = {
      botId: bot!.botId,
      responsePath: profile.responsePath,
      body: '{"response_path":"{{responsePath}}","text":"signed"}',
      headers: {},
    };
    const unsigned = await client.call<WebhookHistoryEntry>('webhooks.send', request);
    expect(unsigned.trace).toMatchObject({ status: 401, outcome: 'refused', reason: expect.stringContaining('Missing required headers') });
    const signed = await client.call<WebhookHistoryEntry>('webhooks.send', { ...request, sign: true });
    expect(signed.trace).toMatchObject({ status: 200, outcome: 'delivered' });
    expect(signed.sentHeaders).toMatchObject({ 'webhook-id': expect.stringMatching(/^msg_/), 'webhook-signature': expect.stringMatching(/^v1,/) });
  });

  it('traces a refused webhook with the platform’s reason', async () => {
    const [bot] = await client.call<Bot[]>('bots.list');
    const entry = await client.call<WebhookHistoryEntry>('webhooks.send', {
      botId: bot!.botId,
      responsePath: 'User123',
      body: '{"response_path":"{{responsePath}}","text":"x"}',
      headers: {},
    });
    expect(entry.trace).toMatchObject({ status: 400, outcome: 'refused', profiles: [], reason: expect.stringContaining('{Bot ID}/c/{Channel ID}') });
  });
});

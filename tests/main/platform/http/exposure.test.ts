import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { createBot, startPlatform, TOKEN } from '../../../mocks/platform.ts';

/** The upgrade's answer: 101 when the widget socket opened, else the refusal's status. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** A GET with a Host header of our choosing (fetch writes its own). */
function getStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('exposure (--host)', () => {
  const servers: PlatformServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('on --host 127.0.0.2, every route needs the token: pages, webhooks, health and the widget socket', async () => {
    const server = await startPlatform({ host: '127.0.0.2' });
    servers.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.2:/);
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (const path of ['/embed.js', '/api/health', '/site/0123456789abcdef01234567']) {
      const refused = await fetch(`${server.url}${path}`);
      expect(refused.status, path).toBe(401);
      expect(((await refused.json()) as { error: { code: string; expected: string } }).error).toMatchObject({
        code: 'BOTBENCH_ERR_UNAUTHORIZED',
        expected: expect.stringContaining('Bearer'),
      });
    }
    // Writing a loopback Host header does not help: where the connection arrived decides.
    const { port } = new URL(server.url);
    expect(await getStatus(`${server.url}/embed.js`, { host: `127.0.0.1:${port}` })).toBe(401);
    expect((await fetch(`${server.url}/embed.js`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.url}/api/health`, { headers: auth })).status).toBe(200);

    const bot = await createBot(server);
    const hook = { method: 'POST', body: '{"text":"hi"}', headers: { 'content-type': 'application/json' } };
    expect((await fetch(bot.webhookUrl, hook)).status).toBe(401);
    // With the token it reaches the webhook itself (which wants a responsePath).
    expect((await fetch(bot.webhookUrl, { ...hook, headers: { ...hook.headers, ...auth } })).status).not.toBe(401);

    const socketUrl = `${server.url.replace('http', 'ws')}/widget`;
    expect(await upgradeStatus(socketUrl)).toBe(401);
    expect(await upgradeStatus(socketUrl, auth)).toBe(101);
  });

  it('listening on every interface, 127.0.0.1 needs no token and 127.0.0.2 does', async () => {
    const server = await startPlatform({ host: '0.0.0.0' });
    servers.push(server);
    const { port } = new URL(server.url);
    expect((await fetch(`http://127.0.0.1:${port}/embed.js`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.2:${port}/embed.js`)).status).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.2:${port}/widget`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/widget`)).toBe(101);
  });

  it('by default (127.0.0.1) a request naming another host is still refused by the admin API', async () => {
    const server = await startPlatform();
    servers.push(server);
    const { port } = new URL(server.url);
    expect(await getStatus(`${server.url}/api/bots`, { authorization: `Bearer ${TOKEN}`, host: `127.0.0.2:${port}` })).toBe(403);
  });
});

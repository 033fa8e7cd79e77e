import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { closed, openTcp } from '../../../mocks/hostile-clients.ts';
import { createBot, eventually, startPlatform, TOKEN } from '../../../mocks/platform.ts';

describe('installConnectionLimits()', () => {
  const servers: PlatformServer[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function platform(options: Parameters<typeof startPlatform>[0]): Promise<PlatformServer> {
    const server = await startPlatform(options);
    servers.push(server);
    return server;
  }

  /** A connection that sends half a request line's headers and then nothing. */
  async function halfSent(server: PlatformServer): Promise<Socket> {
    const socket = await openTcp(server.url);
    sockets.push(socket);
    socket.on('error', () => {});
    socket.write(`GET /api/health HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nX-Slow: `);
    return socket;
  }

  it('closes a request whose headers do not arrive in time (408)', async () => {
    const server = await platform({ headersTimeoutMs: 500 });
    const socket = await halfSent(server);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    await closed(socket, 5000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('holds at most maxHttpConnections: a new one takes the place of the oldest without a request in flight', async () => {
    const server = await platform({ maxHttpConnections: 8, httpReserve: 2 });
    const held: Socket[] = [];
    for (let i = 0; i < 8; i++) held.push(await halfSent(server));
    await eventually(() => server.httpConnections === 8);
    const oldest = closed(held[0]!, 5000);
    // The health check gets in: it evicts the oldest half-sent connection.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    await oldest;
    expect(server.httpConnections).toBeLessThanOrEqual(8);
  });

  it('keeps a reserve: past it, ordinary requests get 503 BOTBENCH_ERR_BUSY while health and the admin API answer', async () => {
    const server = await platform({ maxHttpConnections: 8, httpReserve: 3 });
    const bot = await createBot(server);
    const { host, pathname } = new URL(bot.webhookUrl);
    // Five uploads that never finish: every connection but the reserve has a request in flight.
    for (let i = 0; i < 5; i++) {
      const socket = await openTcp(server.url);
      sockets.push(socket);
      socket.on('error', () => {});
      socket.write(`POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"te`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await fetch(bot.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('BOTBENCH_ERR_BUSY');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/bots`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    // Once the uploads go, ordinary requests are served again.
    for (const socket of sockets.splice(0)) socket.destroy();
    await eventually(async () => (await fetch(`${server.url}/embed.js`)).status === 200);
  });

  it('refuses a reserve below 0 or at the cap when built', async () => {
    await expect(startPlatform({ maxHttpConnections: 4, httpReserve: 4 })).rejects.toThrow(/httpReserve/);
  });
});

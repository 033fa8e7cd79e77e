import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WORKBENCH_CLOSE } from '../../../main/api/ws-transport.ts';
import { pageTokenFor, startUiServer, type UiServer } from '../../../main/browser-mode/ui-server.ts';
import { startWorkbench, type Workbench } from '../../../main/workbench.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';

/** A GET with the Host header we choose (fetch writes its own): status, headers, body. */
function get(url: string, host?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host === undefined ? {} : { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** Opens the workbench socket; resolves with the upgrade's status, or the close code once open. */
function openSocket(url: string, origin: string): Promise<{ socket: WebSocket; status: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => resolve({ socket, status: 101 }));
    socket.once('unexpected-response', (_request, response) => resolve({ socket, status: response.statusCode ?? 0 }));
    socket.once('error', reject);
  });
}

describe('startUiServer()', () => {
  let workbench: Workbench;
  let ui: UiServer;
  let dir: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'botbench-ui-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Botbench</title></head><body></body></html>');
    writeFileSync(join(dir, 'app.js'), 'console.log("app");');
    workbench = await startWorkbench({ dataDir: null, mode: 'browser', createHost: () => new FakeProfileHost() });
    ui = await startUiServer({
      rendererDir: dir,
      services: workbench.services,
      token: workbench.token,
      port: 0,
      socket: { authTimeoutMs: 300, maxUnauthenticated: 3 },
    });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) {
      socket.on('error', () => {});
      socket.terminate();
    }
    await ui.close();
    await workbench.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers only its own Host on every route, so a rebinding page cannot read the token', async () => {
    for (const path of ['/', '/index.html', '/app.js', '/missing']) {
      const foreign = await get(`${ui.url}${path}`, 'rebind.attacker.example');
      expect(foreign.status, path).toBe(403);
      expect(JSON.parse(foreign.body).error.code).toBe('BOTBENCH_ERR_FORBIDDEN_HOST');
      expect(foreign.body).not.toContain(pageTokenFor(workbench.token));
    }
    const own = await get(`${ui.url}/`);
    expect(own.status).toBe(200);
    expect(own.body).toContain(`<meta name="botbench-token" content="${pageTokenFor(workbench.token)}" />`);
    expect((await get(`${ui.url}/app.js`)).status).toBe(200);
  });

  it('forbids framing on every answer', async () => {
    for (const [path, host] of [
      ['/', undefined],
      ['/app.js', undefined],
      ['/missing', undefined],
      ['/', 'evil.example'],
    ] as const) {
      const { headers } = await get(`${ui.url}${path}`, host);
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['content-security-policy'], path).toBe("frame-ancestors 'none'");
    }
  });

  it('gives the page its own token: it opens the socket, and the admin token is neither in the page nor accepted there', async () => {
    const page = await get(`${ui.url}/`);
    expect(page.body).not.toContain(workbench.token);
    expect(pageTokenFor(workbench.token)).not.toBe(workbench.token);
    const socketUrl = `${ui.url.replace('http', 'ws')}/api/ws`;
    const auth = async (token: string): Promise<{ type: string }> => {
      const { socket } = await openSocket(socketUrl, ui.url);
      sockets.push(socket);
      const answer = new Promise<{ type: string }>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
      socket.send(JSON.stringify({ type: 'auth', token }));
      return answer;
    };
    expect((await auth(pageTokenFor(workbench.token))).type).toBe('ready');
    expect((await auth(workbench.token)).type).toBe('error');
  });

  it('closes a socket that does not authenticate in time (4408), and caps those waiting at once (503)', async () => {
    const socketUrl = `${ui.url.replace('http', 'ws')}/api/ws`;
    const waiting: Array<{ socket: WebSocket; status: number }> = [];
    for (let i = 0; i < 3; i++) waiting.push(await openSocket(socketUrl, ui.url));
    sockets.push(...waiting.map((w) => w.socket));
    expect(waiting.map((w) => w.status)).toEqual([101, 101, 101]);
    const fourth = await openSocket(socketUrl, ui.url);
    sockets.push(fourth.socket);
    expect(fourth.status).toBe(503);
    const code = await new Promise<number>((resolve) => waiting[0]!.socket.once('close', (c) => resolve(c)));
    expect(code).toBe(WORKBENCH_CLOSE.AUTH_TIMEOUT);
    // Their slots come back.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await openSocket(socketUrl, ui.url);
    sockets.push(again.socket);
    expect(again.status).toBe(101);
  });

  it('refuses the socket upgrade for a foreign Host', async () => {
    const { port } = new URL(ui.url);
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { headers: { host: `rebind.attacker.example:${port}` } });
    sockets.push(socket);
    const status = await new Promise<number>((resolve) => socket.once('unexpected-response', (_r, response) => resolve(response.statusCode ?? 0)));
    expect(status).toBe(403);
  });
});

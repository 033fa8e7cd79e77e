import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { WebSocketServer } from 'ws';
import { BotbenchError } from '../platform/errors.ts';
import { createLimitedServer, defaultConnectionLimits, installConnectionLimits } from '../platform/http/connection-limits.ts';
import { installErrorHandlers } from '../platform/http/errors.ts';
import { escapeHtml } from '../platform/http/site-page.ts';
import type { WorkbenchServices } from '../api/services.ts';
import { attachWorkbenchSocket, type WsTransportOptions } from '../api/ws-transport.ts';

export interface UiServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The page's own token, derived from the admin token: it opens the workbench socket and nothing
 * else, so a leaked page does not give the admin API away. Derived rather than random so an open
 * page still reconnects after a restart (the admin token is kept in the workspace).
 */
export function pageTokenFor(adminToken: string): string {
  return createHmac('sha256', adminToken).update('botbench workbench page').digest('hex');
}

/**
 * Serves the built workbench (out/renderer) and the contract over WebSocket on its own
 * loopback origin. The page token reaches the page inside index.html, never in a URL; every
 * route answers only its own Host (against DNS rebinding), no page may frame it, and the socket
 * only accepts this origin.
 */
export async function startUiServer(options: {
  rendererDir: string;
  services: WorkbenchServices;
  token: string;
  port: number;
  host?: string;
  /** Caps and the auth timeout of the workbench socket (defaults in ws-transport.ts). */
  socket?: Pick<WsTransportOptions, 'maxUnauthenticated' | 'maxSockets' | 'authTimeoutMs'>;
}): Promise<UiServer> {
  const indexFile = join(options.rendererDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`The workbench UI is not built (${indexFile} is missing); run "npm run build" first.`);
  const pageToken = pageTokenFor(options.token);
  const index = readFileSync(indexFile, 'utf8').replace('<head>', `<head>\n    <meta name="botbench-token" content="${escapeHtml(pageToken)}" />`);

  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    serverFactory: (handler) => createLimitedServer(handler, defaultConnectionLimits),
  });
  installErrorHandlers(app);
  let allowedHosts: readonly string[] = [];
  app.addHook('onRequest', async (request, reply) => {
    // No page may frame the workbench (clickjacking), whatever it asks for.
    void reply.header('x-frame-options', 'DENY').header('content-security-policy', "frame-ancestors 'none'");
    const host = request.headers.host ?? '';
    if (!allowedHosts.includes(host)) {
      throw new BotbenchError(
        'BOTBENCH_ERR_FORBIDDEN_HOST',
        `The workbench does not answer requests for host ${JSON.stringify(host.slice(0, 100))}.`,
        {
          expected: `Host: ${allowedHosts[0] ?? '127.0.0.1:<port>'}`,
        },
      );
    }
  });
  installConnectionLimits(app, defaultConnectionLimits);
  const sendIndex = (_request: unknown, reply: { header: (k: string, v: string) => { send: (b: string) => unknown } }) =>
    reply.header('content-type', 'text/html; charset=utf-8').send(index);
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  await app.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: true });

  let url = '';
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  allowedHosts = [`${host}:${address.port}`, `localhost:${address.port}`];
  const wss: WebSocketServer = attachWorkbenchSocket(app.server, options.services, {
    token: pageToken,
    allowedOrigins: () => [url, `http://localhost:${address.port}`],
    allowedHosts: () => allowedHosts,
    ...options.socket,
  });
  return {
    url,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await app.close();
    },
  };
}

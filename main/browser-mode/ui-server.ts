import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { WebSocketServer } from 'ws';
import { escapeHtml } from '../platform/http/site-page.ts';
import type { WorkbenchServices } from '../api/services.ts';
import { attachWorkbenchSocket } from '../api/ws-transport.ts';

export interface UiServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built workbench (out/renderer) and the contract over WebSocket on its own
 * loopback origin. The token reaches the page inside index.html, never in a URL; the socket
 * only accepts this origin.
 */
export async function startUiServer(options: {
  rendererDir: string;
  services: WorkbenchServices;
  token: string;
  port: number;
  host?: string;
}): Promise<UiServer> {
  const indexFile = join(options.rendererDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`The workbench UI is not built (${indexFile} is missing); run "npm run build" first.`);
  const index = readFileSync(indexFile, 'utf8').replace(
    '<head>',
    `<head>\n    <meta name="botbench-token" content="${escapeHtml(options.token)}" />`,
  );

  const app = Fastify({ logger: false, forceCloseConnections: true });
  const sendIndex = (_request: unknown, reply: { header: (k: string, v: string) => { send: (b: string) => unknown } }) =>
    reply.header('content-type', 'text/html; charset=utf-8').send(index);
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  await app.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: true });

  let url = '';
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port });
  const address = app.server.address() as AddressInfo;
  url = `http://${address.address}:${address.port}`;
  const wss: WebSocketServer = attachWorkbenchSocket(app.server, options.services, {
    token: options.token,
    allowedOrigins: () => [url, `http://localhost:${address.port}`],
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

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { WebSocketServer } from 'ws';
import { registerAdminRoutes } from './http/admin-routes.ts';
import { registerBinRoutes } from './http/bin-routes.ts';
import { registerChannelRoutes } from './http/channel-routes.ts';
import { installErrorHandlers, toBotbenchError } from './http/errors.ts';
import { registerWebhookRoutes } from './http/webhook-routes.ts';
import { registerWidgetRoutes } from './http/widget-routes.ts';
import { Platform } from './platform.ts';
import { startCheckpointer } from './storage/checkpointer.ts';
import { openDatabase } from './storage/database.ts';
import { WebhookSignatures } from './webhook-signatures.ts';
import { attachWidgetSocket } from './widget-socket.ts';

/** Where `npm run build` puts the widget bundle, relative to the project root. */
export const WIDGET_BUNDLE = 'out/widget/embed.js';

export interface PlatformOptions {
  /** Interface to listen on. Default 127.0.0.1: nothing outside this machine can reach it. */
  host: string;
  /** TCP port; 0 (the default) picks a free one. */
  port: number;
  /** Directory holding the workspace database; null (the default) keeps everything in memory. */
  dataDir: string | null;
  /** Admin API bearer token. Default: 32 random bytes, hex. */
  token: string;
  /** Path of the built widget (embed.js); loader.js is read from the same folder. Default: out/widget/embed.js under the project root. */
  widgetBundlePath: string;
  /** Largest HTTP body, in bytes. Default 1 MiB. */
  bodyLimit: number;
  /** Largest widget WebSocket frame, in bytes. Default 64 KiB. */
  maxFrameBytes: number;
  /** Frames per second per widget connection. Default 50. */
  maxFramesPerSecond: number;
  /** Widget connections held at once. Default 25,000, less 1,000 under the process's open-files limit. */
  maxConnections: number;
  /** Log HTTP requests to stdout (pino). Default false. */
  logger: boolean;
}

function projectRoot(): string {
  // This file is main/platform/server.ts in the sources and out/main/*.js when bundled: walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * Widget connections to allow: 25,000, or fewer when the process may open fewer files. Each
 * connection is a file descriptor; at the cap the server could accept no HTTP connection at
 * all (not even a webhook), so 1,000 are kept free.
 */
export function defaultMaxConnections(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1]);
    if (Number.isFinite(soft) && soft > 0) return Math.max(100, Math.min(25_000, soft - 1000));
  } catch {
    // Not Linux: keep the default.
  }
  return 25_000;
}

export function defaultOptions(): PlatformOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    dataDir: null,
    token: randomBytes(32).toString('hex'),
    widgetBundlePath: join(projectRoot(), WIDGET_BUNDLE),
    bodyLimit: 1024 * 1024,
    maxFrameBytes: 64 * 1024,
    maxFramesPerSecond: 50,
    maxConnections: defaultMaxConnections(),
    logger: false,
  };
}

/** A built platform: call `listen()` to serve it, or use `app.inject()` without a socket. Always `close()` it. */
export interface PlatformServer {
  readonly platform: Platform;
  readonly app: FastifyInstance;
  readonly options: Readonly<PlatformOptions>;
  /** `http://host:port` once listening. */
  readonly url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Builds the platform (database, routes, widget socket) without listening. */
export async function build(overrides: Partial<PlatformOptions> = {}): Promise<PlatformServer> {
  const options: PlatformOptions = { ...defaultOptions(), ...overrides };
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`port must be an integer from 0 to 65535; got ${options.port}.`);
  }
  if (options.token.length < 8) throw new Error('token must be at least 8 characters, so the admin API cannot be guessed.');
  if (!existsSync(options.widgetBundlePath)) {
    throw new Error(`The widget bundle ${options.widgetBundlePath} does not exist; run "npm run build" first.`);
  }
  const bundle = readFileSync(options.widgetBundlePath, 'utf8');
  // loader.js is built beside embed.js (widget.vite.config.ts).
  const loaderPath = join(dirname(options.widgetBundlePath), 'loader.js');
  if (!existsSync(loaderPath)) throw new Error(`The widget bundle ${loaderPath} does not exist; run "npm run build" first.`);
  const loader = readFileSync(loaderPath, 'utf8');

  let url = `http://${options.host}:${options.port}`;
  const baseUrl = (): string => url;
  const db = openDatabase(options.dataDir === null ? null : resolve(options.dataDir));
  // WAL checkpoints in a worker thread, not inside a webhook's COMMIT (docs/benchmarks.md, §1).
  const checkpointer = startCheckpointer(db);
  const platform = new Platform(db, baseUrl);

  // Request logs go to stderr: stdout carries only the "listening" line other tools wait for.
  const app = Fastify({
    logger: options.logger ? { level: 'info', stream: process.stderr } : false,
    bodyLimit: options.bodyLimit,
    forceCloseConnections: true,
    // A 128-character Channel ID, percent-encoded, is longer than find-my-way's default of 100.
    routerOptions: { maxParamLength: 2048 },
    // Errors raised before routing (a URL whose percent-encoding is broken) get our error body too.
    frameworkErrors: (error, request, reply) => {
      const botbench = toBotbenchError(error, request.headers['content-type']);
      if (request.url.startsWith('/hooks/')) {
        platform.log.append({ kind: 'webhook', status: 'refused', summary: `Webhook refused: ${botbench.message}`, detail: { code: botbench.code } });
      }
      void (reply as FastifyReply).code(botbench.status).send(botbench.toBody());
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only by default (webhooks add forms in their own scope): a text/plain body is refused with 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');
  installErrorHandlers(app);
  registerWidgetRoutes(app, platform, { bundle, loader, baseUrl });
  await registerWebhookRoutes(app, platform, new WebhookSignatures(db));
  await registerBinRoutes(app, platform);
  await registerChannelRoutes(app, platform);
  registerAdminRoutes(app, platform, {
    token: options.token,
    allowedHosts: () => {
      const port = new URL(url).port;
      return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...(options.host === '127.0.0.1' ? [] : [`${options.host}:${port}`])];
    },
  });

  let wss: WebSocketServer | undefined;
  let closed = false;
  return {
    platform,
    app,
    options,
    get url() {
      return url;
    },
    async listen() {
      await app.listen({ host: options.host, port: options.port });
      const address = app.server.address() as AddressInfo;
      // Listening on every interface still means "this machine" for the URLs we hand out.
      const unspecified = address.address === '0.0.0.0' || address.address === '::';
      const host = unspecified ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}`;
      wss = attachWidgetSocket(app.server, platform, options);
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (wss) {
        // Let every socket's close handler record its disconnect before the database closes.
        const server = wss;
        const allClosed = new Promise<void>((resolve) => server.once('close', () => resolve()));
        for (const client of server.clients) client.terminate();
        server.close();
        await allClosed;
      }
      platform.dispose();
      await app.close();
      // Writes of the last turn commit before the database closes.
      platform.batch.flush();
      await checkpointer?.stop();
      db.close();
    },
  };
}

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
import {
  assertConnectionLimits,
  createLimitedServer,
  defaultConnectionLimits,
  installConnectionLimits,
  type ConnectionLimits,
} from './http/connection-limits.ts';
import { installErrorHandlers, toBotbenchError } from './http/errors.ts';
import { exposureAllows } from './http/exposure.ts';
import { registerWebhookRoutes } from './http/webhook-routes.ts';
import { registerWidgetRoutes } from './http/widget-routes.ts';
import { DEFAULT_MAX_RESPONSE_BYTES } from './flows/flow-runner.ts';
import { clip } from './interaction-log.ts';
import { Platform } from './platform.ts';
import { DEFAULT_RETENTION, Retention, type RetentionOptions } from './retention.ts';
import { DEFAULT_USER_CREATION_LIMITS } from './user-creation-limiter.ts';
import { startCheckpointer } from './storage/checkpointer.ts';
import { openDatabase } from './storage/database.ts';
import { BotbenchError } from './errors.ts';
import { WebhookSignatures } from './webhook-signatures.ts';
import { attachWidgetSocket } from './widget-socket.ts';

/** Where `npm run build` puts the widget bundle, relative to the project root. */
export const WIDGET_BUNDLE = 'out/widget/embed.js';

export interface PlatformOptions extends ConnectionLimits {
  /**
   * Interface to listen on. Default 127.0.0.1: nothing outside this machine can reach it. A
   * request that arrives on any address but 127.0.0.1 or ::1 (what another --host exposes) must
   * carry the admin token, whatever the route.
   */
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
  /** Largest response body a flow's HTTP task reads, in bytes; a longer one fails the step. Default 1 MiB. */
  flowHttpMaxResponseBytes: number;
  /** New users (first hellos) one widget connection may create per minute. Default 20. */
  newUsersPerConnection: number;
  /** New users one source address may create per minute, over all its widget connections. Default 600. */
  newUsersPerSource: number;
  /** What the platform keeps: the newest `logEntries` log entries and at most `users` users, pruned every `intervalMs` (see retention.ts). Default 100,000 / 50,000 / 30 s. */
  retention: Partial<RetentionOptions>;
  /** Widget connections one remote address may hold. Default 90 % of maxConnections, so one client cannot take every slot. */
  maxConnectionsPerAddress: number;
  /** Bytes waiting to be sent to one widget before its socket is closed with 4008. Default 1 MiB. */
  maxBufferedBytes: number;
  /** Hellos per widget connection: a burst of `helloBurst` (default 10), then `hellosPerSecond` (default 1). */
  helloBurst: number;
  hellosPerSecond: number;
  /** Milliseconds a widget socket has to say hello before it is closed with 4408. Default 10 s. */
  helloTimeoutMs: number;
  /** Log HTTP requests to stdout (pino). Default false. */
  logger: boolean;
}

function projectRoot(): string {
  // This file is main/platform/server.ts in the sources and out/main/*.js when bundled: walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The process's soft open-files limit, or undefined where /proc does not say (not Linux). */
function openFilesLimit(): number | undefined {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1]);
    if (Number.isFinite(soft) && soft > 0) return soft;
  } catch {
    // Not Linux: keep the defaults.
  }
  return undefined;
}

/**
 * Widget connections to allow: 25,000, or fewer when the process may open fewer files. Each
 * connection is a file descriptor; at the cap the server could accept no HTTP connection at
 * all (not even a webhook), so 1,000 are kept free.
 */
export function defaultMaxConnections(soft = openFilesLimit()): number {
  return soft === undefined ? 25_000 : Math.max(100, Math.min(25_000, soft - 1000));
}

/** Plain HTTP connections to allow: 512, or a quarter of the open-files limit if that is less (never under 32). */
export function defaultMaxHttpConnections(soft = openFilesLimit()): number {
  return soft === undefined ? 512 : Math.max(32, Math.min(512, Math.floor(soft / 4)));
}

export function defaultOptions(): PlatformOptions {
  const maxConnections = defaultMaxConnections();
  const maxHttpConnections = defaultMaxHttpConnections();
  return {
    ...defaultConnectionLimits,
    maxHttpConnections,
    httpReserve: Math.min(defaultConnectionLimits.httpReserve, Math.floor(maxHttpConnections / 4)),
    host: '127.0.0.1',
    port: 0,
    dataDir: null,
    token: randomBytes(32).toString('hex'),
    widgetBundlePath: join(projectRoot(), WIDGET_BUNDLE),
    bodyLimit: 1024 * 1024,
    maxFrameBytes: 64 * 1024,
    maxFramesPerSecond: 50,
    flowHttpMaxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    newUsersPerConnection: DEFAULT_USER_CREATION_LIMITS.perConnection,
    newUsersPerSource: DEFAULT_USER_CREATION_LIMITS.perSource,
    retention: DEFAULT_RETENTION,
    maxConnections,
    maxConnectionsPerAddress: Math.max(1, Math.floor(maxConnections * 0.9)),
    maxBufferedBytes: 1024 * 1024,
    helloBurst: 10,
    hellosPerSecond: 1,
    helloTimeoutMs: 10_000,
    logger: false,
  };
}

/** A built platform: call `listen()` to serve it, or use `app.inject()` without a socket. Always `close()` it. */
export interface PlatformServer {
  readonly platform: Platform;
  readonly app: FastifyInstance;
  readonly options: Readonly<PlatformOptions>;
  /** The background pruner of the log and users; `prune()` runs a pass now. */
  readonly retention: Retention;
  /** Plain HTTP connections open now (WebSockets not counted). */
  readonly httpConnections: number;
  /** `http://host:port` once listening. */
  readonly url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

function exposedWithoutToken(localAddress: string | undefined): BotbenchError {
  return new BotbenchError(
    'BOTBENCH_ERR_UNAUTHORIZED',
    `This request reached the platform at ${localAddress ?? 'an address'} that --host exposes beyond 127.0.0.1; there every request needs the token.`,
    { expected: 'Authorization: Bearer <token>, or a request to 127.0.0.1' },
  );
}

/** Builds the platform (database, routes, widget socket) without listening. */
export async function build(overrides: Partial<PlatformOptions> = {}): Promise<PlatformServer> {
  const options: PlatformOptions = { ...defaultOptions(), ...overrides };
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`port must be an integer from 0 to 65535; got ${options.port}.`);
  }
  if (!Number.isInteger(options.flowHttpMaxResponseBytes) || options.flowHttpMaxResponseBytes < 1024) {
    throw new Error(`flowHttpMaxResponseBytes must be an integer of at least 1024; got ${options.flowHttpMaxResponseBytes}.`);
  }
  const retentionOptions: RetentionOptions = { ...DEFAULT_RETENTION, ...options.retention };
  for (const name of ['logEntries', 'users', 'intervalMs'] as const) {
    const value = retentionOptions[name];
    if (!Number.isInteger(value) || value < 1) throw new Error(`retention.${name} must be a whole number of at least 1; got ${value}.`);
  }
  for (const name of ['newUsersPerConnection', 'newUsersPerSource'] as const) {
    if (!Number.isInteger(options[name]) || options[name] < 1) throw new Error(`${name} must be a whole number of at least 1; got ${options[name]}.`);
  }
  assertConnectionLimits(options);
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
  const platform = new Platform(db, baseUrl, {
    flowHttpMaxResponseBytes: options.flowHttpMaxResponseBytes,
    newUsers: { perConnection: options.newUsersPerConnection, perSource: options.newUsersPerSource },
  });
  // Pruned off the hot path: a timer, small transactions (retention.ts).
  const retention = new Retention(db, retentionOptions, (path) => platform.hub.count(path));
  retention.start();

  // Request logs go to stderr: stdout carries only the "listening" line other tools wait for.
  const app = Fastify({
    // Header, request and keep-alive timeouts, so a half-sent request cannot hold a connection for ever.
    serverFactory: (handler) => createLimitedServer(handler, options),
    logger: options.logger ? { level: 'info', stream: process.stderr } : false,
    bodyLimit: options.bodyLimit,
    forceCloseConnections: true,
    // A 128-character Channel ID, percent-encoded, is longer than find-my-way's default of 100.
    routerOptions: { maxParamLength: 2048 },
    // Errors raised before routing (a URL whose percent-encoding is broken) get our error body too.
    frameworkErrors: (error, request, reply) => {
      const botbench = toBotbenchError(error, request.headers['content-type']);
      if (request.url.startsWith('/hooks/')) {
        platform.log.append({
          kind: 'webhook',
          status: 'refused',
          summary: clip(`Webhook refused: ${botbench.message}`),
          detail: { code: botbench.code },
        });
      }
      void (reply as FastifyReply).code(botbench.status).send(botbench.toBody());
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only by default (webhooks add forms in their own scope): a text/plain body is refused with 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');
  installErrorHandlers(app);
  app.addHook('onRequest', async (request) => {
    if (!exposureAllows(request.raw, options.token)) throw exposedWithoutToken(request.raw.socket.localAddress);
  });
  const connections = installConnectionLimits(app, options);
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
    retention,
    get httpConnections() {
      return connections.open;
    },
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
      wss = attachWidgetSocket(app.server, platform, {
        ...options,
        authorize: (request) => (exposureAllows(request, options.token) ? undefined : exposedWithoutToken(request.socket.localAddress)),
      });
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
      await retention.stop();
      await app.close();
      // Writes of the last turn commit before the database closes.
      platform.batch.flush();
      await checkpointer?.stop();
      db.close();
    },
  };
}

import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BotbenchError } from '../errors.ts';

export interface ConnectionLimits {
  /** Plain HTTP connections held at once (an upgraded WebSocket leaves this count; it has its own caps). */
  maxHttpConnections: number;
  /**
   * Of those, how many are kept for the admin API and `/api/health`: other requests are answered
   * 503 while fewer than this many connections are free of a request in flight.
   */
  httpReserve: number;
  /** A request's headers must arrive within this many milliseconds of the connection or the previous request. */
  headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this many milliseconds. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this many milliseconds. */
  keepAliveTimeoutMs: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  maxHttpConnections: 512,
  httpReserve: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/** Refuses limits that cannot work, with a sentence saying why. */
export function assertConnectionLimits(limits: ConnectionLimits): void {
  if (!(Number.isInteger(limits.maxHttpConnections) && limits.maxHttpConnections > 0)) {
    throw new Error(`maxHttpConnections must be a positive integer; got ${limits.maxHttpConnections}.`);
  }
  if (!(Number.isInteger(limits.httpReserve) && limits.httpReserve >= 0 && limits.httpReserve < limits.maxHttpConnections)) {
    throw new Error(
      `httpReserve (${limits.httpReserve}) must be an integer of at least 0 and below maxHttpConnections (${limits.maxHttpConnections}).`,
    );
  }
}

/** A node:http server with the timeouts set; checked every second rather than Node's default 30 s. */
export function createLimitedServer(handler: RequestListener, limits: ConnectionLimits): Server {
  const server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: 1000 },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  return server;
}

/** Routes that stay reachable from the reserve: the health check and the admin API (which has its own token). */
const isReserved = (url: string): boolean => url.startsWith('/api/');

/**
 * Caps plain HTTP connections. At the cap, a new connection takes the place of the oldest one
 * with no request in flight (a half-sent request, or an idle keep-alive one): the newest client,
 * often a health check, gets in, and a flood of half-open sockets only evicts itself. Requests
 * other than the admin API and health are refused with 503 when they would leave fewer than
 * `httpReserve` connections free of work, so slow uploads cannot hold every slot either.
 */
export function installConnectionLimits(app: FastifyInstance, limits: ConnectionLimits): { readonly open: number } {
  /** Open connections, oldest first, with how many requests each has in flight. */
  const open = new Map<Socket, { inFlight: number }>();
  let busy = 0;
  const server = app.server;

  server.on('connection', (socket: Socket) => {
    if (open.size >= limits.maxHttpConnections) {
      let evicted = false;
      for (const [candidate, state] of open) {
        if (state.inFlight === 0) {
          open.delete(candidate);
          candidate.destroy();
          evicted = true;
          break;
        }
      }
      if (!evicted) {
        socket.destroy();
        return;
      }
    }
    open.set(socket, { inFlight: 0 });
    socket.once('close', () => open.delete(socket));
  });
  // An upgraded socket is a WebSocket from now on: the widget and workbench sockets cap those.
  server.on('upgrade', (_request: IncomingMessage, socket: Socket) => {
    open.delete(socket);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const state = open.get(request.raw.socket);
    const reserved = isReserved(request.url);
    if (!reserved && busy >= limits.maxHttpConnections - limits.httpReserve) {
      void reply.header('connection', 'close');
      throw new BotbenchError('BOTBENCH_ERR_BUSY', `${busy} requests are in progress; the rest of the connections are kept for the admin API.`, {
        expected: 'the request again in a moment',
      });
    }
    if (state) state.inFlight++;
    if (!reserved) busy++;
    (reply.raw as ServerResponse).once('close', () => {
      if (state) state.inFlight--;
      if (!reserved) busy--;
    });
  });

  return {
    get open() {
      return open.size;
    },
  };
}

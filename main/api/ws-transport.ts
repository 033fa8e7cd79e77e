import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { toErrorPayload } from './api-errors.ts';
import { WS_API_PATH, type WsServerFrame } from './contract.ts';
import type { WorkbenchServices } from './services.ts';

export interface WsTransportOptions {
  token: string;
  /** Origins allowed to open the socket: the workbench page's own. Anything else is refused at the upgrade. */
  allowedOrigins: () => readonly string[];
  /** Host headers the upgrade must carry (against DNS rebinding); any when absent. */
  allowedHosts?: () => readonly string[];
  /** Sockets not yet authenticated at once; more are refused with 503 at the upgrade. Default 8. */
  maxUnauthenticated?: number;
  /** Authenticated sockets at once; more are refused with 503. Default 32. */
  maxSockets?: number;
  /** Milliseconds a socket has to send its auth frame; then it is closed with 4408. Default 5 s. */
  authTimeoutMs?: number;
}

/** Close codes of the workbench socket. */
export const WORKBENCH_CLOSE = { UNAUTHORIZED: 4401, AUTH_TIMEOUT: 4408 } as const;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * The contract over WebSocket, for browser mode and tests: `auth` first, then `call` frames
 * answered by `result`/`error`, and every workbench event pushed as an `event` frame.
 */
export function attachWorkbenchSocket(server: Server, services: WorkbenchServices, options: WsTransportOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024 });
  const limits = { maxUnauthenticated: 8, maxSockets: 32, authTimeoutMs: 5000, ...options };
  let unauthenticated = 0;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((request.url ?? '').split('?')[0] !== WS_API_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // A page from another origin must not drive the workbench (browsers send Origin on WebSocket upgrades).
    const origin = request.headers.origin;
    if (origin !== undefined && !options.allowedOrigins().includes(origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (options.allowedHosts && !options.allowedHosts().includes(request.headers.host ?? '')) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Sockets that have not shown the token are few and short-lived: they cannot hold the server.
    if (unauthenticated >= limits.maxUnauthenticated || wss.clients.size >= limits.maxSockets) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (socket: WebSocket) => {
    let authed = false;
    unauthenticated++;
    let counted = true;
    const authenticated = (): void => {
      if (counted) unauthenticated--;
      counted = false;
      clearTimeout(authTimer);
    };
    const authTimer = setTimeout(() => {
      if (!authed) socket.close(WORKBENCH_CLOSE.AUTH_TIMEOUT, 'no auth in time');
    }, limits.authTimeoutMs);
    authTimer.unref();
    let unsubscribe: (() => void) | undefined;
    const send = (frame: WsServerFrame): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    socket.on('message', (data) => {
      let frame: { type?: unknown; id?: unknown; method?: unknown; params?: unknown; token?: unknown };
      try {
        frame = JSON.parse(data.toString()) as typeof frame;
        if (frame === null || typeof frame !== 'object') throw new Error('not an object');
      } catch {
        send({
          type: 'error',
          id: null,
          error: { code: 'BOTBENCH_ERR_FRAME', message: 'A frame must be a JSON object.', expected: '{"type":"call","id":1,"method":"…"}' },
        });
        return;
      }
      if (!authed) {
        if (frame.type === 'auth' && typeof frame.token === 'string' && timingSafeEqual(digest(frame.token), digest(options.token))) {
          authed = true;
          authenticated();
          unsubscribe = services.subscribe((event) => send({ type: 'event', event }));
          send({ type: 'ready' });
        } else {
          send({
            type: 'error',
            id: null,
            error: { code: 'BOTBENCH_ERR_UNAUTHORIZED', message: 'The first frame must be {"type":"auth","token":"…"} with the workbench token.' },
          });
          socket.close(WORKBENCH_CLOSE.UNAUTHORIZED, 'unauthorized');
        }
        return;
      }
      const id = typeof frame.id === 'number' ? frame.id : null;
      if (frame.type !== 'call' || id === null) {
        send({
          type: 'error',
          id,
          error: {
            code: 'BOTBENCH_ERR_FRAME',
            message: 'Expected a call frame.',
            expected: '{"type":"call","id":<number>,"method":"…","params":{…}}',
          },
        });
        return;
      }
      services.dispatch(frame.method, frame.params).then(
        (result) => send({ type: 'result', id, result }),
        (error: unknown) => send({ type: 'error', id, error: toErrorPayload(error) }),
      );
    });
    socket.on('close', () => {
      authenticated();
      unsubscribe?.();
    });
  });
  return wss;
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant-time: comparing digests of equal length leaks neither the token nor its length. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/** The addresses of the default listener: a connection that arrived on one of them came from this machine. */
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a connection arrived on 127.0.0.1 or ::1, read from the socket (where it really
 * arrived), not from the Host header (which the client writes). Anything else was reached only
 * because `--host` exposed it: another interface, or another loopback address such as 127.0.0.2.
 */
export function arrivedOnLoopback(request: IncomingMessage): boolean {
  const local = request.socket.localAddress;
  // No local address: an in-process request (Fastify's inject), which no network can send.
  return local === undefined || LOOPBACK.has(local);
}

/** Everything `--host` exposes beyond 127.0.0.1 needs the token: a request that arrived elsewhere must carry it. */
export function exposureAllows(request: IncomingMessage, token: string): boolean {
  return arrivedOnLoopback(request) || tokenMatches(request.headers.authorization, token);
}

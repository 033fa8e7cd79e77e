import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BotbenchError } from '../errors.ts';

/** Bodies exactly as they arrived: a signature is made over these bytes, not over re-serialised JSON or re-encoded text. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const EMPTY = Buffer.alloc(0);

/** The bytes of a request's body parsed by `acceptRawBodies`, as they arrived (empty if none). */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return rawBodies.get(request) ?? EMPTY;
}

/**
 * Makes a route scope take only JSON (and forms, when asked), keeping each raw body for
 * signature checks. Any other content type is refused with 415 by Fastify.
 */
export function acceptRawBodies(scope: FastifyInstance, options: { form?: boolean } = {}): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer);
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(new BotbenchError('BOTBENCH_ERR_JSON', 'The body is not valid JSON.', { expected: 'a JSON object body' }), undefined);
    }
  });
  if (!options.form) return;
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer);
    done(null, Object.fromEntries(new URLSearchParams((body as Buffer).toString('utf8'))));
  });
}

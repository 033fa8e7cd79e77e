import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BotbenchError } from '../errors.ts';

/** Bodies exactly as they arrived: a signature is made over these bytes, not over re-serialised JSON. */
const rawBodies = new WeakMap<FastifyRequest, string>();

/** The body of a request parsed by `acceptRawBodies`, as it arrived ('' if none). */
export function rawBodyOf(request: FastifyRequest): string {
  return rawBodies.get(request) ?? '';
}

/**
 * Makes a route scope take only JSON (and forms, when asked), keeping each raw body for
 * signature checks. Any other content type is refused with 415 by Fastify.
 */
export function acceptRawBodies(scope: FastifyInstance, options: { form?: boolean } = {}): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new BotbenchError('BOTBENCH_ERR_JSON', 'The body is not valid JSON.', { expected: 'a JSON object body' }), undefined);
    }
  });
  if (!options.form) return;
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

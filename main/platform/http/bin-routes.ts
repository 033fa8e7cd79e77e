import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { binAnswerFor } from '../bins.ts';
import type { Platform } from '../platform.ts';

/**
 * `/bin/{id}` (and any path below it, any method): records the request as it arrived and
 * answers with the first matching rule's status, body and delay, else the bin's default ones. Bodies are kept as text, whatever
 * their type, so the tester sees exactly what was sent.
 */
export async function registerBinRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    const capture = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const { id } = request.params as { id: string };
      const bin = platform.bins.require(id);
      const url = new URL(request.url, 'http://bin.local');
      platform.recordBinRequest(id, {
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : String(value ?? '')]),
        ),
        body: typeof request.body === 'string' ? request.body : '',
      });
      // The path below the bin ("/" for the bin itself) is what a rule matches.
      const below = url.pathname.slice(`/bin/${id}`.length) || '/';
      const answer = binAnswerFor(bin.response, request.method, below);
      if (answer.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      return reply.code(answer.status).header('content-type', answer.contentType).send(answer.body);
    };
    scope.all('/bin/:id', capture);
    scope.all('/bin/:id/*', capture);
  });
}

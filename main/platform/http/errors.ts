import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { BotbenchError, type ErrorBody } from '../errors.ts';

/** Fastify's own error codes, mapped to ours. */
const fastifyCodes: Record<string, (error: FastifyError, contentType: string | undefined) => BotbenchError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new BotbenchError('BOTBENCH_ERR_BODY_TOO_LARGE', 'The body is larger than the limit.', { expected: 'a smaller body (see docs/api.md, Limits)' }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (_error, contentType) =>
    new BotbenchError(
      'BOTBENCH_ERR_CONTENT_TYPE',
      `Unsupported content type ${contentType ? JSON.stringify(contentType.slice(0, 100)) : '(none)'}.`,
      {
        expected: 'Content-Type: application/json (webhooks also take application/x-www-form-urlencoded)',
      },
    ),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new BotbenchError('BOTBENCH_ERR_VALIDATION', 'The Content-Length header does not match the body.', { expected: 'a correct Content-Length' }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new BotbenchError('BOTBENCH_ERR_JSON', 'The body is empty but Content-Type says JSON.', { expected: 'a JSON object body' }),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new BotbenchError('BOTBENCH_ERR_JSON', 'The body is not valid JSON.', { expected: 'a JSON object body' }),
  // A URL that cannot be decoded names nothing that exists.
  FST_ERR_BAD_URL: () =>
    new BotbenchError('BOTBENCH_ERR_NOT_FOUND', 'No route: the URL’s percent-encoding is broken.', {
      expected: 'a URL listed in docs/api.md, percent-encoded correctly',
    }),
};

/** Turns anything a route throws into a 4xx with our error body; only a bug in Botbench gives a 500. */
export function toBotbenchError(error: unknown, contentType?: string): BotbenchError {
  if (error instanceof BotbenchError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const where = `${error.validationContext ?? 'body'}${first?.instancePath && first.instancePath !== '/' ? first.instancePath.replaceAll('/', '.') : ''}`;
    return new BotbenchError('BOTBENCH_ERR_VALIDATION', `${where}: ${first?.message ?? 'invalid'}.`, {
      expected: 'see docs/api.md for the shape of this request',
      field: where,
    });
  }
  const fastifyError = error as Partial<FastifyError>;
  const mapped = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) return mapped(fastifyError as FastifyError, contentType);
  if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new BotbenchError('BOTBENCH_ERR_JSON', `The body is not valid JSON: ${(error as Error).message}.`, { expected: 'a JSON object body' });
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return new BotbenchError('BOTBENCH_ERR_VALIDATION', fastifyError.message ?? 'Bad request.', { expected: 'see docs/api.md' });
  }
  return new BotbenchError('BOTBENCH_ERR_INTERNAL', 'Botbench failed to handle this request; the details are in its log.');
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const botbenchError = toBotbenchError(error, request.headers['content-type']);
    if (botbenchError.status >= 500) request.log.error({ err: error }, 'unexpected error');
    const body: ErrorBody = botbenchError.toBody();
    void reply.code(botbenchError.status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new BotbenchError('BOTBENCH_ERR_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`, {
      expected: 'a route listed in docs/api.md',
    });
    void reply.code(404).send(error.toBody());
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BotbenchError } from '../errors.ts';
import { assertBotId, assertChannelId, BOT_ID_PATTERN, CHANNEL_ID_EXPECTED, CONNECTION_ID_PATTERN, isChannelId } from '../ids.ts';
import type { Platform } from '../platform.ts';
import { formatResponsePath } from '../response-path.ts';
import { usersToCsv } from '../users-csv.ts';
import { tokenMatches } from './exposure.ts';
import { binResponseSchema, botSettingsSchema, logKindSchema, logRangeShape, logStatusSchema, userStatusSchema } from './shared-schemas.ts';

export interface AdminOptions {
  token: string;
  /** Host headers the admin API answers to (its own loopback host:port), to defeat DNS rebinding. */
  allowedHosts: () => readonly string[];
}

const createBotSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  botId: z.string().regex(BOT_ID_PATTERN, 'botId must be 24 lowercase hex characters').optional(),
  embedCode: z.string().min(1).max(8192).optional(),
  connectionId: z.string().regex(CONNECTION_ID_PATTERN, 'connectionId must be 1 to 64 letters, digits, "-" or "_"').optional(),
  settings: botSettingsSchema.optional(),
});
const updateBotSchema = z.strictObject({ name: z.string().trim().min(1).max(100).optional(), settings: botSettingsSchema.optional() });
const botParams = z.object({ botId: z.string() });
const userParams = z.object({ botId: z.string(), channelId: z.string() });
const limit = z.coerce.number().int().min(1).max(5000).optional();
const usersQuery = z.strictObject({
  botId: z.string().regex(BOT_ID_PATTERN, 'botId must be 24 lowercase hex characters').optional(),
  q: z.string().max(200).optional(),
  limit,
});
const logQuery = z.strictObject({
  botId: z.string().regex(BOT_ID_PATTERN, 'botId must be 24 lowercase hex characters').optional(),
  responsePath: z.string().max(300).optional(),
  kind: logKindSchema.optional(),
  status: logStatusSchema.optional(),
  before: z.coerce.number().int().min(1).optional(),
  ...logRangeShape,
  limit,
});
const channelIdField = z.string().refine(isChannelId, { message: `channelId must be ${CHANNEL_ID_EXPECTED}` });
/** The Users API's create-a-user call (Flow XO names the bot by its connection; Botbench by its Bot ID). */
const createUserSchema = z.strictObject({
  botId: z.string().regex(BOT_ID_PATTERN, 'botId must be 24 lowercase hex characters'),
  channelId: channelIdField,
  name: z.string().trim().min(1).max(200).optional(),
  channel: z.enum(['web', 'telegram', 'messenger']).optional(),
});
const userChangeSchema = z.strictObject({ status: userStatusSchema });

/** The admin API: bots, users, transcripts and the log, behind the bearer token. */
export function registerAdminRoutes(app: FastifyInstance, platform: Platform, options: AdminOptions): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const guard = async (request: FastifyRequest): Promise<void> => {
    const host = request.headers.host ?? '';
    if (!options.allowedHosts().includes(host)) {
      throw new BotbenchError('BOTBENCH_ERR_FORBIDDEN_HOST', `The admin API does not answer requests for host ${JSON.stringify(host)}.`, {
        expected: `Host: ${options.allowedHosts()[0] ?? '127.0.0.1:<port>'}`,
      });
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !options.allowedHosts().some((allowed) => origin === `http://${allowed}`)) {
      throw new BotbenchError('BOTBENCH_ERR_FORBIDDEN_HOST', `The admin API refuses browser requests from origin ${JSON.stringify(origin)}.`, {
        expected: 'no Origin header, or the platform’s own origin',
      });
    }
    if (!tokenMatches(request.headers.authorization, options.token)) {
      throw new BotbenchError('BOTBENCH_ERR_UNAUTHORIZED', 'Missing or wrong admin token.', { expected: 'Authorization: Bearer <token>' });
    }
    const type = request.headers['content-type'];
    if (type !== undefined && !/^application\/json\b/i.test(type) && ['POST', 'PATCH', 'PUT'].includes(request.method)) {
      throw new BotbenchError('BOTBENCH_ERR_CONTENT_TYPE', `The admin API takes JSON bodies; got ${JSON.stringify(type)}.`, {
        expected: 'Content-Type: application/json',
      });
    }
  };

  void api.register(async (scope) => {
    const admin = scope.withTypeProvider<ZodTypeProvider>();
    admin.addHook('onRequest', guard);

    admin.get('/api/bots', async () => ({ bots: platform.bots.list() }));

    admin.post('/api/bots', { schema: { body: createBotSchema } }, async (request, reply) => {
      return reply.code(201).send(platform.createBot(request.body));
    });

    admin.get('/api/bots/:botId', { schema: { params: botParams } }, async (request) => platform.bots.require(assertBotId(request.params.botId)));

    admin.patch('/api/bots/:botId', { schema: { params: botParams, body: updateBotSchema } }, async (request) => {
      return platform.updateBot(assertBotId(request.params.botId), request.body);
    });

    admin.get('/api/bots/:botId/contents', { schema: { params: botParams } }, async (request) =>
      platform.botContents(assertBotId(request.params.botId)),
    );

    admin.delete('/api/bots/:botId', { schema: { params: botParams } }, async (request) => ({
      deleted: assertBotId(request.params.botId),
      removed: platform.deleteBot(assertBotId(request.params.botId)),
    }));

    admin.get('/api/users', { schema: { querystring: usersQuery } }, async (request) => ({
      users: platform.users.list({ botId: request.query.botId, text: request.query.q, limit: request.query.limit }),
    }));

    const userPath = (params: { botId: string; channelId: string }): string =>
      formatResponsePath(assertBotId(params.botId), assertChannelId(params.channelId));

    // Flow XO's users "Export": the filtered users as CSV (columns in docs/api.md).
    admin.get('/api/users/export.csv', { schema: { querystring: usersQuery } }, async (request, reply) => {
      const users = platform.users.list({ botId: request.query.botId, text: request.query.q, limit: request.query.limit ?? 5000 });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="botbench-users.csv"').send(usersToCsv(users));
    });

    // The Users API's create-a-user call: 201 with a new user, 200 with the existing one renamed.
    admin.post('/api/users', { schema: { body: createUserSchema } }, async (request, reply) => {
      const result = platform.createUser(request.body);
      return reply.code(result.created ? 201 : 200).send(result);
    });

    admin.patch('/api/users/:botId/c/:channelId', { schema: { params: userParams, body: userChangeSchema } }, async (request) =>
      platform.setUserStatus(userPath(request.params), request.body.status),
    );

    admin.delete('/api/users/:botId/c/:channelId/attributes', { schema: { params: userParams } }, async (request) =>
      platform.clearUserAttributes(userPath(request.params)),
    );

    admin.get('/api/users/:botId/c/:channelId', { schema: { params: userParams } }, async (request) =>
      platform.users.require(userPath(request.params)),
    );

    admin.get(
      '/api/users/:botId/c/:channelId/transcript',
      { schema: { params: userParams, querystring: z.strictObject({ limit }) } },
      async (request) => {
        const responsePath = userPath(request.params);
        return {
          responsePath,
          messages: platform.transcript(responsePath, request.query.limit ?? 200),
          pending: platform.queue.pending(responsePath),
        };
      },
    );

    admin.get('/api/log', { schema: { querystring: logQuery } }, async (request) => ({ entries: platform.log.query(request.query) }));

    const flowParams = z.object({ id: z.string().max(64) });
    admin.get('/api/bots/:botId/flows', { schema: { params: botParams } }, async (request) => ({
      flows: platform.listFlows(assertBotId(request.params.botId)),
    }));
    admin.post('/api/bots/:botId/flows', { schema: { params: botParams, body: z.unknown() } }, async (request, reply) =>
      reply.code(201).send(platform.createFlow(assertBotId(request.params.botId), request.body)),
    );
    admin.put('/api/bots/:botId/flows', { schema: { params: botParams, body: z.array(z.unknown()).max(200) } }, async (request) => ({
      flows: platform.replaceFlows(assertBotId(request.params.botId), request.body),
    }));
    admin.get('/api/flows/:id', { schema: { params: flowParams } }, async (request) => platform.flows.require(request.params.id));
    admin.put('/api/flows/:id', { schema: { params: flowParams, body: z.unknown() } }, async (request) =>
      platform.updateFlow(request.params.id, request.body),
    );
    admin.delete('/api/flows/:id', { schema: { params: flowParams } }, async (request) => platform.deleteFlow(request.params.id));

    const binBody = z.strictObject({ name: z.string().trim().min(1).max(100), response: binResponseSchema.optional() });
    admin.get('/api/bins', async () => ({ bins: platform.bins.list() }));
    admin.post('/api/bins', { schema: { body: binBody } }, async (request, reply) =>
      reply.code(201).send(platform.createBin(request.body.name, request.body.response)),
    );
    admin.patch('/api/bins/:id', { schema: { params: flowParams, body: binBody.partial() } }, async (request) =>
      platform.updateBin(request.params.id, request.body),
    );
    admin.delete('/api/bins/:id', { schema: { params: flowParams } }, async (request) => ({ deleted: platform.deleteBin(request.params.id).id }));
    admin.get('/api/bins/:id/requests', { schema: { params: flowParams, querystring: z.strictObject({ limit }) } }, async (request) => ({
      requests: platform.bins.requests(request.params.id, request.query.limit ?? 200),
    }));
  });
}

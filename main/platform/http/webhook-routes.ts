import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BotbenchError } from '../errors.ts';
import type { Bot } from '../model.ts';
import type { Platform } from '../platform.ts';
import { parseResponsePath } from '../response-path.ts';
import { MAX_TEXT } from '../widget-protocol.ts';
import { toBotbenchError } from './errors.ts';

const hookParams = z.object({ hookId: z.string().max(64) });
/** Other fields are allowed: a webhook body is the caller's data; only these two are read by the default flow. */
const webhookBody = z.looseObject({
  response_path: z.string({ error: 'response_path is required: a string "{Bot ID}/c/{Channel ID}"' }),
  text: z
    .string({ error: 'text is required: the message to send' })
    .trim()
    .min(1, 'text must not be empty')
    .max(MAX_TEXT, `text must be at most ${MAX_TEXT} characters`),
});

/**
 * `POST {webhookUrl}`: the bot's webhook flow. The default sends `text` to `response_path`,
 * which may be a user of any bot in this workspace (as a Flow XO account's webhooks can).
 * Every refusal is logged with its code. CORS is open, so a page's own JavaScript can call it.
 */
export function registerWebhookRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const requireBot = (hookId: string): Bot => {
    const bot = platform.bots.byHookId(hookId);
    if (bot) return bot;
    throw new BotbenchError('BOTBENCH_ERR_BOT_NOT_FOUND', 'No bot has this webhook URL; copy it again from the bot (GET /api/bots).', {
      expected: 'a webhook URL of an existing bot',
    });
  };

  api.options('/hooks/:hookId', async (_request, reply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type, webhook-id, webhook-timestamp, webhook-signature')
      .header('access-control-max-age', '600')
      .code(204)
      .send(),
  );

  api.post(
    '/hooks/:hookId',
    {
      schema: { params: hookParams, body: webhookBody },
      // An unknown URL is a 404 whatever the body, so check it before the body is parsed.
      onRequest: async (request, reply) => {
        void reply.header('access-control-allow-origin', '*');
        requireBot((request.params as { hookId: string }).hookId);
      },
      onError: async (request, _reply, error) => {
        const bot = platform.bots.byHookId((request.params as { hookId?: string }).hookId ?? '');
        const botbench = toBotbenchError(error, request.headers['content-type']);
        const path = (request.body as { response_path?: unknown } | undefined)?.response_path;
        platform.log.append({
          botId: bot?.botId ?? null,
          responsePath: typeof path === 'string' ? path.slice(0, 300) : null,
          kind: 'webhook',
          status: 'refused',
          summary: `Webhook refused: ${botbench.message}`,
          detail: { code: botbench.code, hook: bot ? 'known' : 'unknown', contentType: request.headers['content-type'] ?? null },
        });
      },
    },
    async (request, reply) => {
      requireBot(request.params.hookId);
      const path = parseResponsePath(request.body.response_path);
      platform.bots.require(path.botId);
      const result = platform.sendToUser(request.body.response_path, request.body.text, 'webhook', { body: request.body });
      return reply.code(200).send(result);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BotbenchError } from '../errors.ts';
import type { Bot } from '../model.ts';
import type { Platform } from '../platform.ts';
import { parseResponsePath } from '../response-path.ts';
import { MAX_TEXT } from '../widget-protocol.ts';

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

/** `POST {webhookUrl}`: the bot's webhook flow. The default sends `text` to `response_path`. */
export function registerWebhookRoutes(app: FastifyInstance, platform: Platform): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const requireBot = (hookId: string): Bot => {
    const bot = platform.bots.byHookId(hookId);
    if (bot) return bot;
    throw new BotbenchError('BOTBENCH_ERR_BOT_NOT_FOUND', 'No bot has this webhook URL; copy it again from the bot (GET /api/bots).', {
      expected: 'a webhook URL of an existing bot',
    });
  };
  api.post(
    '/hooks/:hookId',
    {
      schema: { params: hookParams, body: webhookBody },
      // An unknown URL is a 404 whatever the body, so check it before the body is parsed.
      onRequest: async (request) => void requireBot((request.params as { hookId: string }).hookId),
    },
    async (request, reply) => {
      const bot = requireBot(request.params.hookId);
      try {
        const path = parseResponsePath(request.body.response_path);
        platform.bots.require(path.botId);
        const result = platform.sendToUser(request.body.response_path, request.body.text, 'webhook', { hookBotId: bot.botId, body: request.body });
        return reply.code(200).send(result);
      } catch (error) {
        if (error instanceof BotbenchError) {
          platform.log.append({
            botId: bot.botId,
            responsePath: typeof request.body.response_path === 'string' ? request.body.response_path.slice(0, 300) : null,
            kind: 'webhook',
            status: 'refused',
            summary: `Webhook refused: ${error.message}`,
            detail: { code: error.code, body: request.body },
          });
        }
        throw error;
      }
    },
  );
}

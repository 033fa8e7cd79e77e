import type { FastifyInstance } from 'fastify';
import type { Flow } from '../model.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../platform.ts';
import type { WebhookSignatures } from '../webhook-signatures.ts';
import { clip } from '../interaction-log.ts';
import { toBotbenchError } from './errors.ts';
import { acceptRawBodies, rawBodyOf } from './raw-bodies.ts';

const hookParams = z.object({ hookId: z.string().max(64) });
/** A webhook body is the caller's data: any JSON object or form. Which fields a flow needs, its trigger says. */
const webhookBody = z.record(z.string(), z.unknown(), { error: 'the body must be a JSON object or a form' });

/**
 * `POST {webhookUrl}` runs the flow that URL belongs to. A bot's own webhook URL runs its
 * "Deliver webhook text" flow, which sends `text` to `response_path` (a user of any bot in the
 * workspace, as a Flow XO account's webhooks can). When the bot verifies webhooks, the
 * Standard Webhooks signature is checked before the body is looked at. Every refusal is logged
 * with its code. CORS is open, so a page's own JavaScript can call it.
 */
export async function registerWebhookRoutes(app: FastifyInstance, platform: Platform, signatures: WebhookSignatures): Promise<void> {
  await app.register(async (scope) => {
    acceptRawBodies(scope, { form: true });
    // The flow the webhook URL belongs to, looked up once per request (in onRequest) for every later hook.
    scope.decorateRequest('hookFlow', undefined);
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.options('/hooks/:hookId', async (_request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('access-control-allow-methods', 'POST')
        .header(
          'access-control-allow-headers',
          'content-type, webhook-id, webhook-timestamp, webhook-signature, svix-id, svix-timestamp, svix-signature',
        )
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
          request.hookFlow = platform.flows.byHookId((request.params as { hookId: string }).hookId);
          platform.requireEnabledHookFlow(request.hookFlow);
        },
        // A signed bot checks the signature before the body's shape: an unsigned caller learns nothing.
        preValidation: async (request) => {
          const flow = platform.requireEnabledHookFlow(request.hookFlow);
          const bot = platform.bots.require(flow.botId);
          if (bot.settings.verifyWebhooks) signatures.verify(bot, rawBodyOf(request), request.headers);
        },
        onError: async (request, _reply, error) => {
          const flow = request.hookFlow;
          const botbench = toBotbenchError(error, request.headers['content-type']);
          const path = (request.body as { response_path?: unknown } | undefined)?.response_path;
          // Bounded whatever the caller sent: 4,000 junk POSTs with 8 KiB Content-Types once added 33 MB.
          const contentType = request.headers['content-type'];
          platform.log.append({
            botId: flow?.botId ?? null,
            responsePath: typeof path === 'string' ? clip(path) : null,
            kind: 'webhook',
            status: 'refused',
            summary: clip(`Webhook refused: ${botbench.message}`),
            detail: { code: botbench.code, flowId: flow?.id ?? null, contentType: contentType === undefined ? null : clip(contentType, 100) },
          });
        },
      },
      async (request, reply) => {
        const answer = await platform.runWebhook(platform.requireEnabledHookFlow(request.hookFlow), {
          body: request.body,
          query: request.query as Record<string, unknown>,
          headers: request.headers as Record<string, unknown>,
        });
        return reply.code(answer.run.status === 'in_progress' ? 202 : 200).send(answer);
      },
    );
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** A webhook request's flow (webhook-routes.ts), if its URL belongs to one; undefined on other routes. */
    hookFlow: Flow | undefined;
  }
}

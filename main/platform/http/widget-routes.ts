import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BotbenchError } from '../errors.ts';
import { assertBotId, assertChannelId } from '../ids.ts';
import type { Platform } from '../platform.ts';
import { ANSWERED_SCRIPT_PATHS, withPlatformOrigin } from '../../common/flowxo-scripts.ts';
import { MAX_METADATA_BYTES } from '../../common/widget-frames.ts';
import { jsonDepthWithin, MAX_METADATA_DEPTH, METADATA_EXPECTED } from '../widget-protocol.ts';
import { renderSitePage } from './site-page.ts';

const siteQuery = z.strictObject({
  externalUserId: z.string().optional(),
  /** The site server's userHash for externalUserId, passed through as is: this page never computes one. */
  userHash: z.string().max(128).optional(),
  /** Refused when 1: the demo site used to sign for anyone who asked (see the route). */
  signed: z.enum(['0', '1']).optional(),
  loginAs: z.string().optional(),
  /** The site server's userHash for loginAs, passed through as is. */
  loginHash: z.string().max(128).optional(),
  metadata: z.string().max(MAX_METADATA_BYTES).optional(),
  open: z.enum(['0', '1']).optional(),
  /** Which script generation the page embeds: embed (legacy FxoMessenger, the default) or loader (current FlowXO). */
  script: z.enum(['embed', 'loader']).optional(),
});

function parseMetadata(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', 'The metadata query parameter must be a JSON object.', {
      expected: 'metadata={"myUserId":"123"} (URL-encoded)',
      field: 'querystring.metadata',
    });
  }
  // Before the page serialises it: a deeper value would overflow the stack of JSON.stringify.
  if (!jsonDepthWithin(value, MAX_METADATA_DEPTH)) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `The metadata query parameter nests more than ${MAX_METADATA_DEPTH} levels deep.`, {
      expected: METADATA_EXPECTED,
      field: 'querystring.metadata',
    });
  }
  return value as Record<string, unknown>;
}

/** What a customer site needs: the widget script, a demo site page, and a way to clear its storage. */
export function registerWidgetRoutes(
  app: FastifyInstance,
  platform: Platform,
  widget: { bundle: string; loader: string; baseUrl: () => string },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const script = (code: string) => async (_request: unknown, reply: FastifyReply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      // Any customer site may load it, as a CDN-served widget would be.
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'no-cache')
      .send(code);
  // Legacy (FxoMessenger) and current (FlowXO) scripts: two thin API layers over one widget core.
  api.get('/embed.js', script(widget.bundle));
  api.get('/loader.js', script(widget.loader));
  // The same scripts as a profile's browser gets them for Flow XO's own URLs (https://widget.flowxo.com/embed.js,
  // https://messenger.flowxo.com/loader.js): with the platform's origin written in, so the widget's socket comes
  // here whatever origin the page and the script URL are on.
  const answered = (code: string) => async (request: unknown, reply: FastifyReply) =>
    script(withPlatformOrigin(code, new URL(widget.baseUrl()).origin))(request, reply);
  api.get(ANSWERED_SCRIPT_PATHS.embed, answered(widget.bundle));
  api.get(ANSWERED_SCRIPT_PATHS.loader, answered(widget.loader));

  // What loader.js asks before connecting: the bot behind its data-connection (made on first sight).
  api.get('/messenger/connections/:connectionId', { schema: { params: z.object({ connectionId: z.string() }) } }, async (request, reply) => {
    // CORS on a refusal too (Fastify's error path drops headers set before it), so a page's loader.js can read why.
    void reply.header('access-control-allow-origin', '*').header('cache-control', 'no-store');
    try {
      // The page that asked (a cross-origin fetch names its origin): the log says where the connection was first seen.
      const bot = platform.connectionBot(request.params.connectionId, request.headers.origin ?? request.headers.referer);
      return reply.send({ connectionId: bot.connectionId, botId: bot.botId, name: bot.name, theme: bot.settings.theme });
    } catch (error) {
      if (!(error instanceof BotbenchError)) throw error;
      return reply.code(error.status).send(error.toBody());
    }
  });

  api.get('/site/:botId', { schema: { params: z.object({ botId: z.string() }), querystring: siteQuery } }, async (request, reply) => {
    const bot = platform.bots.require(assertBotId(request.params.botId));
    const externalUserId =
      request.query.externalUserId === undefined || request.query.externalUserId === ''
        ? undefined
        : assertChannelId(request.query.externalUserId, 'externalUserId');
    // The page is served to anyone, so it signs for no one: a userHash must come from whoever
    // holds the bot's identity secret (the workbench, playing the site's server, puts it in the URL).
    if (request.query.signed === '1') {
      throw new BotbenchError(
        'BOTBENCH_ERR_VALIDATION',
        'The demo site no longer signs external user IDs: signed=1 would sign for anyone who asks.',
        {
          expected:
            "userHash=<HMAC-SHA256(the bot's identity secret, externalUserId) as hex> (and loginHash= for loginAs), computed by whoever holds the secret",
          field: 'querystring.signed',
        },
      );
    }
    const loginAs =
      request.query.loginAs === undefined || request.query.loginAs === '' ? undefined : assertChannelId(request.query.loginAs, 'loginAs');
    const html = renderSitePage({
      platformUrl: widget.baseUrl(),
      botName: bot.name,
      embedCode: bot.embedCode,
      connectionId: bot.connectionId,
      script: request.query.script ?? 'embed',
      externalUserId,
      userHash: externalUserId === undefined ? undefined : request.query.userHash || undefined,
      loginAs: loginAs === undefined ? undefined : { externalUserId: loginAs, userHash: request.query.loginHash || undefined },
      metadata: parseMetadata(request.query.metadata),
      open: request.query.open !== '0',
    });
    return reply.header('content-type', 'text/html; charset=utf-8').send(html);
  });

  // "Clear cache" by hand: the browser drops this origin's storage, so the widget forgets its Channel ID.
  api.get('/site/:botId/clear', { schema: { params: z.object({ botId: z.string() }) } }, async (request, reply) => {
    const bot = platform.bots.require(assertBotId(request.params.botId));
    return reply
      .header('clear-site-data', '"storage"')
      .header('content-type', 'text/html; charset=utf-8')
      .send(
        `<!doctype html><meta charset="utf-8"><title>Storage cleared</title><p>Site data cleared. <a href="/site/${bot.botId}">Back to the site</a></p>`,
      );
  });

  app.get('/api/health', async () => ({ status: 'ok' }));
}

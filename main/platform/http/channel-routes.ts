import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkMessengerPage,
  checkMessengerSignature,
  checkMessengerVerifyToken,
  MESSENGER_SIGNATURE_HEADER,
  messengerEventSchema,
} from '../channels/messenger.ts';
import { checkTelegramSecret, TELEGRAM_SECRET_HEADER, telegramProfile, telegramUpdateSchema } from '../channels/telegram.ts';
import { assertBotId } from '../ids.ts';
import { clip } from '../interaction-log.ts';
import type { ChannelType } from '../model.ts';
import type { Platform } from '../platform.ts';
import { toBotbenchError } from './errors.ts';
import { acceptRawBodies, rawBodyOf } from './raw-bodies.ts';

const botParams = z.object({ botId: z.string().max(64) });
const verifyQuery = z.object({
  'hub.mode': z.literal('subscribe', { error: 'hub.mode must be "subscribe"' }),
  'hub.verify_token': z.string().max(200),
  'hub.challenge': z.string().min(1).max(200),
});

/**
 * Where the simulated providers deliver: `POST /channels/telegram/{botId}` (a Telegram Update,
 * authenticated by the secret token header) and `POST /channels/messenger/{botId}` (a Messenger
 * webhook event, signed with the app secret), plus Meta's GET verification handshake. The
 * provider's credential is checked before the body's shape; every refusal is logged.
 */
export async function registerChannelRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  await app.register(async (scope) => {
    // Messenger's signature is made over the body's bytes as they arrived.
    acceptRawBodies(scope);
    const api = scope.withTypeProvider<ZodTypeProvider>();
    const botOf = (request: FastifyRequest) => platform.bots.require(assertBotId((request.params as { botId: string }).botId));
    const logRefusal = (channel: Exclude<ChannelType, 'web'>) => async (request: FastifyRequest, _reply: unknown, error: Error) => {
      const refusal = toBotbenchError(error, request.headers['content-type']);
      // A channel mismatch is logged where it is found, with the user it concerns.
      if (refusal.code === 'BOTBENCH_ERR_CHANNEL_MISMATCH') return;
      const botId = (request.params as { botId?: string }).botId ?? '';
      platform.log.append({
        botId: platform.bots.get(botId) ? botId : null,
        kind: 'identity',
        status: 'refused',
        summary: clip(`${channel === 'telegram' ? 'Telegram' : 'Messenger'}-like update refused: ${refusal.message}`),
        detail: { code: refusal.code, channel },
      });
    };

    api.post(
      '/channels/telegram/:botId',
      {
        schema: { params: botParams, body: telegramUpdateSchema },
        onRequest: async (request) => void botOf(request),
        preValidation: async (request) => checkTelegramSecret(botOf(request).channels.telegram.secretToken, request.headers[TELEGRAM_SECRET_HEADER]),
        onError: logRefusal('telegram'),
      },
      async (request) => {
        const { message } = request.body;
        const result = platform.channelMessage({
          botId: request.params.botId,
          channel: 'telegram',
          channelId: String(message.from.id),
          text: message.text,
          profile: telegramProfile(request.body),
        });
        return {
          ok: true,
          channel: 'telegram',
          responsePath: result.user.responsePath,
          channelId: result.user.channelId,
          created: result.created,
          messageId: result.message.id,
        };
      },
    );

    api.post(
      '/channels/messenger/:botId',
      {
        schema: { params: botParams, body: messengerEventSchema },
        onRequest: async (request) => void botOf(request),
        preValidation: async (request) =>
          checkMessengerSignature(botOf(request).channels.messenger.appSecret, rawBodyOf(request), request.headers[MESSENGER_SIGNATURE_HEADER]),
        onError: logRefusal('messenger'),
      },
      async (request) => {
        const bot = botOf(request);
        checkMessengerPage(request.body, bot.channels.messenger.pageId);
        const items = request.body.entry.flatMap((entry) => entry.messaging);
        // All or nothing: refuse the whole delivery before writing if any sender is another channel's user.
        for (const item of items) platform.requireChannel(bot.botId, item.sender.id, 'messenger');
        const events = items.map((item) => {
          const result = platform.channelMessage({
            botId: bot.botId,
            channel: 'messenger',
            channelId: item.sender.id,
            text: item.message.text,
            profile: {},
          });
          return { responsePath: result.user.responsePath, channelId: result.user.channelId, created: result.created, messageId: result.message.id };
        });
        return { ok: true, channel: 'messenger', events };
      },
    );

    // Meta's subscription handshake: echo the challenge when the verify token is the app secret.
    api.get(
      '/channels/messenger/:botId',
      { schema: { params: botParams, querystring: verifyQuery }, onError: logRefusal('messenger') },
      async (request, reply) => {
        const bot = botOf(request);
        checkMessengerVerifyToken(bot.channels.messenger.appSecret, request.query['hub.verify_token']);
        return reply.type('text/plain; charset=utf-8').send(request.query['hub.challenge']);
      },
    );
  });
}

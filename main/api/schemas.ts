import { z } from 'zod';
import {
  binResponseSchema,
  botSettingsSchema,
  logKindSchema,
  logRangeShape,
  logStatusSchema,
  userStatusSchema,
} from '../platform/http/shared-schemas.ts';
import {
  ANONYMOUS_ID_EXPECTED,
  BOT_ID_PATTERN,
  CHANNEL_ID_EXPECTED,
  CONNECTION_ID_EXPECTED,
  CONNECTION_ID_PATTERN,
  isAnonymousChannelId,
  isChannelId,
} from '../common/ids.ts';
import { PROFILE_KINDS } from '../common/profile-kinds.ts';
import { MAX_SCRIPT_PATTERNS, SCRIPT_PATTERN, SCRIPT_PATTERN_EXPECTED } from '../common/flowxo-scripts.ts';
import { SITE_URL_MAX } from '../common/site-url.ts';
import type { PersonChannel } from '../lab/types.ts';
import { metadataSchema } from '../platform/widget-protocol.ts';
import type { ApiMethod, ApiParams } from './contract.ts';
import { VARIABLE_NAME } from './variables.ts';
import { webhookRequestSchema } from './webhook-request.ts';
import { MAX_CURL_LENGTH } from './curl-import.ts';

/**
 * Parameter schemas for every contract method: both transports validate with these before a
 * handler runs, so a malformed call gets BOTBENCH_ERR_VALIDATION naming the field.
 */
const id = z.strictObject({ id: z.string().min(1).max(64) });
const botId = z.string().regex(BOT_ID_PATTERN, 'botId must be 24 lowercase hex characters');
const none = z
  .undefined()
  .or(z.strictObject({}))
  .transform(() => undefined);
const kind = z.enum(PROFILE_KINDS);

const personName = z.string().trim().min(1, 'name must not be empty').max(80);
const deviceName = z.string().trim().min(1, 'name must not be empty').max(40);
const personChannels = z.array(z.enum(['web', 'telegram', 'messenger'] as const satisfies PersonChannel[])).max(3);
const personId = z.string().min(1).max(64);
const deviceId = z.string().min(1).max(64);
const profileLink = z.string().min(1).max(64).nullable().optional();
const itemId = z.string().min(1).max(64);
const itemName = z.string().trim().min(1, 'name must not be empty').max(120);
const importFile = z.strictObject({
  text: z
    .string()
    .min(1, 'the file is empty')
    .max(10 * 1024 * 1024),
  botId: botId.optional(),
});

const workspaceImport = z.strictObject({
  // A workspace file with transcripts can be large; the transport's own frame limit applies too.
  text: z
    .string()
    .min(1)
    .max(50 * 1024 * 1024),
  fileName: z.string().min(1).max(300),
  onConflict: z.enum(['replace', 'skip']),
});

export const methodSchemas: { [M in ApiMethod]: z.ZodType<ApiParams<M>, unknown> } = {
  'workbench.info': none,
  'bots.list': none,
  'bots.create': z.strictObject({
    name: z.string().trim().min(1).max(100),
    botId: botId.optional(),
    embedCode: z.string().min(1).max(8192).optional(),
    connectionId: z.string().regex(CONNECTION_ID_PATTERN, CONNECTION_ID_EXPECTED).optional(),
  }),
  'bots.update': z.strictObject({
    botId,
    name: z.string().trim().min(1).max(100).optional(),
    settings: botSettingsSchema.optional(),
  }),
  'bots.identityHash': z.strictObject({ botId, externalUserId: z.string().min(1).max(128) }),
  'bots.contents': z.strictObject({ botId }),
  'bots.delete': z.strictObject({ botId }),
  'profiles.list': none,
  'profiles.open': z
    .strictObject({
      kind,
      botId: botId.optional(),
      label: z.string().max(60).optional(),
      externalUserId: z.string().min(1).max(128).optional(),
      metadata: metadataSchema.optional(),
      script: z.enum(['embed', 'loader']).optional(),
      // Its form (http, https or file) is checked by ProfileService, which refuses a bad one with BOTBENCH_ERR_SITE_URL.
      siteUrl: z.string().max(SITE_URL_MAX).optional(),
      scriptPatterns: z
        .array(z.strictObject({ url: z.string().max(2048).regex(SCRIPT_PATTERN, SCRIPT_PATTERN_EXPECTED), script: z.enum(['embed', 'loader']) }))
        .max(MAX_SCRIPT_PATTERNS)
        .optional(),
      acceptCertificate: z.boolean().optional(),
    })
    .refine((input) => input.botId !== undefined || input.siteUrl !== undefined, {
      message: 'botId (the demo page of that bot) or siteUrl (your own page) is required',
      path: ['botId'],
    }),
  'profiles.reload': id,
  'profiles.restart': id.extend({
    identity: z
      .discriminatedUnion('mode', [
        z.strictObject({ mode: z.literal('same') }),
        z.strictObject({ mode: z.literal('new') }),
        z.strictObject({
          mode: z.literal('typed'),
          // The widget keeps only anonymous IDs in storage, and the platform resumes only those of its own form.
          channelId: z.string().refine(isAnonymousChannelId, { message: `a typed ID must be an anonymous Channel ID: ${ANONYMOUS_ID_EXPECTED}` }),
        }),
      ])
      .optional(),
  }),
  'profiles.clearSiteData': id,
  'profiles.resetConversation': id,
  'profiles.close': id,
  'profiles.sendMessage': id.extend({ text: z.string().trim().min(1).max(4000) }),
  'profiles.login': id.extend({ externalUserId: z.string().refine(isChannelId, { message: CHANNEL_ID_EXPECTED }) }),
  'profiles.logout': id,
  'profiles.input': id.extend({
    input: z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('click'), x: z.number().finite().min(0).max(10_000), y: z.number().finite().min(0).max(10_000) }),
      z.strictObject({ type: z.literal('type'), text: z.string().min(1).max(1000) }),
      z.strictObject({ type: z.literal('key'), key: z.string().min(1).max(40) }),
      z.strictObject({
        type: z.literal('scroll'),
        x: z.number().finite().min(0).max(10_000),
        y: z.number().finite().min(0).max(10_000),
        deltaY: z.number().finite().min(-10_000).max(10_000),
      }),
    ]),
  }),
  'profiles.capture': id,
  'profiles.retryBrowser': none,
  'findings.list': z.strictObject({
    profileId: z.string().min(1).max(64).optional(),
    site: z.string().min(1).max(2048).optional(),
  }),
  'profiles.place': id.extend({
    bounds: z
      .strictObject({
        x: z.number().finite().min(-100_000).max(100_000),
        y: z.number().finite().min(-100_000).max(100_000),
        width: z.number().finite().min(0).max(100_000),
        height: z.number().finite().min(0).max(100_000),
      })
      .nullable(),
  }),
  'persons.list': none,
  'persons.create': z.strictObject({ name: personName, channels: personChannels.optional() }),
  'persons.update': id.extend({ name: personName.optional(), channels: personChannels.optional() }),
  'persons.delete': id,
  'persons.addDevice': z.strictObject({ personId, name: deviceName, profileId: profileLink }),
  'persons.updateDevice': z.strictObject({ personId, deviceId, name: deviceName.optional(), profileId: profileLink }),
  'persons.removeDevice': z.strictObject({ personId, deviceId }),
  'persons.send': z.strictObject({
    personId,
    deviceId,
    channel: z.enum(['telegram', 'messenger']),
    botId,
    text: z.string().trim().min(1, 'text must not be empty').max(4000),
  }),
  'persons.identities': z
    .strictObject({ botIds: z.array(botId).max(100).optional() })
    .optional()
    .transform((v) => v ?? {}),
  'users.list': z
    .strictObject({ botId: botId.optional(), q: z.string().max(200).optional() })
    .optional()
    .transform((v) => v ?? {}),
  'users.transcript': z.strictObject({ responsePath: z.string().min(1).max(300) }),
  'users.exportCsv': z
    .strictObject({ botId: botId.optional(), q: z.string().max(200).optional() })
    .optional()
    .transform((v) => v ?? {}),
  'users.clearAttributes': z.strictObject({ responsePath: z.string().min(1).max(300) }),
  'users.setStatus': z.strictObject({ responsePath: z.string().min(1).max(300), status: userStatusSchema }),
  'users.create': z.strictObject({
    botId,
    channelId: z.string().refine(isChannelId, { message: `channelId must be ${CHANNEL_ID_EXPECTED}` }),
    name: z.string().trim().min(1).max(200).optional(),
    channel: z.enum(['web', 'telegram', 'messenger']).optional(),
  }),
  'log.query': z
    .strictObject({
      botId: botId.optional(),
      responsePath: z.string().max(300).optional(),
      kind: logKindSchema.optional(),
      status: logStatusSchema.optional(),
      before: z.number().int().min(1).optional(),
      ...logRangeShape,
      limit: z.number().int().min(1).max(5000).optional(),
    })
    .optional()
    .transform((v) => v ?? {}),
  'webhooks.send': webhookRequestSchema,
  'webhooks.history': none,
  'webhooks.parseCurl': z.strictObject({ command: z.string().min(1, 'paste a cURL command').max(MAX_CURL_LENGTH), botId: botId.optional() }),
  'webhooks.exportHar': none,
  'webhooks.bulk': z.strictObject({
    request: webhookRequestSchema,
    // Bounds are checked by plannedSends, so the message names them; here only the shape.
    mode: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('count'), count: z.number() }),
      z.strictObject({ kind: z.literal('rate'), perSecond: z.number(), seconds: z.number() }),
    ]),
  }),
  'webhooks.bulkStop': z.strictObject({ runId: z.string().min(1).max(64) }),
  'collections.list': none,
  'collections.create': z.strictObject({ name: itemName }),
  'collections.rename': id.extend({ name: itemName }),
  'collections.delete': id,
  'collections.addFolder': z.strictObject({ collectionId: itemId, parentId: itemId.nullable(), name: itemName }),
  'collections.saveRequest': z.strictObject({
    collectionId: itemId,
    parentId: itemId.nullable(),
    id: itemId.optional(),
    name: itemName,
    request: webhookRequestSchema,
  }),
  'collections.renameItem': id.extend({ name: itemName }),
  'collections.moveItem': id.extend({ parentId: itemId.nullable(), index: z.number().int().min(0).max(10_000) }),
  'collections.duplicateItem': id,
  'collections.deleteItem': id,
  'collections.export': id,
  'collections.previewImport': importFile,
  'collections.import': importFile,
  'environments.list': none,
  'environments.save': z.strictObject({
    id: itemId.optional(),
    name: itemName,
    variables: z
      .array(
        z.strictObject({
          key: z.string().regex(VARIABLE_NAME, 'a variable name is a letter or _ then letters, digits, _ . or - (e.g. userId)'),
          value: z.string().max(64 * 1024),
          secret: z.boolean(),
        }),
      )
      .max(200),
  }),
  'environments.delete': id,
  'workspace.export': z.strictObject({
    secrets: z.boolean().optional(),
    transcripts: z.boolean().optional(),
    log: z.boolean().optional(),
    webhookHistory: z.boolean().optional(),
    botIds: z.array(botId).max(500).optional(),
  }),
  'workspace.previewImport': workspaceImport,
  'workspace.import': workspaceImport,
  'flows.list': z.strictObject({ botId }),
  'flows.create': z.strictObject({ botId, definition: z.unknown() }),
  'flows.update': z.strictObject({ id: z.string().min(1).max(64), definition: z.unknown() }),
  'flows.delete': id,
  'flows.import': z.strictObject({ botId, flows: z.array(z.unknown()).max(200) }),
  'flows.validate': z.strictObject({ definition: z.unknown() }),
  'bins.list': none,
  'bins.create': z.strictObject({ name: z.string().trim().min(1).max(100), response: binResponseSchema.optional() }),
  'bins.update': id.extend({ name: z.string().trim().min(1).max(100).optional(), response: binResponseSchema.optional() }),
  'bins.requests': id,
  'scenarios.list': none,
  'scenarios.check': z.strictObject({ text: z.string().max(1024 * 1024), source: z.string().min(1).max(300) }),
  'scenarios.run': z.strictObject({
    scenarios: z
      .array(z.strictObject({ source: z.string().min(1).max(300), text: z.string().max(1024 * 1024) }))
      .min(1)
      .max(100),
    concurrency: z.number().int().min(1).max(8).optional(),
    keepBots: z.boolean().optional(),
  }),
  'scenarios.cancel': z.strictObject({ runId: z.string().min(1).max(64) }),
  'scenarios.report': z.strictObject({ runId: z.string().min(1).max(64), reporter: z.enum(['list', 'junit', 'markdown', 'html']) }),
  'recording.start': none,
  'recording.stop': z.strictObject({ name: z.string().trim().max(200).optional() }),
  'recording.status': none,
};

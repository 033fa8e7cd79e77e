import { z } from 'zod';
import { BotbenchError } from '../platform/errors.ts';
import { readJsonOrYaml } from './json-or-yaml.ts';

/**
 * The one-file workspace: a teammate's bots (settings, flows, optionally their secrets), request
 * bins and identity-lab people, and optionally transcripts, the interaction log and the webhook
 * composer's history, as one versioned JSON or YAML file. `parseWorkspaceFile` reads every
 * version ever written (older ones through `migrations`) and answers the current one.
 */
export const WORKSPACE_FORMAT = 'botbench-workspace';
export const WORKSPACE_VERSION = 2;

export type { WorkspaceExportOptions } from './types.ts';

const botId = z.string().regex(/^[0-9a-f]{24}$/, 'a Bot ID: 24 lowercase hexadecimal characters');
const json = z.record(z.string(), z.unknown());

const secretsSchema = z.strictObject({
  hookId: z.string().min(16).max(64),
  webhookSecret: z.string().min(1).max(200),
  identitySecret: z.string().min(1).max(200),
  channelSecret: z.string().min(1).max(200),
  appSecret: z.string().min(1).max(200),
  pageId: z.string().regex(/^\d{1,20}$/),
});

const userSchema = z.strictObject({
  channelId: z.string().min(1).max(256),
  kind: z.enum(['anonymous', 'external']),
  channel: z.enum(['web', 'telegram', 'messenger']),
  metadata: json,
  attributes: json,
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
  linkedTo: z.string().max(300).nullable(),
});

const messageSchema = z.strictObject({
  id: z.string().min(1).max(64),
  channelId: z.string().min(1).max(256),
  direction: z.enum(['in', 'out']),
  source: z.enum(['widget', 'telegram', 'messenger', 'bot', 'webhook']),
  text: z.string().max(100_000),
  createdAt: z.number().int(),
  deliveredAt: z.number().int().nullable(),
});

const logEntrySchema = z.strictObject({
  at: z.number().int(),
  responsePath: z.string().max(300).nullable(),
  kind: z.string().min(1).max(40),
  status: z.string().min(1).max(40),
  summary: z.string().max(10_000),
  detail: json,
});

/** A bot's settings as the platform has them (keys this version does not know are left out). */
const settingsSchema = z.object({
  theme: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f6feb')
    .optional(),
  greeting: z.string().max(500).optional(),
  verifyWebhooks: z.boolean().optional(),
  verifyIdentity: z.boolean().optional(),
});

const botSchema = z.strictObject({
  botId,
  name: z.string().min(1).max(100),
  createdAt: z.number().int(),
  settings: settingsSchema,
  /** Flow definitions, in order (what flows.list answers, or the definitions alone). */
  flows: z.array(json).max(200),
  secrets: secretsSchema.optional(),
  users: z.array(userSchema).optional(),
  messages: z.array(messageSchema).optional(),
  log: z.array(logEntrySchema).optional(),
});

const binSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: z.string().min(1).max(100),
  createdAt: z.number().int(),
  response: json,
});

const personSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  telegramUserId: z.string().regex(/^\d{1,20}$/),
  messengerAccountId: z.string().min(1).max(64),
  channels: z.array(z.enum(['web', 'telegram', 'messenger'])),
  devices: z
    .array(z.strictObject({ id: z.string().min(1).max(64), name: z.string().min(1).max(100), profileId: z.string().max(64).nullable() }))
    .max(8),
  createdAt: z.number().int(),
});

export const workspaceFileSchema = z.strictObject({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(WORKSPACE_VERSION),
  exportedAt: z.string(),
  /** What the file was asked to carry, so an importer can say what it does not hold. */
  includes: z.strictObject({ secrets: z.boolean(), transcripts: z.boolean(), log: z.boolean(), webhookHistory: z.boolean() }),
  bots: z.array(botSchema).max(500),
  bins: z.array(binSchema).max(500),
  persons: z.array(personSchema).max(500),
  webhookHistory: z.array(json).max(5000).optional(),
  /** The webhook composer's saved requests; each request is checked against the composer's schema on import. */
  collections: z
    .array(z.strictObject({ name: z.string().min(1).max(100), description: z.string().max(2000), items: z.array(json).max(2000) }))
    .max(200)
    .optional(),
  /** Its environments; a secret variable's value is left empty unless the file holds secrets. */
  environments: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(100),
        variables: z.array(z.strictObject({ key: z.string().min(1).max(100), value: z.string().max(10_000), secret: z.boolean() })).max(500),
      }),
    )
    .max(200)
    .optional(),
});

export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;
export type WorkspaceBot = WorkspaceFile['bots'][number];

/**
 * Older files, up to the current version. Version 1 is the flows export the Flows screen wrote
 * before workspace files existed: a bare array of one bot's flows (each with its botId); it
 * becomes a workspace with that one bot (named for the file, since the export had no name).
 */
const migrations: Record<number, (value: unknown, source: string) => unknown> = {
  1: (value, source) => {
    const flows = value as Array<Record<string, unknown>>;
    const ids = [...new Set(flows.map((f) => f.botId))];
    if (ids.length !== 1 || typeof ids[0] !== 'string') {
      throw new BotbenchError(
        'BOTBENCH_ERR_VALIDATION',
        `${source} is a flows export, but its flows name ${ids.length} bots; one file holds one bot's flows.`,
        {
          expected: 'a flows export of one bot, or a workspace file',
        },
      );
    }
    const definition = ({ id: _id, botId: _botId, webhookUrl: _url, createdAt: _c, updatedAt: _u, ...rest }: Record<string, unknown>) => rest;
    return {
      format: WORKSPACE_FORMAT,
      version: 2,
      exportedAt: new Date(0).toISOString(),
      includes: { secrets: false, transcripts: false, log: false, webhookHistory: false },
      bots: [
        {
          botId: ids[0],
          name: `Flows from ${source.split(/[\\/]/).pop() ?? source}`.slice(0, 100),
          createdAt: 0,
          settings: {},
          flows: flows.map(definition),
        },
      ],
      bins: [],
      persons: [],
    };
  },
};

/** Which version a parsed value is: a flows export (a bare array) is version 1. */
function versionOf(value: unknown): number | null {
  if (Array.isArray(value)) return 1;
  if (value !== null && typeof value === 'object' && (value as { format?: unknown }).format === WORKSPACE_FORMAT) {
    const version = (value as { version?: unknown }).version;
    return typeof version === 'number' && Number.isInteger(version) ? version : null;
  }
  return null;
}

/** Reads a workspace file (JSON, or YAML by its name), migrating older versions; every error names the file and the field. */
export function parseWorkspaceFile(text: string, source: string): WorkspaceFile {
  let value = readJsonOrYaml(text, source, 'workspace file');
  let version = versionOf(value);
  if (version === null) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${source} is not a Botbench workspace file.`, {
      expected: `{"format": "${WORKSPACE_FORMAT}", "version": ${WORKSPACE_VERSION}, …}, or a flows export`,
    });
  }
  if (version > WORKSPACE_VERSION) {
    throw new BotbenchError(
      'BOTBENCH_ERR_VALIDATION',
      `${source} is a version ${version} workspace file; this Botbench reads versions up to ${WORKSPACE_VERSION}.`,
      {
        expected: `a workspace file of version ${WORKSPACE_VERSION} or older (update Botbench to read newer ones)`,
      },
    );
  }
  while (version < WORKSPACE_VERSION) {
    const migrate = migrations[version];
    if (!migrate)
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${source}: version ${version} is not a workspace file version.`, {
        expected: 'version 1 or 2',
      });
    value = migrate(value, source);
    version = versionOf(value) ?? WORKSPACE_VERSION;
  }
  const parsed = workspaceFileSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${source} is not a valid workspace file:\n  ${issues.join('\n  ')}`, {
      expected: `a workspace file of version ${WORKSPACE_VERSION} (docs/api.md, "Workspace files")`,
    });
  }
  return parsed.data;
}

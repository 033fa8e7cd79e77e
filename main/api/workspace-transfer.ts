import type { DatabaseSync } from 'node:sqlite';
import type { PersonStore } from '../lab/person-store.ts';
import type { Person } from '../lab/types.ts';
import { formatResponsePath } from '../common/response-path.ts';
import { BotbenchError } from '../platform/errors.ts';
import { parseFlowDefinition } from '../platform/flows/schema.ts';
import type { Platform } from '../platform/platform.ts';
import { transaction } from '../platform/storage/database.ts';
import { CollectionStore } from '../workspace/collections.ts';
import { EnvironmentStore } from '../workspace/environments.ts';
import { RecentSiteStore } from '../workspace/recent-sites.ts';
import { checkSiteUrl } from '../common/site-url.ts';
import type { CollectionDraft, DraftItem } from '../workspace/saved-requests.ts';
import type { WebhookHistory } from '../workspace/webhook-history.ts';
import { webhookRequestSchema } from './webhook-request.ts';
import type { ConflictPolicy, ImportAction, ImportPreview, WebhookHistoryEntry } from '../workspace/types.ts';
import {
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  type WorkspaceBot,
  type WorkspaceExportOptions,
  type WorkspaceFile,
} from '../workspace/workspace-file.ts';

/** What export and import work on: the platform's database and the workbench's own (people, history). */
export interface TransferContext {
  platform: Platform;
  persons: PersonStore;
  history: WebhookHistory;
  workspace: DatabaseSync;
}

interface BotSecretsRow {
  hook_id: string;
  webhook_secret: string;
  identity_secret: string;
  channel_secret: string;
  app_secret: string;
  page_id: string;
  created_at: number;
}

/** A flow as the file keeps it: its definition, without the ids and URLs this workspace gave it. */
function definitionOf({
  id: _id,
  botId: _botId,
  webhookUrl: _url,
  createdAt: _created,
  updatedAt: _updated,
  ...definition
}: Record<string, unknown>) {
  return definition;
}

const channelOf = (responsePath: string): string => responsePath.slice(responsePath.indexOf('/c/') + 3);

/** The workspace (or the chosen bots) as one file. */
export function exportWorkspace(context: TransferContext, options: WorkspaceExportOptions = {}): WorkspaceFile {
  const { platform } = context;
  const db = platform.db;
  const chosen = options.botIds === undefined ? null : new Set(options.botIds);
  for (const botId of chosen ?? []) platform.bots.require(botId);
  const bots = platform.bots
    .list()
    .filter((bot) => chosen === null || chosen.has(bot.botId))
    .map((bot): WorkspaceBot => {
      const row = db
        .prepare('SELECT hook_id, webhook_secret, identity_secret, channel_secret, app_secret, page_id, created_at FROM bots WHERE bot_id = ?')
        .get(bot.botId) as unknown as BotSecretsRow;
      const entry: WorkspaceBot = {
        botId: bot.botId,
        name: bot.name,
        createdAt: row.created_at,
        settings: { ...bot.settings },
        flows: platform.listFlows(bot.botId).map((flow) => definitionOf(flow as unknown as Record<string, unknown>)),
      };
      if (options.secrets) {
        entry.secrets = {
          hookId: row.hook_id,
          webhookSecret: row.webhook_secret,
          identitySecret: row.identity_secret,
          channelSecret: row.channel_secret,
          appSecret: row.app_secret,
          pageId: row.page_id,
        };
      }
      if (options.transcripts) {
        const users = db.prepare('SELECT * FROM users WHERE bot_id = ? ORDER BY first_seen, response_path').all(bot.botId) as Array<
          Record<string, string | number | null>
        >;
        entry.users = users.map((u) => ({
          channelId: String(u.channel_id),
          kind: u.kind as 'anonymous' | 'external',
          channel: u.channel as 'web' | 'telegram' | 'messenger',
          metadata: JSON.parse(String(u.metadata)) as Record<string, unknown>,
          attributes: JSON.parse(String(u.attributes)) as Record<string, unknown>,
          firstSeen: Number(u.first_seen),
          lastSeen: Number(u.last_seen),
          linkedTo: u.linked_to === null ? null : String(u.linked_to),
        }));
        const messages = db
          .prepare('SELECT m.* FROM messages m JOIN users u ON u.response_path = m.response_path WHERE u.bot_id = ? ORDER BY m.seq')
          .all(bot.botId) as Array<Record<string, string | number | null>>;
        entry.messages = messages.map((m) => ({
          id: String(m.id),
          channelId: channelOf(String(m.response_path)),
          direction: m.direction as 'in' | 'out',
          source: m.source as 'widget' | 'telegram' | 'messenger' | 'bot' | 'webhook',
          text: String(m.text),
          createdAt: Number(m.created_at),
          deliveredAt: m.delivered_at === null ? null : Number(m.delivered_at),
        }));
      }
      if (options.log) {
        const rows = db.prepare('SELECT * FROM interaction_log WHERE bot_id = ? ORDER BY seq').all(bot.botId) as Array<
          Record<string, string | number | null>
        >;
        entry.log = rows.map((r) => ({
          at: Number(r.at),
          responsePath: r.response_path === null ? null : String(r.response_path),
          kind: String(r.kind),
          status: String(r.status),
          summary: String(r.summary),
          detail: JSON.parse(String(r.detail)) as Record<string, unknown>,
        }));
      }
      return entry;
    });
  const file: WorkspaceFile = {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_VERSION,
    exportedAt: new Date().toISOString(),
    includes: { secrets: !!options.secrets, transcripts: !!options.transcripts, log: !!options.log, webhookHistory: !!options.webhookHistory },
    bots,
    bins: platform.bins.list().map((bin) => ({ id: bin.id, name: bin.name, createdAt: bin.createdAt, response: { ...bin.response } })),
    persons: context.persons.list().map((person) => ({ ...person, devices: person.devices.map((d) => ({ ...d })) })),
  };
  if (options.webhookHistory) file.webhookHistory = context.history.recent(5000) as unknown as Array<Record<string, unknown>>;
  const collections = new CollectionStore(context.workspace);
  file.collections = collections.list().map((c) => collections.draftOf(c.id) as unknown as NonNullable<WorkspaceFile['collections']>[number]);
  file.environments = new EnvironmentStore(context.workspace)
    .list()
    .map((env) => ({ name: env.name, variables: env.variables.map((v) => ({ ...v, value: v.secret && !options.secrets ? '' : v.value })) }));
  file.sites = new RecentSiteStore(context.workspace).list().map(({ url, name, usedAt }) => ({ url, name, usedAt }));
  return file;
}

/** What importing the file would do, without doing it; every flow is checked first, so a bad one refuses the whole file. */
export function previewImport(context: TransferContext, file: WorkspaceFile, onConflict: ConflictPolicy): ImportPreview {
  const { platform } = context;
  const conflict = (exists: boolean): ImportAction => (exists ? onConflict : 'add');
  file.bots.forEach((bot, b) => bot.flows.forEach((flow, f) => parseFlowDefinition(flow, `bots[${b}].flows[${f}]`)));
  const seen = new Set<string>();
  for (const bot of file.bots) {
    if (seen.has(bot.botId))
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `The file holds bot ${bot.botId} twice.`, { expected: 'each Bot ID once' });
    seen.add(bot.botId);
  }
  const existingPersons = new Set(context.persons.list().map((p) => p.id));
  const drafts = (file.collections ?? []).map((c, i) => checkDraft(c, `collections[${i}]`));
  const existingCollections = new Set(new CollectionStore(context.workspace).list().map((c) => c.name));
  const existingEnvironments = new Set(new EnvironmentStore(context.workspace).list().map((e) => e.name));
  const existingSites = new Set(new RecentSiteStore(context.workspace).list().map((site) => site.url));
  const sites = (file.sites ?? []).map((site, index) => {
    const checked = checkSiteUrl(site.url);
    if (!checked.ok)
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `sites[${index}].url: ${checked.reason}.`, {
        expected: 'an absolute http:, https: or file: URL',
      });
    return { url: checked.url, name: site.name, action: conflict(existingSites.has(checked.url)) };
  });
  const notes: string[] = [];
  if (!file.includes.secrets && file.bots.length > 0) {
    notes.push(
      'The file has no secrets: imported bots get new webhook and identity secrets and a new webhook URL (sites and back ends must use the new ones).',
    );
  }
  if (file.includes.secrets) notes.push('The file holds secrets: anyone with it can sign webhooks and identities as these bots.');
  return {
    bots: file.bots.map((bot) => ({
      botId: bot.botId,
      name: bot.name,
      action: conflict(platform.bots.get(bot.botId) !== undefined),
      flows: bot.flows.length,
      users: bot.users?.length ?? 0,
      messages: bot.messages?.length ?? 0,
      logEntries: bot.log?.length ?? 0,
      secrets: bot.secrets !== undefined,
    })),
    bins: file.bins.map((bin) => ({ id: bin.id, name: bin.name, action: conflict(platform.bins.get(bin.id) !== undefined) })),
    persons: file.persons.map((person) => ({ id: person.id, name: person.name, action: conflict(existingPersons.has(person.id)) })),
    collections: drafts.map((draft) => ({
      name: draft.name,
      action: conflict(existingCollections.has(draft.name)),
      requests: countRequests(draft.items),
    })),
    environments: (file.environments ?? []).map((env) => ({
      name: env.name,
      action: conflict(existingEnvironments.has(env.name)),
      variables: env.variables.length,
    })),
    sites,
    webhookHistory: file.webhookHistory?.length ?? 0,
    includes: file.includes,
    notes,
  };
}

/**
 * Imports the file: all of it or nothing. Everything is checked first (previewImport); the
 * platform's part then runs in one transaction, and the workbench's part (people, history) in
 * another right after it.
 */
export function importWorkspace(context: TransferContext, file: WorkspaceFile, onConflict: ConflictPolicy): ImportPreview {
  const preview = previewImport(context, file, onConflict);
  const { platform } = context;
  const db = platform.db;
  transaction(db, () => {
    file.bots.forEach((bot, index) => {
      const action = preview.bots[index]!.action;
      if (action === 'skip') return;
      if (action === 'replace') platform.deleteBot(bot.botId);
      platform.createBot({ name: bot.name, botId: bot.botId, settings: bot.settings });
      if (bot.secrets) {
        db.prepare(
          'UPDATE bots SET hook_id = ?, webhook_secret = ?, identity_secret = ?, channel_secret = ?, app_secret = ?, page_id = ? WHERE bot_id = ?',
        ).run(
          bot.secrets.hookId,
          bot.secrets.webhookSecret,
          bot.secrets.identitySecret,
          bot.secrets.channelSecret,
          bot.secrets.appSecret,
          bot.secrets.pageId,
          bot.botId,
        );
        platform.bots.forget(bot.botId);
      }
      platform.replaceFlows(bot.botId, bot.flows);
      const insertUser = db.prepare(
        'INSERT INTO users (response_path, bot_id, channel_id, kind, channel, metadata, attributes, first_seen, last_seen, linked_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const user of bot.users ?? []) {
        insertUser.run(
          formatResponsePath(bot.botId, user.channelId),
          bot.botId,
          user.channelId,
          user.kind,
          user.channel,
          JSON.stringify(user.metadata),
          JSON.stringify(user.attributes),
          user.firstSeen,
          user.lastSeen,
          user.linkedTo,
        );
      }
      const insertMessage = db.prepare(
        'INSERT INTO messages (id, response_path, direction, source, text, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const message of bot.messages ?? []) {
        insertMessage.run(
          message.id,
          formatResponsePath(bot.botId, message.channelId),
          message.direction,
          message.source,
          message.text,
          message.createdAt,
          message.deliveredAt,
        );
      }
      const insertLog = db.prepare(
        'INSERT INTO interaction_log (at, bot_id, response_path, kind, status, summary, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const entry of bot.log ?? []) {
        insertLog.run(entry.at, bot.botId, entry.responsePath, entry.kind, entry.status, entry.summary, JSON.stringify(entry.detail));
      }
    });
    file.bins.forEach((bin, index) => {
      if (preview.bins[index]!.action === 'skip') return;
      db.prepare('INSERT OR REPLACE INTO bins (id, name, response, created_at) VALUES (?, ?, ?, ?)').run(
        bin.id,
        bin.name,
        JSON.stringify(bin.response),
        bin.createdAt,
      );
    });
  });
  transaction(context.workspace, () => {
    file.persons.forEach((person, index) => {
      if (preview.persons[index]!.action === 'skip') return;
      context.persons.restore(person as Person);
    });
    for (const entry of file.webhookHistory ?? []) context.history.add(entry as unknown as WebhookHistoryEntry, 5000);
    const collections = new CollectionStore(context.workspace);
    (file.collections ?? []).forEach((collection, index) => {
      const action = preview.collections[index]!.action;
      if (action === 'skip') return;
      if (action === 'replace') for (const old of collections.list().filter((c) => c.name === collection.name)) collections.delete(old.id);
      collections.importDraft(checkDraft(collection, `collections[${index}]`));
    });
    const environments = new EnvironmentStore(context.workspace);
    (file.environments ?? []).forEach((env, index) => {
      const action = preview.environments[index]!.action;
      if (action === 'skip') return;
      const existing = environments.list().find((e) => e.name === env.name);
      environments.save({ ...(action === 'replace' && existing ? { id: existing.id } : {}), name: env.name, variables: env.variables });
    });
    const sites = new RecentSiteStore(context.workspace);
    (file.sites ?? []).forEach((site, index) => {
      const planned = preview.sites[index]!;
      if (planned.action !== 'skip') sites.put({ url: planned.url, name: site.name, usedAt: site.usedAt });
    });
  });
  return preview;
}

/** A collection of the file, its requests checked against the composer's own schema (the same as webhooks.send), folders at most 8 deep. */
function checkDraft(collection: NonNullable<WorkspaceFile['collections']>[number], where: string): CollectionDraft {
  const item = (value: unknown, path: string, depth: number): DraftItem => {
    const record = (value ?? {}) as { kind?: unknown; name?: unknown; items?: unknown; request?: unknown };
    const name = typeof record.name === 'string' && record.name.trim() !== '' ? record.name.slice(0, 100) : null;
    if (name === null)
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${path}.name: a name is required.`, { expected: 'a folder or request with a name' });
    if (record.kind === 'folder' && Array.isArray(record.items)) {
      if (depth >= 8)
        throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${path}: folders nest at most 8 deep.`, { expected: 'at most 8 levels of folders' });
      return { kind: 'folder', name, items: record.items.map((child, i) => item(child, `${path}.items[${i}]`, depth + 1)) };
    }
    const request = webhookRequestSchema.safeParse(record.request);
    if (record.kind !== 'request' || !request.success) {
      const issue = request.success ? null : request.error.issues[0];
      throw new BotbenchError(
        'BOTBENCH_ERR_VALIDATION',
        `${path}${issue ? `.request.${issue.path.join('.')}: ${issue.message}` : ': not a folder or a request'}.`,
        {
          expected: 'a saved request {kind: "request", name, request} or a folder {kind: "folder", name, items}',
        },
      );
    }
    return { kind: 'request', name, request: request.data as DraftItem extends { request: infer R } ? R : never };
  };
  return {
    name: collection.name,
    description: collection.description,
    items: collection.items.map((child, i) => item(child, `${where}.items[${i}]`, 1)),
  };
}

function countRequests(items: readonly DraftItem[]): number {
  return items.reduce((sum, item) => sum + (item.kind === 'request' ? 1 : countRequests(item.items)), 0);
}

import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { nanoid } from 'nanoid';
import { DEFAULT_THEME } from '../common/theme-colour.ts';
import { decodeEmbedCode, encodeEmbedCode, type EmbedConfig } from './embed-code.ts';
import { BotbenchError } from './errors.ts';
import { newBotId } from './ids.ts';
import type { Bot, BotContents, BotSettings } from './model.ts';

/** A Messenger-like page id: 15 digits, as Facebook page ids look. */
function newPageId(): string {
  return String(100_000_000_000_000n + (randomBytes(8).readBigUInt64BE() % 900_000_000_000_000n));
}

export const DEFAULT_SETTINGS: BotSettings = { theme: DEFAULT_THEME, greeting: 'Hi! Ask me anything.', verifyWebhooks: false, verifyIdentity: false };

interface BotRow {
  bot_id: string;
  name: string;
  hook_id: string;
  embed: string;
  settings: string;
  created_at: number;
  webhook_secret: string;
  identity_secret: string;
  channel_secret: string;
  app_secret: string;
  page_id: string;
  connection_id: string;
}

export interface CreateBotInput {
  name: string;
  /** Keep a production Bot ID. */
  botId?: string | undefined;
  /** Or take it from a production embed code (its other keys are kept). */
  embedCode?: string | undefined;
  /** Keep a production connection ID (loader.js `data-connection`). */
  connectionId?: string | undefined;
  settings?: Partial<BotSettings> | undefined;
}

/** Bots: each has a Bot ID, an embed code, a webhook URL and its settings. */
export class BotStore {
  readonly #db: DatabaseSync;
  readonly #baseUrl: () => string;
  readonly #insert;
  readonly #byId;
  readonly #byHook;
  readonly #byConnection;
  readonly #all;
  readonly #update;
  /** Bots as read last (every webhook and hello reads its bot); cleared on every write, keyed to the base URL. */
  readonly #cache = new Map<string, { base: string; bot: Bot }>();

  constructor(db: DatabaseSync, baseUrl: () => string) {
    this.#db = db;
    this.#baseUrl = baseUrl;
    this.#insert = db.prepare(
      `INSERT INTO bots (bot_id, name, hook_id, embed, settings, created_at, webhook_secret, identity_secret, channel_secret, app_secret, page_id, connection_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#byId = db.prepare('SELECT * FROM bots WHERE bot_id = ?');
    this.#byHook = db.prepare('SELECT * FROM bots WHERE hook_id = ?');
    this.#byConnection = db.prepare('SELECT * FROM bots WHERE connection_id = ?');
    this.#all = db.prepare('SELECT * FROM bots ORDER BY created_at, bot_id');
    this.#update = db.prepare('UPDATE bots SET name = ?, embed = ?, settings = ? WHERE bot_id = ?');
  }

  create(input: CreateBotInput): Bot {
    let config: EmbedConfig | undefined;
    if (input.embedCode !== undefined) config = decodeEmbedCode(input.embedCode);
    const botId = input.botId ?? config?.web.botId ?? newBotId();
    if (config && input.botId !== undefined && config.web.botId !== input.botId) {
      throw new BotbenchError(
        'BOTBENCH_ERR_VALIDATION',
        `botId ${input.botId} differs from the embed code's Bot ID ${config.web.botId}; give one or make them match.`,
        {
          expected: 'botId equal to the Bot ID inside embedCode',
          field: 'botId',
        },
      );
    }
    if (this.#byId.get(botId)) {
      throw new BotbenchError('BOTBENCH_ERR_BOT_EXISTS', `A bot with Bot ID ${botId} already exists; rename it or pick another Bot ID.`, {
        expected: 'a Bot ID no other bot has',
        field: 'botId',
      });
    }
    const connectionId = input.connectionId ?? randomBytes(8).toString('hex');
    if (this.#byConnection.get(connectionId)) {
      throw new BotbenchError('BOTBENCH_ERR_BOT_EXISTS', `A bot already has connection ID ${connectionId}; pick another one.`, {
        expected: 'a connection ID no other bot has',
        field: 'connectionId',
      });
    }
    const settings: BotSettings = { ...DEFAULT_SETTINGS, ...(config?.theme ? { theme: config.theme } : {}), ...input.settings };
    const embed: EmbedConfig = { ...config, web: { ...config?.web, botId }, theme: settings.theme };
    this.#cache.delete(botId);
    this.#insert.run(
      botId,
      input.name,
      nanoid(24),
      JSON.stringify(embed),
      JSON.stringify(settings),
      Date.now(),
      `whsec_${randomBytes(24).toString('base64')}`,
      randomBytes(32).toString('hex'),
      randomBytes(16).toString('hex'),
      randomBytes(16).toString('hex'),
      newPageId(),
      connectionId,
    );
    return this.get(botId)!;
  }

  get(botId: string): Bot | undefined {
    const base = this.#baseUrl();
    const cached = this.#cache.get(botId);
    if (cached?.base === base) return cached.bot;
    const row = this.#byId.get(botId) as BotRow | undefined;
    if (!row) return undefined;
    const bot = this.#toBot(row);
    // Inside a transaction the row may still be rolled back: remember only committed bots.
    if (!this.#db.isTransaction) this.#cache.set(botId, { base, bot });
    return bot;
  }

  require(botId: string): Bot {
    const bot = this.get(botId);
    if (bot) return bot;
    throw new BotbenchError('BOTBENCH_ERR_BOT_NOT_FOUND', `No bot has Bot ID ${botId}; create it with POST /api/bots or check the ID.`, {
      expected: 'the Bot ID of an existing bot',
      field: 'botId',
    });
  }

  /** The unguessable part of the bot's webhook URL; its default webhook flow answers there. */
  hookId(botId: string): string {
    return (this.#byId.get(botId) as unknown as BotRow).hook_id;
  }

  byHookId(hookId: string): Bot | undefined {
    const row = this.#byHook.get(hookId) as BotRow | undefined;
    return row && this.#toBot(row);
  }

  /** The bot a loader.js `data-connection` names, if any. */
  byConnectionId(connectionId: string): Bot | undefined {
    const row = this.#byConnection.get(connectionId) as BotRow | undefined;
    return row && this.#toBot(row);
  }

  list(): Bot[] {
    return (this.#all.all() as unknown as BotRow[]).map((row) => this.#toBot(row));
  }

  update(botId: string, change: { name?: string | undefined; settings?: Partial<BotSettings> | undefined }): Bot {
    const row = this.#byId.get(botId) as BotRow | undefined;
    if (!row) this.require(botId);
    const current = row!;
    const settings: BotSettings = { ...(JSON.parse(current.settings) as BotSettings), ...change.settings };
    const embed = { ...(JSON.parse(current.embed) as EmbedConfig), theme: settings.theme };
    this.#cache.delete(botId);
    this.#update.run(change.name ?? current.name, JSON.stringify(embed), JSON.stringify(settings), botId);
    return this.get(botId)!;
  }

  /** Drops the remembered copy of a bot whose row was changed behind the store (a workspace import's secrets). */
  forget(botId: string): void {
    this.#cache.delete(botId);
  }

  /** What the bot holds: users, their messages, flows and log entries. */
  contents(botId: string): BotContents {
    const count = (sql: string): number => Number((this.#db.prepare(sql).get(botId) as { n: number }).n);
    return {
      users: count('SELECT count(*) AS n FROM users WHERE bot_id = ?'),
      messages: count('SELECT count(*) AS n FROM messages WHERE response_path IN (SELECT response_path FROM users WHERE bot_id = ?)'),
      flows: count('SELECT count(*) AS n FROM flows WHERE bot_id = ?'),
      logEntries: count('SELECT count(*) AS n FROM interaction_log WHERE bot_id = ?'),
    };
  }

  /**
   * Deletes the bot's row, its log entries and remembered webhook ids; its users (and so their
   * messages) and flows go by the schema's ON DELETE CASCADE. Call inside a transaction.
   */
  remove(botId: string): void {
    this.#cache.delete(botId);
    this.#db.prepare('DELETE FROM interaction_log WHERE bot_id = ?').run(botId);
    this.#db.prepare('DELETE FROM webhook_ids WHERE bot_id = ?').run(botId);
    this.#db.prepare('DELETE FROM bots WHERE bot_id = ?').run(botId);
  }

  #toBot(row: BotRow): Bot {
    const base = this.#baseUrl();
    const embedCode = encodeEmbedCode(JSON.parse(row.embed) as EmbedConfig);
    return {
      botId: row.bot_id,
      name: row.name,
      embedCode,
      webhookUrl: `${base}/hooks/${row.hook_id}`,
      embedSnippet: `<script src="${base}/embed.js?callback=messengerReady" data-fxo-widget="${embedCode}" async defer></script>`,
      connectionId: row.connection_id,
      loaderSnippet: `<script src="${base}/loader.js" data-connection="${row.connection_id}"></script>`,
      settings: { ...DEFAULT_SETTINGS, ...(JSON.parse(row.settings) as Partial<BotSettings>) },
      webhookSecret: row.webhook_secret,
      identitySecret: row.identity_secret,
      channels: {
        telegram: { url: `${base}/channels/telegram/${row.bot_id}`, secretToken: row.channel_secret },
        messenger: { url: `${base}/channels/messenger/${row.bot_id}`, pageId: row.page_id, appSecret: row.app_secret },
      },
      createdAt: row.created_at,
    };
  }
}

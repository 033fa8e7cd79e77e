import { nanoid } from 'nanoid';
import type { Bot, LogEntry } from '../platform/model.ts';
import type { PlatformServer } from '../platform/server.ts';
import { signWith, type SiteSigner } from '../profiles/kinds.ts';
import { importWith, type SiteImporter } from '../profiles/site-import.ts';
import { decodeEmbedCode } from '../common/embed-code.ts';
import { signWebhook } from '../platform/webhook-signatures.ts';

/** The bot a scenario runs against: its own, so scenarios running at once never share a visitor. */
export interface ScenarioBot {
  botId: string;
  name: string;
  webhookUrl: string;
  /** Signs external user IDs (userHash), as the customer site's server does; null if the platform did not say. */
  identitySecret: string | null;
  /** Signs webhooks (Standard Webhooks), as the customer's back end does; null if the platform did not say. */
  webhookSecret: string | null;
  /** The request bins made for this scenario, by name, with their capture URLs. */
  bins: Record<string, { id: string; url: string }>;
}

/** The settings a scenario may give its bot. */
export interface ScenarioBotSettings {
  verifyIdentity?: boolean | undefined;
  verifyWebhooks?: boolean | undefined;
  theme?: string | undefined;
  greeting?: string | undefined;
}

/** What a scenario brings for its bot beyond settings: its flows and the bins they call. */
export interface ScenarioBotSetup {
  /** Flow definitions instead of the default two; `{bin:Name}` in them becomes bin Name's URL. */
  flows?: ReadonlyArray<Record<string, unknown>> | undefined;
  bins?:
    | ReadonlyArray<{
        name: string;
        status?: number | undefined;
        body?: string | undefined;
        contentType?: string | undefined;
        delayMs?: number | undefined;
      }>
    | undefined;
}

/** `{bin:Name}` in a scenario's flows, replaced by that bin's URL before the flows are made. */
export function withBinUrls(flows: ReadonlyArray<Record<string, unknown>>, bins: ScenarioBot['bins']): unknown[] {
  const text = JSON.stringify(flows).replace(/\{bin:([A-Za-z][\w-]{0,39})\}/g, (whole, name: string) => {
    const bin = bins[name];
    if (!bin)
      throw new Error(`The flows name {bin:${name}}, but the scenario declares no bin "${name}" (bins: ${Object.keys(bins).join(', ') || 'none'}).`);
    return bin.url;
  });
  return JSON.parse(text) as unknown[];
}

function binResponse(spec: NonNullable<ScenarioBotSetup['bins']>[number]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({ status: spec.status, body: spec.body, contentType: spec.contentType, delayMs: spec.delayMs }).filter(([, v]) => v !== undefined),
  );
}

/** The flow run a visitor's message triggered, as the platform logged it. */
export interface TriggerRecord {
  text: string;
  metadata: Record<string, unknown>;
}

/**
 * What the runner needs of a platform, in-process or remote: its URL (for the profiles'
 * customer-site pages), a bot per scenario, and the trigger of the newest visitor message.
 * Webhooks always go over HTTP to the bot's webhook URL, as a customer's back end sends them.
 */
export interface ScenarioPlatform {
  readonly url: string;
  createBot(name: string, settings?: ScenarioBotSettings, setup?: ScenarioBotSetup): Promise<ScenarioBot>;
  /** Deletes a scenario's bot with everything it holds, and its bins, once its run is over. */
  deleteBot(bot: ScenarioBot): Promise<void>;
  /** Another bot of the platform (the one a site's widget connected to), for its webhook URL and secrets; null if there is none. */
  findBot(botId: string): Promise<ScenarioBot | null>;
  lastTrigger(responsePath: string): Promise<TriggerRecord | null>;
  /** Widgets the platform counts as connected on a response path right now (0 for an unknown user). */
  online(responsePath: string): Promise<number>;
  /** Signs an external user ID of one of its bots, as the customer site's server does (undefined for a bot it cannot sign for). */
  readonly sign: SiteSigner;
  /** Imports the bot an own site's snippet names on first sight (an `open` step with a url). */
  readonly importer: SiteImporter;
}

function toScenarioBot(bot: Partial<Bot>, bins: ScenarioBot['bins'] = {}): ScenarioBot {
  return {
    bins,
    botId: bot.botId ?? '',
    name: bot.name ?? '',
    webhookUrl: bot.webhookUrl ?? '',
    identitySecret: bot.identitySecret ?? null,
    webhookSecret: bot.webhookSecret ?? null,
  };
}

function withoutUndefined(settings: ScenarioBotSettings): { verifyIdentity?: boolean; verifyWebhooks?: boolean; theme?: string; greeting?: string } {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as ReturnType<typeof withoutUndefined>;
}

function triggerOf(entry: LogEntry | undefined): TriggerRecord | null {
  if (!entry) return null;
  const metadata = entry.detail.metadata;
  return {
    text: typeof entry.detail.text === 'string' ? entry.detail.text : '',
    metadata: metadata !== null && typeof metadata === 'object' ? (metadata as Record<string, unknown>) : {},
  };
}

/** A platform built in this process (the CLI's own, tests, the desktop app). */
export function localPlatform(server: PlatformServer): ScenarioPlatform {
  return {
    get url() {
      return server.url;
    },
    async createBot(name, settings = {}, setup = {}) {
      const bot = server.platform.createBot({ name, settings: withoutUndefined(settings) });
      const bins: ScenarioBot['bins'] = {};
      try {
        for (const spec of setup.bins ?? []) {
          const bin = server.platform.createBin(`${name} · ${spec.name}`.slice(0, 100), binResponse(spec));
          bins[spec.name] = { id: bin.id, url: bin.url };
        }
        if (setup.flows) server.platform.replaceFlows(bot.botId, withBinUrls(setup.flows, bins));
      } catch (error) {
        for (const bin of Object.values(bins)) server.platform.deleteBin(bin.id);
        server.platform.deleteBot(bot.botId);
        throw error;
      }
      return toScenarioBot(bot, bins);
    },
    async deleteBot(bot) {
      server.platform.deleteBot(bot.botId);
      for (const bin of Object.values(bot.bins)) server.platform.deleteBin(bin.id);
    },
    async findBot(botId) {
      const bot = server.platform.bots.get(botId);
      return bot ? toScenarioBot(bot) : null;
    },
    async lastTrigger(responsePath) {
      return triggerOf(server.platform.log.query({ responsePath, kind: 'message_in', limit: 1 })[0]);
    },
    async online(responsePath) {
      return server.platform.users.get(responsePath)?.online ?? 0;
    },
    sign: signWith((botId) => server.platform.bots.get(botId)?.identitySecret),
    importer: importWith(server.platform),
  };
}

/** A running platform reached through its admin API (`npm run serve`, or a workbench). */
export function remotePlatform(url: string, token: string): ScenarioPlatform {
  const base = url.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Error(`The platform at ${base} cannot be reached (${(error as Error).message}); start it with "npm run serve" or check --url.`, {
        cause: error,
      });
    }
    const answer = (await response.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
    if (!response.ok) {
      const reason = answer?.error ? `${answer.error.code}: ${answer.error.message}` : `HTTP ${response.status}`;
      throw new Error(`${method} ${base}${path} was refused (${reason}).`);
    }
    return answer as T;
  };
  // The secrets of the bots this runner created: it signs for those only.
  const secrets = new Map<string, string>();
  return {
    url: base,
    async createBot(name, settings = {}, setup = {}) {
      const bot = await call<Partial<Bot>>('POST', '/api/bots', { name, settings: withoutUndefined(settings) });
      const bins: ScenarioBot['bins'] = {};
      try {
        for (const spec of setup.bins ?? []) {
          const bin = await call<{ id: string; url: string }>('POST', '/api/bins', {
            name: `${name} · ${spec.name}`.slice(0, 100),
            response: binResponse(spec),
          });
          bins[spec.name] = { id: bin.id, url: bin.url };
        }
        if (setup.flows) await call('PUT', `/api/bots/${bot.botId}/flows`, withBinUrls(setup.flows, bins));
      } catch (error) {
        await this.deleteBot(toScenarioBot(bot, bins)).catch(() => undefined);
        throw error;
      }
      const scenarioBot = toScenarioBot(bot, bins);
      if (scenarioBot.identitySecret !== null) secrets.set(scenarioBot.botId, scenarioBot.identitySecret);
      return scenarioBot;
    },
    async deleteBot(bot) {
      await call('DELETE', `/api/bots/${bot.botId}`);
      for (const bin of Object.values(bot.bins)) await call('DELETE', `/api/bins/${bin.id}`);
    },
    async findBot(botId) {
      const bot = await call<Partial<Bot>>('GET', `/api/bots/${encodeURIComponent(botId)}`).catch(() => null);
      return bot ? toScenarioBot(bot) : null;
    },
    async lastTrigger(responsePath) {
      const query = new URLSearchParams({ responsePath, kind: 'message_in', limit: '1' });
      const { entries } = await call<{ entries: LogEntry[] }>('GET', `/api/log?${query}`);
      return triggerOf(entries[0]);
    },
    async online(responsePath) {
      const [botId, channelId] = responsePath.split('/c/');
      const user = await call<{ online?: number }>('GET', `/api/users/${botId}/c/${encodeURIComponent(channelId ?? '')}`).catch(() => null);
      return user?.online ?? 0;
    },
    sign: signWith((botId) => secrets.get(botId)),
    // Over the admin API: the same import, as two calls (is it there? make it with its embed code or connection ID).
    async importer(named, from) {
      const { bots } = await call<{ bots: Bot[] }>('GET', '/api/bots');
      const decoded = 'embedCode' in named ? decodeEmbedCode(named.embedCode) : null;
      const botId = decoded?.ok ? decoded.config.web.botId : undefined;
      const known = bots.find((bot) => ('connectionId' in named ? bot.connectionId === named.connectionId : bot.botId === botId));
      if (known) return { botId: known.botId, connectionId: known.connectionId, imported: false };
      const name = `Imported from ${new URL(from).host || from}`.slice(0, 100);
      const bot = await call<Bot>('POST', '/api/bots', { name, ...named });
      return { botId: bot.botId, connectionId: bot.connectionId, imported: true };
    },
  };
}

/** What a webhook answered: the default flow's status, or why it was refused. */
export interface WebhookOutcome {
  outcome: 'delivered' | 'queued' | 'refused';
  httpStatus: number;
  messageId: string | null;
  /** Widgets it went to at once (0 when queued). */
  delivered: number;
  reason: string | null;
}

/** `POST {webhookUrl} {"response_path", "text"}` over real HTTP, signed with `webhookSecret` unless it is null. */
export async function fireWebhook(
  webhookUrl: string,
  responsePath: string,
  text: string,
  webhookSecret: string | null = null,
): Promise<WebhookOutcome> {
  const body = JSON.stringify({ response_path: responsePath, text });
  const response = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(webhookSecret === null ? {} : signWebhook({ webhookSecret }, `msg_${nanoid(20)}`, body)) },
    body,
  });
  const answer = (await response.json().catch(() => ({}))) as {
    status?: unknown;
    messageId?: unknown;
    delivered?: unknown;
    error?: { code?: string; message?: string };
  };
  if (!response.ok) {
    const reason = answer.error ? `${answer.error.code ?? 'error'}: ${answer.error.message ?? ''}` : `HTTP ${response.status}`;
    return { outcome: 'refused', httpStatus: response.status, messageId: null, delivered: 0, reason };
  }
  return {
    outcome: answer.status === 'queued' ? 'queued' : 'delivered',
    httpStatus: response.status,
    messageId: typeof answer.messageId === 'string' ? answer.messageId : null,
    delivered: typeof answer.delivered === 'number' ? answer.delivered : 0,
    reason: null,
  };
}

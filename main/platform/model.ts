/**
 * The platform's records as the admin API and the workbench see them. Plain types (the flow
 * format comes from its schema, as a type only), so the renderer can import them through the contract.
 */
import type { FlowDefinition } from './flows/schema.ts';

export interface BotSettings {
  /** Widget accent colour, also written into the embed code. */
  theme: string;
  /** Greeting the widget shows above an empty transcript. */
  greeting: string;
  /** Refuse webhooks without a valid Standard Webhooks signature (made with `webhookSecret`). Off by default, as on Flow XO. */
  verifyWebhooks: boolean;
  /** Refuse an external user ID without a valid userHash (HMAC of it with `identitySecret`). Off by default, as on Flow XO. */
  verifyIdentity: boolean;
}

export interface Bot {
  botId: string;
  name: string;
  /** The `data-fxo-widget` value a site pastes. */
  embedCode: string;
  /** Where `POST {"response_path","text"}` runs the bot's webhook flow. */
  webhookUrl: string;
  /** The legacy `<script>` tag a site would paste (embed.js, `FxoMessenger`). */
  embedSnippet: string;
  /** What the current messenger (loader.js, `FlowXO`) names this bot by: its `data-connection`. */
  connectionId: string;
  /** The current `<script>` tag a site would paste (loader.js). */
  loaderSnippet: string;
  /** Standard Webhooks secret (`whsec_…`) a sender signs this bot's webhooks with. */
  webhookSecret: string;
  /** Identity verification secret: a site's server computes userHash = HMAC-SHA256(identitySecret, externalUserId), hex. */
  identitySecret: string;
  /** The simulated authenticated channels this bot is connected to (Telegram-like, Messenger-like). */
  channels: BotChannels;
  settings: BotSettings;
  createdAt: number;
}

/** Anonymous: random Channel ID kept in browser storage. External: the site's external user ID. */
export type ChannelKind = 'anonymous' | 'external';

/**
 * Where a user talks to the bot. `web`: the widget (Channel ID from browser storage or the site).
 * `telegram` / `messenger`: simulated authenticated channels, whose provider tells the platform who
 * the person is: Telegram-like sends the person's stable user id (the same on every device and
 * for every bot), Messenger-like a page-scoped ID (the same person gets a different one per page).
 */
export type ChannelType = 'web' | 'telegram' | 'messenger';

/** How a provider reaches the bot on each simulated authenticated channel. */
export interface BotChannels {
  telegram: {
    /** Where the Telegram-like provider POSTs updates (`{"update_id","message":{"from":{"id"},…}}`). */
    url: string;
    /** Sent by the provider as `X-Telegram-Bot-Api-Secret-Token`; other requests are refused. */
    secretToken: string;
  };
  messenger: {
    /** Where the Messenger-like provider POSTs `{"object":"page","entry":[…]}` events. */
    url: string;
    /** The page this bot is connected to; its page-scoped IDs (PSIDs) are only valid here. */
    pageId: string;
    /** The app secret the provider signs bodies with: `X-Hub-Signature-256: sha256=<hex HMAC>`. */
    appSecret: string;
  };
}

/** Flow XO's user status: whether the bot can reach the user. */
export type UserStatus = 'active' | 'unreachable';

export interface User {
  responsePath: string;
  botId: string;
  channelId: string;
  kind: ChannelKind;
  /** The channel this user talks on; `web` for widget visitors. */
  channel: ChannelType;
  metadata: Record<string, unknown>;
  attributes: Record<string, unknown>;
  firstSeen: number;
  lastSeen: number;
  /** Widget connections ever made with this identity. */
  connections: number;
  /** Widget instances connected right now. */
  online: number;
  /** For an anonymous visitor who later logged in: the response path they became. */
  linkedTo: string | null;
  /** Active, or unreachable (set by hand, as Flow XO's "Make active/unreachable"); contact makes a user active again. */
  status: UserStatus;
  /** The name the Users API gave this user, if any. */
  name: string | null;
}

export type MessageDirection = 'in' | 'out';
/** Who wrote it: the visitor through the widget or a simulated channel, a flow (`bot`), or a webhook. */
export type MessageSource = 'widget' | 'telegram' | 'messenger' | 'bot' | 'webhook';

export interface Message {
  id: string;
  seq: number;
  responsePath: string;
  direction: MessageDirection;
  source: MessageSource;
  text: string;
  createdAt: number;
  /** When a widget acknowledged it; null while it waits in the delivery queue. */
  deliveredAt: number | null;
}

export type LogKind = 'bot' | 'connect' | 'disconnect' | 'message_in' | 'message_out' | 'webhook' | 'reset' | 'identity' | 'flow';
/**
 * `filtered`, `failed`, `in_progress` and `abandoned` are flow-run statuses, as Flow XO's interaction
 * log has them; `abandoned` marks a run that never finished (the platform stopped during its delay).
 */
export type LogStatus = 'success' | 'delivered' | 'queued' | 'refused' | 'failed' | 'filtered' | 'in_progress' | 'abandoned';

/** One interaction-log entry. */
/** Which log entries to read (the admin API's GET /api/log and the workbench's log.query). */
export interface LogQuery {
  botId?: string | undefined;
  responsePath?: string | undefined;
  kind?: LogKind | undefined;
  status?: LogStatus | undefined;
  /** Entries older than this log `seq` (for "load older"). */
  before?: number | undefined;
  /** Entries at or after this time (epoch ms). */
  from?: number | undefined;
  /** Entries at or before this time (epoch ms). */
  to?: number | undefined;
  /** Flow-run entries of this flow only. */
  flowId?: string | undefined;
  limit?: number | undefined;
}

export interface LogEntry {
  seq: number;
  at: number;
  botId: string | null;
  responsePath: string | null;
  kind: LogKind;
  status: LogStatus;
  summary: string;
  detail: Record<string, unknown>;
}

/** What `POST {webhookUrl}` answers. */
export interface WebhookResult {
  status: 'delivered' | 'queued';
  responsePath: string;
  messageId: string;
  /** Widget instances it was sent to (0 when queued); 1 for a channel user (handed to the provider). */
  delivered: number;
  /** The user's channel: a telegram or messenger user's message is handed to its provider at once. */
  channel: ChannelType;
}

/** A flow of a bot: its definition, and its own webhook URL when its trigger is a webhook. */
export interface Flow extends FlowDefinition {
  id: string;
  botId: string;
  webhookUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

export type FlowRunStatus = 'success' | 'filtered' | 'failed' | 'in_progress' | 'abandoned';

/** One action of one run, as the interaction log shows it. */
export interface FlowStepResult {
  index: number;
  type: string;
  status: 'success' | 'filtered' | 'failed' | 'skipped' | 'in_progress';
  ms: number;
  output?: unknown;
  error?: string;
}

/** A request bin: a capture URL that records every request and answers as configured. */
/** The two header families a Standard Webhooks sender may use: the standard's `webhook-*`, and Svix's own `svix-*`. */
export type SignatureHeaders = 'webhook' | 'svix';

/**
 * One response rule of a bin (webhook.site's "custom actions", Botbench's take): the first rule
 * whose method and path match answers instead of the bin's default response.
 */
export interface BinRule {
  /** An HTTP method, or "*" for any. */
  method: string;
  /** The path below the bin's URL ("/" is the bin itself); "*" matches any run of characters, e.g. "/orders/*". */
  path: string;
  status: number;
  delayMs: number;
  body: string;
  contentType: string;
}

export interface Bin {
  id: string;
  name: string;
  url: string;
  /** The default answer, and the rules tried before it (in order). */
  response: { status: number; body: string; contentType: string; delayMs: number; rules: BinRule[] };
  createdAt: number;
  requests: number;
}

export interface BinRequest {
  seq: number;
  binId: string;
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

/** What a bot holds besides itself: what deleting it removes, counted for the confirmation. */
export interface BotContents {
  users: number;
  messages: number;
  flows: number;
  logEntries: number;
}

/** Something that happened on the platform, streamed to the workbench as it happens. */
export type PlatformEvent =
  | { type: 'botDeleted'; botId: string; removed: BotContents }
  | { type: 'log'; entry: LogEntry }
  | { type: 'user'; user: User }
  | { type: 'message'; message: Message }
  | { type: 'bot'; bot: Bot }
  | { type: 'flows'; botId: string; flows: Flow[] }
  | { type: 'bin'; bin: Bin }
  | { type: 'binDeleted'; binId: string }
  | { type: 'binRequest'; request: BinRequest };

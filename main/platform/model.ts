/**
 * The platform's records as the admin API and the workbench see them. Plain types with no
 * imports, so the renderer can import them through the contract.
 */

export interface BotSettings {
  /** Widget accent colour, also written into the embed code. */
  theme: string;
  /** Greeting the widget shows above an empty transcript. */
  greeting: string;
}

export interface Bot {
  botId: string;
  name: string;
  /** The `data-fxo-widget` value a site pastes. */
  embedCode: string;
  /** Where `POST {"response_path","text"}` runs the bot's webhook flow. */
  webhookUrl: string;
  /** The `<script>` tag a site would paste. */
  embedSnippet: string;
  settings: BotSettings;
  createdAt: number;
}

/** Anonymous: random Channel ID kept in browser storage. External: the site's external user ID. */
export type ChannelKind = 'anonymous' | 'external';

export interface User {
  responsePath: string;
  botId: string;
  channelId: string;
  kind: ChannelKind;
  metadata: Record<string, unknown>;
  attributes: Record<string, unknown>;
  firstSeen: number;
  lastSeen: number;
  /** Widget connections ever made with this identity. */
  connections: number;
  /** Widget instances connected right now. */
  online: number;
}

export type MessageDirection = 'in' | 'out';
export type MessageSource = 'widget' | 'bot' | 'webhook';

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

export type LogKind = 'bot' | 'connect' | 'disconnect' | 'message_in' | 'message_out' | 'webhook' | 'reset' | 'identity';
export type LogStatus = 'success' | 'delivered' | 'queued' | 'refused' | 'failed';

/** One interaction-log entry. */
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
  /** Widget instances it was sent to (0 when queued). */
  delivered: number;
}

/** Something that happened on the platform, streamed to the workbench as it happens. */
export type PlatformEvent =
  { type: 'log'; entry: LogEntry } | { type: 'user'; user: User } | { type: 'message'; message: Message } | { type: 'bot'; bot: Bot };

/**
 * The webhook composer's records (main/api/webhook-composer.ts sends, the workspace keeps the
 * history): types only, re-exported to the workbench UI by the contract.
 */

export interface WebhookRequest {
  botId: string;
  /** The JSON body; `{{responsePath}}`, `{{botId}}`, `{{channelId}}` and `{{now}}` are filled in before sending. */
  body: string;
  responsePath: string;
  headers: Record<string, string>;
  /** Sign it the Standard Webhooks way with the bot's secret (webhook-id, webhook-timestamp, webhook-signature). */
  sign?: boolean | undefined;
}

/** Where a webhook went: the answer, and which profiles saw the message. */
export interface DeliveryTrace {
  status: number;
  answer: unknown;
  /** Profiles whose widget currently shows this response path. */
  profiles: Array<{ id: string; label: string }>;
  outcome: 'delivered' | 'queued' | 'refused';
  reason: string | null;
}

export interface WebhookHistoryEntry {
  id: string;
  at: number;
  request: WebhookRequest;
  /** The body actually sent, after templates. */
  sentBody: string;
  /** Every header sent, signature headers included. */
  sentHeaders: Record<string, string>;
  trace: DeliveryTrace;
  durationMs: number;
}

/** What a workspace file may carry beyond bots (settings, flows), bins and people. */
export interface WorkspaceExportOptions {
  /** Each bot's webhook, identity and channel secrets and its webhook URL's token. Anyone with the file can sign as the bot. */
  secrets?: boolean | undefined;
  /** Users (metadata, attributes) and their messages. */
  transcripts?: boolean | undefined;
  /** The interaction log. */
  log?: boolean | undefined;
  /** The webhook composer's history. */
  webhookHistory?: boolean | undefined;
  /** Only these bots (default: all). */
  botIds?: string[] | undefined;
}

/** What to do with a bot, bin or person of an imported file whose id the workspace already has. */
export type ConflictPolicy = 'replace' | 'skip';

export type ImportAction = 'add' | 'replace' | 'skip';

/** What an import adds, replaces or skips, shown before it runs (and answered after). */
export interface ImportPreview {
  bots: Array<{
    botId: string;
    name: string;
    action: ImportAction;
    flows: number;
    users: number;
    messages: number;
    logEntries: number;
    secrets: boolean;
  }>;
  bins: Array<{ id: string; name: string; action: ImportAction }>;
  persons: Array<{ id: string; name: string; action: ImportAction }>;
  webhookHistory: number;
  includes: { secrets: boolean; transcripts: boolean; log: boolean; webhookHistory: boolean };
  /** Things a person should know before importing (e.g. secrets that will be new). */
  notes: string[];
}

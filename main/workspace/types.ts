/**
 * The webhook composer's records (main/api/webhook-composer.ts sends, the workspace keeps the
 * history): types only, re-exported to the workbench UI by the contract.
 */

import type { SignatureHeaders } from '../platform/model.ts';

/** How a composed body is sent: JSON, an HTML form (application/x-www-form-urlencoded), or raw text. */
export type WebhookBodyMode = 'json' | 'form' | 'text';

export type WebhookMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET';

/** One field of a form body; `{{variables}}` are filled in before it is encoded. */
export interface FormField {
  key: string;
  value: string;
}

/** What the composer sends: a request to a bot's webhook URL (or another loopback URL, e.g. a request bin). */
export interface WebhookRequest {
  botId: string;
  /** The body for json and text modes; `{{variables}}` are filled in before sending (main/api/variables.ts). */
  body: string;
  responsePath: string;
  headers: Record<string, string>;
  /** Sign it the Standard Webhooks way with the bot's secret (webhook-id, webhook-timestamp, webhook-signature). */
  sign?: boolean | undefined;
  /** Which header names carry the signature: the standard's `webhook-*` (default) or Svix's `svix-*`. */
  signHeaders?: SignatureHeaders | undefined;
  /** Default POST. */
  method?: WebhookMethod | undefined;
  /** Default: the target bot's webhook URL. Loopback only; may hold `{{variables}}`. */
  url?: string | undefined;
  /** Default json. */
  bodyMode?: WebhookBodyMode | undefined;
  /** The fields of a form body (bodyMode "form"). */
  form?: FormField[] | undefined;
  /** The environment whose variables fill this send (Botbench's per-send selection), or none. */
  environmentId?: string | null | undefined;
}

/** Where a webhook went: the answer, and which profiles saw the message. */
export interface DeliveryTrace {
  status: number;
  answer: unknown;
  /** Profiles whose widget currently shows this response path. */
  profiles: Array<{ id: string; label: string }>;
  /** answered: a 2xx from a target that is not a webhook URL (a bin, a local server). */
  outcome: 'delivered' | 'queued' | 'refused' | 'answered';
  reason: string | null;
}

export interface WebhookHistoryEntry {
  id: string;
  at: number;
  request: WebhookRequest;
  /** The method and URL actually used (absent in entries kept before they were recorded: POST to the bot's webhook URL). */
  sentMethod?: string | undefined;
  sentUrl?: string | undefined;
  /** The response path after variables (absent in older entries: the request's). */
  sentResponsePath?: string | undefined;
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
  /** Saved-request collections and environments, matched by name. */
  collections: Array<{ name: string; action: ImportAction; requests: number }>;
  environments: Array<{ name: string; action: ImportAction; variables: number }>;
  /** Recent sites, matched by URL. */
  sites: Array<{ url: string; name: string; action: ImportAction }>;
  webhookHistory: number;
  includes: { secrets: boolean; transcripts: boolean; log: boolean; webhookHistory: boolean };
  /** Things a person should know before importing (e.g. secrets that will be new). */
  notes: string[];
}

/** A site the tester opened profiles on (Botbench's): remembered per workspace, most recent first. */
export interface RecentSite {
  id: string;
  /** The page's URL as the profile opens it: http(s), or a local HTML file (file://). */
  url: string;
  /** What the picker calls it; its host (or file name) unless the tester named it. */
  name: string;
  /** When a profile was last opened on it (ms since the epoch). */
  usedAt: number;
}

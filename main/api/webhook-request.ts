import { z } from 'zod';
import { BOT_ID_PATTERN } from '../platform/id-patterns.ts';
import type { SignatureHeaders } from '../platform/model.ts';
import type { CollectionDraft } from '../workspace/saved-requests.ts';

export type { SignatureHeaders };

/**
 * The composer's domain: what a request is, and the shapes its imports and bulk sends answer.
 * Pure (types and one zod schema), so the renderer's build can read it through the contract.
 */

/** How a composed body is sent: JSON, an HTML form (application/x-www-form-urlencoded), or raw text. */
export type WebhookBodyMode = 'json' | 'form' | 'text';

export const WEBHOOK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

/** One field of a form body; `{{variables}}` are filled in before it is encoded. */
export interface FormField {
  key: string;
  value: string;
}

/** What the composer sends: a request to a bot's webhook URL (or another loopback URL, e.g. a request bin). */
export interface WebhookRequest {
  botId: string;
  /** The body for json and text modes; `{{variables}}` are filled in before sending. */
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

const headerName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "header names are letters, digits and !#$%&'*+.^_`|~-");

/** The schema of a WebhookRequest, for the contract and for imported files alike. */
export const webhookRequestSchema = z.strictObject({
  botId: z.string().regex(BOT_ID_PATTERN, 'botId must be 24 lowercase hex characters'),
  responsePath: z.string().max(300),
  body: z.string().max(1024 * 1024),
  headers: z.record(headerName, z.string().max(4000)),
  sign: z.boolean().optional(),
  signHeaders: z.enum(['webhook', 'svix']).optional(),
  method: z.enum(WEBHOOK_METHODS).optional(),
  url: z.string().max(2000).optional(),
  bodyMode: z.enum(['json', 'form', 'text']).optional(),
  form: z
    .array(z.strictObject({ key: z.string().max(200), value: z.string().max(64 * 1024) }))
    .max(200)
    .optional(),
  environmentId: z.string().min(1).max(64).nullable().optional(),
}) satisfies z.ZodType<WebhookRequest, unknown>;

/** N sends as fast as the concurrency allows, or R per second for S seconds. */
export type BulkMode = { kind: 'count'; count: number } | { kind: 'rate'; perSecond: number; seconds: number };

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

/** A bulk send as it runs: streamed as `bulk` events, about ten times a second, and once at the end. */
export interface BulkProgress {
  runId: string;
  state: 'running' | 'done' | 'stopped';
  planned: number;
  /** Requests started. */
  sent: number;
  /** Requests that got an HTTP answer (any status). */
  answered: number;
  delivered: number;
  queued: number;
  /** Answered with a non-2xx status. */
  refused: number;
  /** Got no answer at all (connection refused, reset). */
  failed: number;
  /** In milliseconds, over the answered ones; null before the first answer. */
  latency: LatencySummary | null;
  startedAt: number;
  elapsedMs: number;
}

/** What a pasted cURL command became, and what of it could not be carried over. */
export interface CurlImport {
  request: WebhookRequest;
  warnings: string[];
}

/** What an import would add, shown before anything is written. */
export interface ImportPreview {
  format: 'postman-2.1' | 'har-1.2';
  draft: CollectionDraft;
  folders: number;
  requests: number;
  /** What could not be carried over, per request: e.g. a multipart body, an auth type, a script. */
  warnings: string[];
}

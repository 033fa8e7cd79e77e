import { z } from 'zod';
import { BOT_ID_PATTERN } from '../common/ids.ts';
import type { CollectionDraft } from '../workspace/saved-requests.ts';
import type { WebhookMethod, WebhookRequest } from '../workspace/types.ts';

/**
 * The composer's domain beside its records (main/workspace/types.ts): the request's schema, and
 * the shapes its imports and bulk sends answer. Pure (types and one zod schema), so the
 * renderer's build can read it through the contract.
 */

export const WEBHOOK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'] as const satisfies readonly WebhookMethod[];

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

/** What a collection import (Postman v2.1 or HAR 1.2) would add, shown before anything is written. */
export interface CollectionImportPreview {
  format: 'postman-2.1' | 'har-1.2';
  draft: CollectionDraft;
  folders: number;
  requests: number;
  /** What could not be carried over, per request: e.g. a multipart body, an auth type, a script. */
  warnings: string[];
}

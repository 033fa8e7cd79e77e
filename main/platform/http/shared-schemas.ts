import { z } from 'zod';
import type { LogKind, LogStatus } from '../model.ts';

/** Schemas both the admin API and the workbench contract validate with, so the two cannot drift. */
export const logKindSchema = z.enum([
  'bot',
  'connect',
  'disconnect',
  'message_in',
  'message_out',
  'webhook',
  'reset',
  'identity',
  'flow',
] as const satisfies LogKind[]);
export const logStatusSchema = z.enum([
  'success',
  'delivered',
  'queued',
  'refused',
  'failed',
  'filtered',
  'in_progress',
] as const satisfies LogStatus[]);

/** What a request bin answers: status, body, content type and delay. */
export const binResponseSchema = z
  .strictObject({
    status: z.number().int().min(100).max(599),
    body: z.string().max(256 * 1024),
    contentType: z.string().min(1).max(200),
    delayMs: z.number().int().min(0).max(30_000),
  })
  .partial();

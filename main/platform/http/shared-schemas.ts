import { z } from 'zod';
import { THEME_COLOUR_EXPECTED, THEME_COLOUR_PATTERN } from '../../common/theme-colour.ts';
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

/** The bot settings a caller may change. */
export const botSettingsSchema = z
  .strictObject({
    theme: z.string().regex(THEME_COLOUR_PATTERN, `theme must be ${THEME_COLOUR_EXPECTED}`),
    greeting: z.string().max(500),
    verifyWebhooks: z.boolean(),
    verifyIdentity: z.boolean(),
  })
  .partial();

/** What a request bin answers: status, body, content type and delay. */
export const binResponseSchema = z
  .strictObject({
    status: z.number().int().min(100).max(599),
    body: z.string().max(256 * 1024),
    contentType: z.string().min(1).max(200),
    delayMs: z.number().int().min(0).max(30_000),
  })
  .partial();

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

const binAnswer = {
  status: z.number().int().min(100).max(599),
  body: z.string().max(256 * 1024),
  contentType: z.string().min(1).max(200),
  delayMs: z.number().int().min(0).max(30_000),
};

/** One response rule of a bin: a method ("*" for any) and a path below the bin ("*" for any characters). */
export const binRuleSchema = z.strictObject({
  method: z.string().regex(/^(\*|[A-Za-z]{1,20})$/, 'method must be an HTTP method such as POST, or "*" for any'),
  path: z.string().regex(/^(\*|\/)[^\s]{0,300}$/, 'path must start with "/" (the bin itself is "/") or be "*"'),
  ...binAnswer,
});

/** What a request bin answers: status, body, content type and delay, and the rules tried first. */
export const binResponseSchema = z.strictObject({ ...binAnswer, rules: z.array(binRuleSchema).max(50) }).partial();

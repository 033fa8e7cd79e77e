import { z } from 'zod';
import { BotbenchError, describeValue } from './errors.ts';
import { BOT_ID_PATTERN } from './ids.ts';

/**
 * The `data-fxo-widget` value a site pastes: base64 of JSON like Flow XO's,
 * `{"web":{"botId":"…"},"theme":"#…"}`. Unknown keys are kept, so an imported
 * production embed code round-trips.
 */
export const embedConfigSchema = z.looseObject({
  web: z.looseObject({ botId: z.string().regex(BOT_ID_PATTERN) }),
  theme: z
    .string()
    .regex(/^#[0-9a-fA-F]{3,8}$/)
    .optional(),
});
export type EmbedConfig = z.infer<typeof embedConfigSchema>;

export const EMBED_CODE_EXPECTED = 'base64 of JSON like {"web":{"botId":"<24 hex>"},"theme":"#1f6feb"}';

export function encodeEmbedCode(config: EmbedConfig): string {
  return Buffer.from(JSON.stringify(config), 'utf8').toString('base64');
}

export function decodeEmbedCode(code: unknown): EmbedConfig {
  const fail = (why: string): never => {
    throw new BotbenchError('BOTBENCH_ERR_EMBED_CODE', `embedCode must be ${EMBED_CODE_EXPECTED}; ${why}.`, {
      expected: EMBED_CODE_EXPECTED,
      field: 'embedCode',
    });
  };
  if (typeof code !== 'string' || code.trim() === '') return fail(`got ${describeValue(code)}`);
  const trimmed = code.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return fail(`${describeValue(trimmed)} is not base64`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(trimmed, 'base64').toString('utf8'));
  } catch {
    return fail('it decodes to something that is not JSON');
  }
  const parsed = embedConfigSchema.safeParse(json);
  if (!parsed.success) return fail(`it decodes to ${describeValue(json)}`);
  return parsed.data;
}

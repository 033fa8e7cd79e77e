import { describeValue } from './describe.ts';
import { BOT_ID_PATTERN } from './ids.ts';

/**
 * The `data-fxo-widget` value a site pastes: base64 (standard or URL-safe) of UTF-8 JSON like
 * Flow XO's, `{"web":{"botId":"…"},"theme":"#…"}`. Unknown keys are kept, so an imported
 * production embed code round-trips. The one decoder: the platform (which refuses a bad one),
 * the workbench UI (which previews the Bot ID) and the widget (which reads its bot) all use it.
 * Pure: atob and TextDecoder exist in browsers and Node alike.
 */
export interface EmbedConfig {
  web: { botId: string; [key: string]: unknown };
  theme?: string | undefined;
  [key: string]: unknown;
}

export const EMBED_CODE_EXPECTED = 'base64 of JSON like {"web":{"botId":"<24 hex>"},"theme":"#1f6feb"}';

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes an embed code, or says why it is not one (the theme is not checked here: see theme-colour.ts). */
export function decodeEmbedCode(code: unknown): { ok: true; config: EmbedConfig } | { ok: false; reason: string } {
  if (typeof code !== 'string' || code.trim() === '') return { ok: false, reason: `got ${describeValue(code)}` };
  const trimmed = code.trim();
  if (!BASE64.test(trimmed)) return { ok: false, reason: `${describeValue(trimmed)} is not base64` };
  let json: unknown;
  try {
    const binary = atob(trimmed.replaceAll('-', '+').replaceAll('_', '/'));
    json = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return { ok: false, reason: 'it decodes to something that is not JSON' };
  }
  if (!isPlainObject(json) || !isPlainObject(json.web) || typeof json.web.botId !== 'string' || !BOT_ID_PATTERN.test(json.web.botId)) {
    return { ok: false, reason: `it decodes to ${describeValue(json)}` };
  }
  return { ok: true, config: json as EmbedConfig };
}

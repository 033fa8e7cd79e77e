import { decodeEmbedCode } from '../../../main/common/embed-code.ts';

/**
 * Reading what a tester pastes into "Import": the `data-fxo-widget` value, or the whole
 * `<script>` tag around it. Only to preview the Bot ID; the platform decodes and checks it.
 */
export function extractEmbedCode(pasted: string): string {
  const attribute = /data-fxo-widget\s*=\s*(["'])(.*?)\1/s.exec(pasted);
  return (attribute?.[2] ?? pasted).trim();
}

/** The Bot ID inside an embed code (base64 of {"web":{"botId":"…"}}), or null if it does not hold one. */
export function botIdFromEmbedCode(code: string): string | null {
  const decoded = decodeEmbedCode(code);
  return decoded.ok ? decoded.config.web.botId : null;
}

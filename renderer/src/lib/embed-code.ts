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
  const trimmed = code.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  try {
    const json = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(trimmed.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0))),
    ) as {
      web?: { botId?: unknown };
    };
    const botId = json.web?.botId;
    return typeof botId === 'string' && /^[0-9a-f]{24}$/.test(botId) ? botId : null;
  } catch {
    return null;
  }
}

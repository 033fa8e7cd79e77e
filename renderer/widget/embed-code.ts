/** The site's `data-fxo-widget` value: base64 of JSON like `{"web":{"botId":"…"},"theme":"#1f6feb"}`; other keys are ignored. */
export interface EmbedConfig {
  web: { botId: string };
  theme?: string;
}

export const DEFAULT_THEME = '#1f6feb';

/** Decodes an embed code (standard or URL-safe base64 of UTF-8 JSON); null when it is not one. */
export function decodeEmbedCode(code: string): EmbedConfig | null {
  try {
    const base64 = code.trim().replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const config = JSON.parse(new TextDecoder().decode(bytes)) as Partial<EmbedConfig> | null;
    const botId = config?.web?.botId;
    return typeof botId === 'string' && /^[0-9a-f]{24}$/.test(botId) ? (config as EmbedConfig) : null;
  } catch {
    return null;
  }
}

/** The theme colour, if it is a plain hex colour (it ends up in CSS). */
export function themeOf(config: EmbedConfig): string {
  return typeof config.theme === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(config.theme) ? config.theme : DEFAULT_THEME;
}

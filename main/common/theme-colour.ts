/**
 * The widget's accent colour. It ends up in CSS, so only a plain hex colour is ever used.
 * A bot's setting is a full `#rrggbb` (what a colour input gives); an embed code from
 * elsewhere may carry any hex form (`#rgb` … `#rrggbbaa`).
 */
export const DEFAULT_THEME = '#1f6feb';

/** What a bot's theme setting must be. */
export const THEME_COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;
export const THEME_COLOUR_EXPECTED = 'a colour like "#1f6feb"';

/** What an embed code's `theme` may be. */
export const EMBED_THEME_PATTERN = /^#[0-9a-fA-F]{3,8}$/;

export function isThemeColour(value: unknown): value is string {
  return typeof value === 'string' && THEME_COLOUR_PATTERN.test(value);
}

/** The colour to draw with: the given theme if it is a hex colour, else the default. */
export function themeOrDefault(theme: unknown): string {
  return typeof theme === 'string' && EMBED_THEME_PATTERN.test(theme) ? theme : DEFAULT_THEME;
}

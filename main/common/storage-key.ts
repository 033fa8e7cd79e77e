/**
 * Where the widget keeps an anonymous visitor's Channel ID in the page's storage. The widget
 * writes it; the profile hosts read and clear it (restart with a typed ID, clear site data).
 */
export function channelStorageKey(botId: string): string {
  return `fxo-messenger:${botId}:channelId`;
}

/** The key the widget writes once to learn whether storage works at all. */
export const STORAGE_PROBE_KEY = 'fxo-messenger:probe';

import type { ProfileInput } from '../../../main/api/contract.ts';

/** Keys forwarded by name; printable characters are typed as text instead. */
export const FORWARDED_KEYS: ReadonlySet<string> = new Set([
  'Enter',
  'Backspace',
  'Delete',
  'Tab',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
]);

/**
 * Maps a point on the displayed picture to the page's viewport. The picture is a screenshot of
 * the whole viewport, so its natural size is the viewport size.
 */
export function toPagePoint(
  client: { x: number; y: number },
  shown: { left: number; top: number; width: number; height: number },
  natural: { width: number; height: number },
): { x: number; y: number } | null {
  if (shown.width <= 0 || shown.height <= 0 || natural.width <= 0 || natural.height <= 0) return null;
  const x = ((client.x - shown.left) * natural.width) / shown.width;
  const y = ((client.y - shown.top) * natural.height) / shown.height;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
  return { x: clamp(x, natural.width), y: clamp(y, natural.height) };
}

/** What a key press on the picture becomes: a named key, a character to type, or nothing (left to the workbench). */
export function keyToInput(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): ProfileInput | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (FORWARDED_KEYS.has(event.key)) return { type: 'key', key: event.key };
  if (event.key.length === 1 || [...event.key].length === 1) return { type: 'type', text: event.key };
  return null;
}

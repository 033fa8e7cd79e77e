import type { PaneBounds } from '../profiles/types.ts';

/** An Electron view rectangle: whole device-independent pixels. */
export interface ViewRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a profile's WebContentsView goes, from the pane rectangle the renderer reported:
 * scaled by the workbench's zoom, clipped to the window's content area, rounded to whole
 * pixels. Null (hide the view) when the pane is gone, or less than 2 px of it is visible.
 */
export function viewRectFor(pane: PaneBounds | null, content: { width: number; height: number }, zoomFactor = 1): ViewRect | null {
  if (pane === null) return null;
  const left = Math.max(0, pane.x * zoomFactor);
  const top = Math.max(0, pane.y * zoomFactor);
  const right = Math.min(content.width, (pane.x + pane.width) * zoomFactor);
  const bottom = Math.min(content.height, (pane.y + pane.height) * zoomFactor);
  const width = Math.floor(right - left);
  const height = Math.floor(bottom - top);
  if (width < 2 || height < 2) return null;
  return { x: Math.round(left), y: Math.round(top), width, height };
}

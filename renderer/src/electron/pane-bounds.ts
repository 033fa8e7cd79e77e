import { useEffect, type RefObject } from 'react';
import type { PaneBounds } from '../../../main/api/contract.ts';
import { preloadApi } from '../transport/preload-client.ts';

/**
 * Tells the Electron shell where to show a profile's live page (`profiles.place`); `null` hides
 * it (pane gone, another screen shown, a dialog over it). A no-op in browser mode, where pages
 * are pictures, and when the preload has no such method.
 */
export function reportPaneBounds(profileId: string, rect: PaneBounds | null): void {
  const place = preloadApi()?.methods['profiles.place'];
  if (typeof place !== 'function') return;
  // A pane that unmounts because its profile closed reports null for an id main no longer knows: nothing to show.
  place({ id: profileId, bounds: rect }).catch(() => undefined);
}

/** In the desktop app the page is embedded live over the pane; in browser mode it is a picture. */
export function pagesEmbeddedLive(): boolean {
  return preloadApi() !== undefined;
}

/**
 * The part of `box` inside `clip` (the scrolling screen), so a live page never covers the
 * header or sidebar; null when less than 2 px of it is visible.
 */
export function visiblePart(box: PaneBounds, clip: PaneBounds | null): PaneBounds | null {
  const area = clip ?? box;
  const x = Math.max(box.x, area.x);
  const y = Math.max(box.y, area.y);
  const width = Math.min(box.x + box.width, area.x + area.width) - x;
  const height = Math.min(box.y + box.height, area.y + area.height) - y;
  if (width < 2 || height < 2) return null;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

const toBounds = (r: DOMRect): PaneBounds => ({ x: r.left, y: r.top, width: r.width, height: r.height });

/**
 * Reports the element's visible bounds for the profile while `visible`, on every layout change
 * (ResizeObserver on it and on the page, scroll anywhere, window resize), and null when it
 * stops being visible or unmounts. Only in the desktop app.
 */
export function usePaneBounds(profileId: string, ref: RefObject<HTMLElement | null>, visible: boolean): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || !pagesEmbeddedLive()) return;
    if (!visible) {
      reportPaneBounds(profileId, null);
      return;
    }
    const scroller = element.closest<HTMLElement>('.screen');
    let last = '';
    let frame = 0;
    const measure = () => {
      frame = 0;
      const rect = visiblePart(toBounds(element.getBoundingClientRect()), scroller ? toBounds(scroller.getBoundingClientRect()) : null);
      const key = rect ? `${rect.x},${rect.y},${rect.width},${rect.height}` : 'null';
      if (key === last) return;
      last = key;
      reportPaneBounds(profileId, rect);
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    measure();
    // The pane moves when anything above it changes size, not only when it does: watch the page too.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule);
    observer?.observe(element);
    observer?.observe(document.body);
    if (scroller?.firstElementChild) observer?.observe(scroller.firstElementChild);
    window.addEventListener('resize', schedule);
    document.addEventListener('scroll', schedule, { capture: true, passive: true });
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      observer?.disconnect();
      window.removeEventListener('resize', schedule);
      document.removeEventListener('scroll', schedule, { capture: true });
      reportPaneBounds(profileId, null);
    };
  }, [profileId, ref, visible]);
}

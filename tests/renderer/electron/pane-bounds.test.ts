// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportPaneBounds, visiblePart } from '../../../renderer/src/electron/pane-bounds.ts';

afterEach(() => {
  delete (window as { botbench?: unknown }).botbench;
});

describe('visiblePart()', () => {
  const screenArea = { x: 200, y: 44, width: 800, height: 600 };

  it('keeps a pane that is wholly inside the screen', () => {
    expect(visiblePart({ x: 220, y: 100, width: 300, height: 400 }, screenArea)).toEqual({ x: 220, y: 100, width: 300, height: 400 });
  });

  it('cuts the part scrolled under the header', () => {
    expect(visiblePart({ x: 220, y: 0, width: 300, height: 400 }, screenArea)).toEqual({ x: 220, y: 44, width: 300, height: 356 });
  });

  it('gives null when the pane is scrolled out of sight', () => {
    expect(visiblePart({ x: 220, y: 700, width: 300, height: 400 }, screenArea)).toBeNull();
  });
});

describe('reportPaneBounds()', () => {
  it('calls profiles.place in the desktop app', () => {
    const place = vi.fn(() => Promise.resolve());
    (window as { botbench?: unknown }).botbench = { methods: { 'profiles.place': place }, onEvent: () => () => undefined };
    reportPaneBounds('p1', { x: 1, y: 2, width: 3, height: 4 });
    reportPaneBounds('p1', null);
    expect(place.mock.calls).toEqual([[{ id: 'p1', bounds: { x: 1, y: 2, width: 3, height: 4 } }], [{ id: 'p1', bounds: null }]]);
  });

  it('does nothing in browser mode', () => {
    expect(() => reportPaneBounds('p1', null)).not.toThrow();
  });
});

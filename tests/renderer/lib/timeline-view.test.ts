import { describe, expect, it } from 'vitest';
import { toTimelineRows } from '../../../renderer/src/lib/timeline-view.ts';
import { entry } from '../fixtures.ts';

describe('toTimelineRows()', () => {
  it('breaks the line above each row whose Channel ID changed, and starts a new segment there', () => {
    const rows = toTimelineRows([
      entry('opened', 'a'),
      entry('reloaded', 'a'),
      entry('restarted', 'b', { changed: true }),
      entry('reloaded', 'b'),
      entry('cleared', 'c', { changed: true }),
    ]);
    expect(rows.map((r) => r.breakBefore)).toEqual([false, false, true, false, true]);
    expect(rows.map((r) => r.segment)).toEqual([0, 0, 1, 1, 2]);
  });

  it('remembers the Channel ID lost at a break, skipping rows without one', () => {
    const rows = toTimelineRows([entry('opened', 'a'), entry('closed', null), entry('opened', 'b', { changed: true })]);
    expect(rows[2]!.previousChannelId).toBe('a');
    expect(rows[0]!.previousChannelId).toBeNull();
  });

  it('marks refused actions', () => {
    const rows = toTimelineRows([entry('opened', 'User123'), entry('reset', 'User123', { note: 'refused: external user ID' })]);
    expect(rows.map((r) => r.refused)).toEqual([false, true]);
  });
});

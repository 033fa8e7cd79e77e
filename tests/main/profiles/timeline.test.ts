import { describe, expect, it } from 'vitest';
import { appendTimeline } from '../../../main/profiles/timeline.ts';

const id = (channelId: string | null) => ({ channelId, responsePath: channelId && `b/c/${channelId}` });

describe('appendTimeline()', () => {
  it('marks a row changed when its Channel ID differs from the last known one', () => {
    let timeline = appendTimeline([], 'opened', id('n_a'), null, 1);
    timeline = appendTimeline(timeline, 'reloaded', id('n_a'), null, 2);
    timeline = appendTimeline(timeline, 'cleared', id('n_b'), null, 3);
    expect(timeline.map((e) => [e.action, e.changed])).toEqual([
      ['opened', false],
      ['reloaded', false],
      ['cleared', true],
    ]);
  });

  it('compares across rows without an ID (a closed window) to the last one that had one', () => {
    let timeline = appendTimeline([], 'opened', id('n_a'));
    timeline = appendTimeline(timeline, 'closed', id(null));
    timeline = appendTimeline(timeline, 'opened', id('n_a'));
    expect(timeline.map((e) => e.changed)).toEqual([false, false, false]);
  });

  it('keeps the note and does not change the input', () => {
    const before = appendTimeline([], 'opened', id('n_a'));
    const after = appendTimeline(before, 'reset', id('n_a'), 'refused: external ID');
    expect(before).toHaveLength(1);
    expect(after[1]).toMatchObject({ note: 'refused: external ID', changed: false });
  });
});

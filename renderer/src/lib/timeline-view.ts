import type { TimelineEntry } from '../../../main/api/contract.ts';
import { isRefused } from './identity-matrix.ts';

/** One drawn row of an identity timeline. */
export interface TimelineRow {
  entry: TimelineEntry;
  /** The Channel ID changed here: the line breaks above this row. */
  breakBefore: boolean;
  /** The Channel ID before the break, to show what was lost. */
  previousChannelId: string | null;
  refused: boolean;
  /** Which identity this row belongs to: 0 for the first, +1 after every break. */
  segment: number;
}

/** Turns a timeline into drawn rows, oldest first, with the breaks where the identity changed. */
export function toTimelineRows(timeline: readonly TimelineEntry[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let segment = 0;
  let lastChannelId: string | null = null;
  for (const entry of timeline) {
    const breakBefore = entry.changed;
    if (breakBefore) segment++;
    rows.push({ entry, breakBefore, previousChannelId: breakBefore ? lastChannelId : null, refused: isRefused(entry), segment });
    if (entry.channelId !== null) lastChannelId = entry.channelId;
  }
  return rows;
}

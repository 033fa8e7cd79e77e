import type { ProfileAction, TimelineEntry } from './types.ts';

/** Appends a timeline row; `changed` compares with the last row that had a Channel ID. */
export function appendTimeline(
  timeline: readonly TimelineEntry[],
  action: ProfileAction,
  identity: { channelId: string | null; responsePath: string | null },
  note: string | null = null,
  at = Date.now(),
): TimelineEntry[] {
  const previous = [...timeline].reverse().find((entry) => entry.channelId !== null);
  const changed = previous !== undefined && identity.channelId !== null && previous.channelId !== identity.channelId;
  return [...timeline, { at, action, channelId: identity.channelId, responsePath: identity.responsePath, changed, note }];
}

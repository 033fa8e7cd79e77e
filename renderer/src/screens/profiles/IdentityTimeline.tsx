import type { TimelineEntry } from '../../../../main/api/contract.ts';
import { clockTime, fullTime } from '../../lib/time.ts';
import { toTimelineRows } from '../../lib/timeline-view.ts';

const ACTION_TEXT: Record<TimelineEntry['action'], string> = {
  opened: 'Opened',
  reloaded: 'Reloaded',
  restarted: 'Restarted browser',
  cleared: 'Cleared site data',
  reset: 'Reset conversation',
  'logged-in': 'Logged in',
  'logged-out': 'Logged out',
  navigated: 'Went to another page',
  closed: 'Closed',
};

/**
 * What happened to the profile's identity, oldest first, on one vertical line. Where the
 * Channel ID changed the line breaks (a zigzag gap) and the new ID is highlighted.
 */
export function IdentityTimeline({ timeline }: { timeline: readonly TimelineEntry[] }) {
  const rows = toTimelineRows(timeline);
  if (rows.length === 0) return <p className="muted small">Nothing yet: the timeline starts when the widget connects.</p>;
  return (
    <ol className="timeline" aria-label="Identity timeline">
      {rows.map((row, i) => (
        <li
          key={`${row.entry.at}-${i}`}
          className={`tl-row${row.breakBefore ? ' tl-break' : ''}${row.refused ? ' tl-refused' : ''} tl-seg-${row.segment % 4}`}
          data-testid="timeline-row"
          data-changed={String(row.entry.changed)}
          data-action={row.entry.action}
        >
          <span className="tl-rail" aria-hidden="true">
            <span className="tl-dot" />
          </span>
          <div className="tl-body">
            <div className="tl-head">
              <span className="tl-action">{ACTION_TEXT[row.entry.action]}</span>
              <time className="tl-time" dateTime={new Date(row.entry.at).toISOString()} title={fullTime(row.entry.at)}>
                {clockTime(row.entry.at)}
              </time>
            </div>
            <div className="tl-id">
              {row.breakBefore ? <span className="tl-flag">new ID</span> : null}
              <code className={row.breakBefore ? 'tl-new-id' : ''}>{row.entry.channelId ?? '—'}</code>
              {row.breakBefore && row.previousChannelId ? (
                <span className="tl-was">
                  was <code>{row.previousChannelId}</code>
                </span>
              ) : null}
            </div>
            {row.entry.note ? <div className="tl-note">{row.entry.note}</div> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

import type { LogEntry } from '../../../../main/platform/model.ts';
import { LogStatusBadge } from '../../components/badges.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CloseIcon } from '../../components/icons.tsx';
import { JsonTree } from '../../components/JsonTree.tsx';
import { prettyJson } from '../../lib/json.ts';
import { fullTime } from '../../lib/time.ts';

/** One log entry in full: its fields and its detail as a tree. */
export function LogInspector({ entry, botName, onClose }: { entry: LogEntry; botName: string | null; onClose: () => void }) {
  return (
    <aside className="inspector" data-testid="log-inspector" aria-label={`Log entry ${entry.seq}`}>
      <header className="drawer-head">
        <h2 className="drawer-title">
          #{entry.seq} <span className="mono">{entry.kind}</span> <LogStatusBadge status={entry.status} />
        </h2>
        <CopyButton text={prettyJson(entry)} label="entry as JSON" testId="log-copy-json">
          Copy JSON
        </CopyButton>
        <button type="button" className="icon-btn" aria-label="Close inspector" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="drawer-body">
        <p className="inspector-summary">{entry.summary}</p>
        <dl className="facts">
          <dt>Time</dt>
          <dd>{fullTime(entry.at)}</dd>
          <dt>Bot</dt>
          <dd>
            {botName ? `${botName} · ` : null}
            <span className="mono">{entry.botId ?? '—'}</span>
          </dd>
          <dt>Response path</dt>
          <dd className="mono">{entry.responsePath ?? '—'}</dd>
        </dl>
        <h3 className="section-title">Entry</h3>
        <JsonTree value={entry} openDepth={2} />
      </div>
    </aside>
  );
}

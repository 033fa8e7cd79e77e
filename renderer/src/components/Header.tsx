import { useApp } from '../store/context.tsx';
import type { Screen } from '../store/workbench-slice.ts';
import { CopyButton } from './CopyButton.tsx';

const TITLES: Record<Screen, string> = {
  profiles: 'Profiles',
  people: 'People: one person, many devices and channels',
  users: 'Users',
  log: 'Interaction log',
  webhooks: 'Webhooks',
  flows: 'Flows',
  scenarios: 'Identity scenarios',
  bots: 'Bots',
};

export function Header() {
  const screen = useApp((s) => s.screen);
  const info = useApp((s) => s.info);
  const status = useApp((s) => s.connection.status);
  return (
    <header className="header">
      <h1 className="header-title">{TITLES[screen]}</h1>
      <div className="header-info">
        {info ? (
          <>
            <span className="field-label">Platform</span>
            <a className="mono header-url" href={info.platformUrl} target="_blank" rel="noreferrer" data-testid="platform-url">
              {info.platformUrl}
            </a>
            <CopyButton text={info.platformUrl} label="platform URL" />
            <span
              className={`badge mode mode-${info.mode}`}
              data-testid="workbench-mode"
              title={info.mode === 'electron' ? 'Desktop app' : 'Browser mode'}
            >
              {info.mode}
            </span>
            <span className="muted">v{info.version}</span>
          </>
        ) : (
          <span className="muted">Connecting…</span>
        )}
        <span className={`link-dot link-${status}`} role="img" aria-label={`Link to main: ${status}`} title={`Link to main: ${status}`} />
      </div>
    </header>
  );
}

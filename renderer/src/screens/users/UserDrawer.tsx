import { useEffect, useId, useRef } from 'react';
import { useFocusTrap } from '../../hooks/use-focus-trap.ts';
import { useShallow } from 'zustand/react/shallow';
import type { Message } from '../../../../main/platform/model.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CloseIcon } from '../../components/icons.tsx';
import { JsonTree } from '../../components/JsonTree.tsx';
import { clockTime, fullTime } from '../../lib/time.ts';
import { useApp } from '../../store/context.tsx';

const SOURCE_TEXT: Record<Message['source'], string> = {
  widget: 'visitor',
  telegram: 'visitor (Telegram-like)',
  messenger: 'visitor (Messenger-like)',
  bot: 'bot',
  webhook: 'webhook',
};

/** Everything about one user, and their transcript, live. */
export function UserDrawer() {
  const path = useApp((s) => s.selectedUserPath);
  const user = useApp((s) => s.users.find((u) => u.responsePath === s.selectedUserPath));
  const transcript = useApp((s) => s.transcript);
  const loading = useApp((s) => s.transcriptLoading);
  const close = useApp((s) => s.closeUser);
  const openUser = useApp((s) => s.openUser);
  // The other direction of linkedTo: anonymous visitors who logged in as this user.
  const linkedFrom = useApp(
    useShallow((s) => s.users.filter((u) => u.linkedTo !== null && u.linkedTo === s.selectedUserPath).map((u) => u.responsePath)),
  );
  const endRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // An overlay over the list: Tab stays inside until Escape or Close, then focus goes back to the row.
  const drawerRef = useRef<HTMLElement>(null);
  useFocusTrap(drawerRef);
  // Braces matter: scrollIntoView returns a promise in recent Chromium, and an effect must return nothing or a cleanup.
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [transcript.length]);
  if (!path) return null;
  return (
    <aside
      ref={drawerRef}
      className="drawer"
      data-testid="user-drawer"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        close();
      }}
    >
      <header className="drawer-head">
        <h2 className="mono drawer-title" id={titleId}>
          {path}
        </h2>
        <CopyButton text={path} label="response path" />
        <button type="button" className="icon-btn" aria-label="Close user" onClick={close} autoFocus>
          <CloseIcon />
        </button>
      </header>
      <div className="drawer-body">
        {user ? (
          <dl className="facts">
            <dt>Bot ID</dt>
            <dd className="mono">{user.botId}</dd>
            <dt>Channel ID</dt>
            <dd className="mono">{user.channelId}</dd>
            <dt>Kind</dt>
            <dd>{user.kind}</dd>
            {user.linkedTo ? (
              <>
                <dt>Logged in as</dt>
                <dd>
                  <button
                    type="button"
                    className="link-btn mono"
                    data-testid="user-linked-to"
                    title="This anonymous visitor logged in: their conversation went on under this path. Open it."
                    onClick={() => void openUser(user.linkedTo!)}
                  >
                    → {user.linkedTo}
                  </button>
                </dd>
              </>
            ) : null}
            {linkedFrom.length > 0 ? (
              <>
                <dt>Was anonymous as</dt>
                <dd className="linked-from">
                  {linkedFrom.map((from) => (
                    <button
                      key={from}
                      type="button"
                      className="link-btn mono"
                      data-testid="user-linked-from"
                      title="An anonymous visitor who logged in as this user. Open their earlier conversation."
                      onClick={() => void openUser(from)}
                    >
                      ← {from}
                    </button>
                  ))}
                </dd>
              </>
            ) : null}
            <dt>First seen</dt>
            <dd>{fullTime(user.firstSeen)}</dd>
            <dt>Last seen</dt>
            <dd>{fullTime(user.lastSeen)}</dd>
            <dt>Online now</dt>
            <dd>{user.online}</dd>
            <dt>Connections</dt>
            <dd>{user.connections}</dd>
            <dt>Metadata</dt>
            <dd>
              <JsonTree value={user.metadata} />
            </dd>
            <dt>Attributes</dt>
            <dd>
              <JsonTree value={user.attributes} />
            </dd>
          </dl>
        ) : null}
        <h3 className="section-title">Transcript</h3>
        {loading ? <p className="muted">Loading…</p> : transcript.length === 0 ? <p className="muted">No messages yet.</p> : null}
        <div className="transcript" role="log" aria-label="Transcript">
          {transcript.map((m) => (
            <div
              key={m.id}
              className={`msg msg-${m.direction} msg-${m.source}`}
              data-testid="transcript-message"
              data-direction={m.direction}
              data-source={m.source}
            >
              <div className="msg-meta">
                <span>{SOURCE_TEXT[m.source]}</span>
                <time title={fullTime(m.createdAt)}>{clockTime(m.createdAt)}</time>
                {m.direction === 'out' && m.deliveredAt === null ? <span className="badge queued">queued</span> : null}
              </div>
              <div className="msg-text">{m.text}</div>
            </div>
          ))}
          <div ref={endRef} />
        </div>
      </div>
    </aside>
  );
}

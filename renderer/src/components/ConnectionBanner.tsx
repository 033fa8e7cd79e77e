import { useEffect, useState } from 'react';
import { useApp } from '../store/context.tsx';

/** Shown while the link to main is down: what happened, and when the next attempt starts. */
export function ConnectionBanner({ onRetry }: { onRetry?: (() => void) | undefined }) {
  const connection = useApp((s) => s.connection);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (connection.status !== 'disconnected') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [connection.status]);
  if (connection.status === 'connected') return null;
  if (connection.status === 'connecting' && connection.attempt === 0) return null;
  const seconds = connection.retryAt === null ? null : Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
  return (
    <div className={`banner banner-${connection.status}`} role="alert" data-testid="connection-banner" data-status={connection.status}>
      {connection.status === 'refused' ? (
        <span>
          <strong>The workbench server refused this page.</strong> {connection.message} Reload the page (the server gives a new token when it
          restarts).
        </span>
      ) : connection.status === 'connecting' ? (
        <span>
          <strong>Reconnecting to Botbench…</strong> (attempt {connection.attempt + 1})
        </span>
      ) : (
        <span>
          <strong>Disconnected from Botbench.</strong> {connection.message} {seconds !== null ? `Retrying in ${seconds} s.` : ''} What you see may be
          out of date.
        </span>
      )}
      {onRetry && connection.status === 'disconnected' ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}

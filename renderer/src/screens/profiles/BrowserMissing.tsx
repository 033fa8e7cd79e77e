import { useState } from 'react';
import type { HostStatus } from '../../../../main/api/contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { useApp } from '../../store/context.tsx';

/**
 * What the Profiles screen shows when no browser can be found: what is missing, the commands that
 * bring one, where Botbench looked, and Retry. The rest of the workbench works meanwhile.
 */
export function BrowserMissing({ status }: { status: Extract<HostStatus, { ready: false }> }) {
  const retry = useApp((s) => s.retryBrowser);
  const [busy, setBusy] = useState(false);
  return (
    <section className="card browser-missing" role="alert" aria-labelledby="browser-missing-title" data-testid="browser-missing">
      <h2 id="browser-missing-title" className="section-title">
        Profiles need a browser
      </h2>
      <p>{status.problem}</p>
      <p>Install one with any of these, then press Retry:</p>
      <ul className="browser-fixes">
        {status.fixes.map((fix) => (
          <li key={fix}>
            <code>{fix}</code> <CopyButton text={fix} label={`“${fix}”`} />
          </li>
        ))}
      </ul>
      <p className="small">{status.hint}</p>
      <details>
        <summary>
          Where Botbench looked ({status.searched.length} {status.searched.length === 1 ? 'place' : 'places'})
        </summary>
        <ul className="small muted">
          {status.searched.map((path) => (
            <li key={path}>
              <code>{path}</code>
            </li>
          ))}
        </ul>
      </details>
      <p className="small muted">The platform, webhooks, flows, users and the log work meanwhile.</p>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="browser-retry"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void retry().finally(() => setBusy(false));
        }}
      >
        {busy ? 'Looking…' : 'Retry'}
      </button>
    </section>
  );
}

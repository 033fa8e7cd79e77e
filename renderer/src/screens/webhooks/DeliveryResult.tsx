import type { WebhookHistoryEntry } from '../../../../main/api/contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { JsonTree } from '../../components/JsonTree.tsx';
import { buildCurl } from '../../lib/curl.ts';

const OUTCOME_TEXT = {
  delivered: 'Delivered: a widget showing this path received it.',
  queued: 'Queued: nobody is online on this path; it arrives when they reconnect.',
  refused: 'Refused by the platform.',
} as const;

/** The answer to one webhook, and the delivery trace: outcome, which profiles show the path, why if refused. */
export function DeliveryResult({ entry, webhookUrl }: { entry: WebhookHistoryEntry; webhookUrl: string | null }) {
  const { trace } = entry;
  const ok = trace.status >= 200 && trace.status < 300;
  return (
    <section className="result-panel" data-testid="webhook-result" data-outcome={trace.outcome} aria-label="Webhook result">
      <header className="result-head">
        <span className={`http-status ${ok ? 'ok' : 'bad'}`} data-testid="webhook-result-status">
          HTTP {trace.status}
        </span>
        <span className="muted small">{entry.durationMs} ms</span>
        <span className="toolbar-spacer" />
        {webhookUrl ? (
          <CopyButton text={buildCurl({ url: webhookUrl, headers: entry.request.headers, body: entry.sentBody })} label="as cURL">
            Copy as cURL
          </CopyButton>
        ) : null}
      </header>
      <div className={`trace trace-${trace.outcome}`} data-testid="delivery-trace" data-outcome={trace.outcome}>
        <div className="trace-step">
          <span className="trace-label">Sent to</span>
          <code>{entry.request.responsePath || '(no path)'}</code>
        </div>
        <div className="trace-step">
          <span className="trace-label">Outcome</span>
          <span className={`badge outcome-${trace.outcome}`}>{trace.outcome}</span>
          <span className="small">{OUTCOME_TEXT[trace.outcome]}</span>
        </div>
        {trace.reason ? (
          <div className="trace-step">
            <span className="trace-label">Reason</span>
            <span className="trace-reason">{trace.reason}</span>
          </div>
        ) : null}
        <div className="trace-step">
          <span className="trace-label">Shown in</span>
          {trace.profiles.length === 0 ? (
            <span className="muted small">no open profile shows this path</span>
          ) : (
            <span className="trace-profiles">
              {trace.profiles.map((p) => (
                <span key={p.id} className="chip" data-testid="trace-profile" data-profile-id={p.id}>
                  {p.label}
                </span>
              ))}
            </span>
          )}
        </div>
      </div>
      <h3 className="section-title">Answer</h3>
      <JsonTree value={trace.answer} />
      <details className="sent-body">
        <summary>Body as sent</summary>
        <pre className="mono">{entry.sentBody}</pre>
      </details>
    </section>
  );
}

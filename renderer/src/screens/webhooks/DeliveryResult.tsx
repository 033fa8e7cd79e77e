import type { WebhookHistoryEntry } from '../../../../main/api/contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { JsonTree } from '../../components/JsonTree.tsx';
import { buildCurl } from '../../lib/curl.ts';

const OUTCOME_TEXT = {
  delivered: 'Delivered: a widget showing this path received it.',
  queued: 'Queued: nobody is online on this path; it arrives when they reconnect.',
  refused: 'Refused: the target answered with an error status.',
  answered: 'Answered: the target (not a webhook URL) said 2xx.',
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
          <CopyButton
            text={buildCurl({
              method: entry.sentMethod ?? 'POST',
              url: entry.sentUrl ?? webhookUrl,
              headers: entry.request.headers,
              sentHeaders: entry.sentHeaders,
              body: entry.sentBody,
            })}
            label="as cURL"
          >
            Copy as cURL
          </CopyButton>
        ) : null}
      </header>
      <div className={`trace trace-${trace.outcome}`} data-testid="delivery-trace" data-outcome={trace.outcome}>
        <div className="trace-step">
          <span className="trace-label">Sent to</span>
          <code>{(entry.sentResponsePath ?? entry.request.responsePath) || '(no path)'}</code>
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
      <SentHeaders key={entry.id} entry={entry} />
      <details className="sent-body">
        <summary>Body as sent</summary>
        <pre className="mono">{entry.sentBody}</pre>
      </details>
    </section>
  );
}

/** Signature headers come first: they are what a tester looks for. */
const SIGNATURE_FIRST = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];

/** Every header the composer sent; opened at once when the webhook was signed. */
function SentHeaders({ entry }: { entry: WebhookHistoryEntry }) {
  // Entries saved before the workbench recorded sent headers have none.
  const headers = Object.entries(entry.sentHeaders ?? {}).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  if (headers.length === 0) return null;
  const signed = headers.some(([name]) => name === 'webhook-signature');
  const text = headers.map(([name, value]) => `${name}: ${value}`).join('\n');
  return (
    <details className="sent-body sent-headers" data-testid="webhook-sent-headers" data-signed={String(signed)} open={signed}>
      <summary>
        Headers sent ({headers.length}){signed ? <span className="badge signed-badge">signed</span> : null}
      </summary>
      <div className="copy-row">
        <pre className="mono">{text}</pre>
        <CopyButton text={text} label="headers sent" />
      </div>
      {signed ? (
        <p className="muted small">
          Standard Webhooks signature made with the bot’s webhook secret. Sending the same webhook-id again is refused as a replay.
        </p>
      ) : null}
    </details>
  );
}

function rank(name: string): number {
  const index = SIGNATURE_FIRST.indexOf(name);
  return index < 0 ? SIGNATURE_FIRST.length : index;
}

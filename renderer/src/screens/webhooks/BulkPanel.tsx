import { useState } from 'react';
import type { BulkMode } from '../../../../main/api/contract.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { ApiError } from '../../transport/api-error.ts';
import { useApp } from '../../store/context.tsx';

/** The bounds main enforces (main/api/bulk-send.ts BULK_LIMITS), shown so nobody has to guess. */
const LIMITS = { maxCount: 1000, maxPerSecond: 100, maxSeconds: 60, maxTotal: 1000 };

/**
 * Sends the composed request N times, or R per second for S seconds, to loopback only, with a
 * live summary: a demo of the queue, or a quick load check (Botbench's, beyond Flow XO).
 */
export function BulkPanel() {
  const bulk = useApp((s) => s.bulk);
  const start = useApp((s) => s.startBulk);
  const stop = useApp((s) => s.stopBulk);
  const [kind, setKind] = useState<BulkMode['kind']>('count');
  const [count, setCount] = useState('50');
  const [perSecond, setPerSecond] = useState('10');
  const [seconds, setSeconds] = useState('5');
  const [error, setError] = useState<ApiError | null>(null);
  const running = bulk?.state === 'running';
  const mode: BulkMode = kind === 'count' ? { kind, count: Number(count) } : { kind, perSecond: Number(perSecond), seconds: Number(seconds) };

  return (
    <details className="bulk-panel" data-testid="bulk-panel">
      <summary>Bulk send</summary>
      <div className="bulk-body">
        <div role="radiogroup" aria-label="Bulk mode" className="bulk-modes">
          <label className="check-label">
            <input type="radio" name="bulk-mode" checked={kind === 'count'} onChange={() => setKind('count')} /> Send
            <NumberField
              label="Number of sends"
              testId="bulk-count"
              max={LIMITS.maxCount}
              value={count}
              onChange={setCount}
              disabled={kind !== 'count'}
            />
            times
          </label>
          <label className="check-label">
            <input type="radio" name="bulk-mode" data-testid="bulk-mode-rate" checked={kind === 'rate'} onChange={() => setKind('rate')} /> Send
            <NumberField
              label="Sends per second"
              testId="bulk-rate"
              max={LIMITS.maxPerSecond}
              value={perSecond}
              onChange={setPerSecond}
              disabled={kind !== 'rate'}
            />
            per second for
            <NumberField
              label="Seconds"
              testId="bulk-seconds"
              max={LIMITS.maxSeconds}
              value={seconds}
              onChange={setSeconds}
              disabled={kind !== 'rate'}
            />
            s
          </label>
        </div>
        <p className="muted small">
          At most {LIMITS.maxTotal} requests, {LIMITS.maxPerSecond}/s, {LIMITS.maxSeconds} s; loopback targets only. Each is prepared as a single send
          is (variables, a new signature).
        </p>
        <div className="form-actions">
          {running ? (
            <button type="button" className="btn" data-testid="bulk-stop" onClick={() => void stop()}>
              Stop
            </button>
          ) : (
            <button
              type="button"
              className="btn"
              data-testid="bulk-start"
              onClick={() => {
                void start(mode).then(setError);
              }}
            >
              Start bulk send
            </button>
          )}
        </div>
        {error ? <ApiErrorAlert error={error} testId="bulk-error" /> : null}
        {bulk ? <BulkSummary /> : null}
      </div>
    </details>
  );
}

function BulkSummary() {
  const bulk = useApp((s) => s.bulk)!;
  const ms = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(1)} ms`);
  return (
    <div className="bulk-summary" data-testid="bulk-summary" data-state={bulk.state}>
      <div
        className="progress"
        role="progressbar"
        aria-label="Bulk send progress"
        aria-valuemin={0}
        aria-valuemax={bulk.planned}
        aria-valuenow={bulk.answered + bulk.failed}
      >
        <div className="progress-fill" style={{ width: `${Math.round(((bulk.answered + bulk.failed) / bulk.planned) * 100)}%` }} />
        <span className="small">
          {bulk.answered + bulk.failed} / {bulk.planned} · {bulk.state} · {(bulk.elapsedMs / 1000).toFixed(1)} s
        </span>
      </div>
      <dl className="bulk-figures" aria-live="polite">
        <Figure term="answered" testId="bulk-answered" value={bulk.answered} />
        <Figure term="delivered" testId="bulk-delivered" tone="ok" value={bulk.delivered} />
        <Figure term="queued" testId="bulk-queued" tone="warn" value={bulk.queued} />
        <Figure term="refused" testId="bulk-refused" tone="bad" value={bulk.refused} />
        {bulk.failed > 0 ? <Figure term="no answer" tone="bad" value={bulk.failed} /> : null}
        <Figure term="p50" value={ms(bulk.latency?.p50)} />
        <Figure term="p95" value={ms(bulk.latency?.p95)} />
        <Figure term="p99" value={ms(bulk.latency?.p99)} />
      </dl>
    </div>
  );
}

/** One of the bulk form's counts: a whole number from 1 to `max`, enabled only for its mode. */
function NumberField(props: { label: string; testId: string; max: number; value: string; onChange: (value: string) => void; disabled: boolean }) {
  return (
    <input
      className="num"
      type="number"
      min={1}
      max={props.max}
      aria-label={props.label}
      data-testid={props.testId}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

/** One figure of the summary; `tone` colours the value (ok, warn, bad). */
function Figure({ term, value, tone, testId }: { term: string; value: number | string; tone?: 'ok' | 'warn' | 'bad'; testId?: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={tone} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

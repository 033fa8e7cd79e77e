import { useState } from 'react';
import type { BulkMode } from '../../../../main/api/contract.ts';
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
            <input
              className="num"
              type="number"
              min={1}
              max={LIMITS.maxCount}
              aria-label="Number of sends"
              data-testid="bulk-count"
              value={count}
              disabled={kind !== 'count'}
              onChange={(e) => setCount(e.target.value)}
            />
            times
          </label>
          <label className="check-label">
            <input type="radio" name="bulk-mode" data-testid="bulk-mode-rate" checked={kind === 'rate'} onChange={() => setKind('rate')} /> Send
            <input
              className="num"
              type="number"
              min={1}
              max={LIMITS.maxPerSecond}
              aria-label="Sends per second"
              data-testid="bulk-rate"
              value={perSecond}
              disabled={kind !== 'rate'}
              onChange={(e) => setPerSecond(e.target.value)}
            />
            per second for
            <input
              className="num"
              type="number"
              min={1}
              max={LIMITS.maxSeconds}
              aria-label="Seconds"
              data-testid="bulk-seconds"
              value={seconds}
              disabled={kind !== 'rate'}
              onChange={(e) => setSeconds(e.target.value)}
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
        {error ? (
          <p className="check check-bad" role="alert" data-testid="bulk-error">
            ✗ {error.message} <code className="small">{error.code}</code>
          </p>
        ) : null}
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
        <div>
          <dt>answered</dt>
          <dd data-testid="bulk-answered">{bulk.answered}</dd>
        </div>
        <div>
          <dt>delivered</dt>
          <dd className="ok" data-testid="bulk-delivered">
            {bulk.delivered}
          </dd>
        </div>
        <div>
          <dt>queued</dt>
          <dd className="warn" data-testid="bulk-queued">
            {bulk.queued}
          </dd>
        </div>
        <div>
          <dt>refused</dt>
          <dd className="bad" data-testid="bulk-refused">
            {bulk.refused}
          </dd>
        </div>
        {bulk.failed > 0 ? (
          <div>
            <dt>no answer</dt>
            <dd className="bad">{bulk.failed}</dd>
          </div>
        ) : null}
        <div>
          <dt>p50</dt>
          <dd>{ms(bulk.latency?.p50)}</dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd>{ms(bulk.latency?.p95)}</dd>
        </div>
        <div>
          <dt>p99</dt>
          <dd>{ms(bulk.latency?.p99)}</dd>
        </div>
      </dl>
    </div>
  );
}

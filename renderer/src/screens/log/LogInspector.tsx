import type { LogEntry } from '../../../../main/platform/model.ts';
import { LogStatusBadge, StepStatusBadge } from '../../components/badges.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CloseIcon } from '../../components/icons.tsx';
import { JsonTree } from '../../components/JsonTree.tsx';
import { stepsOf } from '../../lib/flows.ts';
import { prettyJson } from '../../lib/json.ts';
import { fullTime } from '../../lib/time.ts';

/** One log entry in full: its fields and its detail as a tree. */
export function LogInspector({ entry, botName, onClose }: { entry: LogEntry; botName: string | null; onClose: () => void }) {
  return (
    <aside
      className="inspector"
      data-testid="log-inspector"
      aria-label={`Log entry ${entry.seq}`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <header className="drawer-head">
        <h2 className="drawer-title">
          #{entry.seq} <span className={`mono log-kind log-kind-${entry.kind}`}>{entry.kind}</span>{' '}
          <LogStatusBadge status={entry.status} kind={entry.kind} />
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
        {entry.kind === 'flow' ? <FlowRun detail={entry.detail} /> : null}
        <h3 className="section-title">Entry</h3>
        <JsonTree value={entry} openDepth={2} />
      </div>
    </aside>
  );
}

/** A flow run: which flow, what triggered it, and each action's outcome, in order. */
function FlowRun({ detail }: { detail: Record<string, unknown> }) {
  const steps = stepsOf(detail);
  const trigger = detail.trigger as { type?: unknown; text?: unknown } | undefined;
  // The failing step shows its own error; the run's is shown only when no step carries it.
  const error = typeof detail.error === 'string' && !steps?.some((s) => s.error === detail.error) ? detail.error : null;
  return (
    <section className="flow-run" data-testid="flow-run">
      <h3 className="section-title">Flow run</h3>
      <dl className="facts">
        <dt>Flow</dt>
        <dd>{typeof detail.flowName === 'string' ? detail.flowName : <span className="mono">{String(detail.flowId ?? '—')}</span>}</dd>
        {typeof detail.runId === 'string' ? (
          <>
            <dt>Run</dt>
            <dd className="mono">{detail.runId}</dd>
          </>
        ) : null}
        {trigger && typeof trigger.type === 'string' ? (
          <>
            <dt>Trigger</dt>
            <dd>
              {trigger.type}
              {typeof trigger.text === 'string' ? <span className="muted"> · “{trigger.text}”</span> : null}
            </dd>
          </>
        ) : typeof detail.text === 'string' ? (
          <>
            <dt>Message</dt>
            <dd>“{detail.text}”</dd>
          </>
        ) : null}
      </dl>
      {error ? (
        <p className="run-error" role="note">
          {error}
        </p>
      ) : null}
      {steps === null || steps.length === 0 ? (
        <p className="muted small">No action ran{steps === null ? ': the trigger did not match this message.' : '.'}</p>
      ) : (
        <ol className="steps" aria-label="Steps">
          {steps.map((step) => (
            <li key={step.index} className={`step step-${step.status}`} data-testid="flow-step" data-status={step.status}>
              <div className="step-head">
                <span className="step-index">{step.index + 1}</span>
                <span className="mono step-type">{step.type}</span>
                <StepStatusBadge status={step.status} />
                <span className="muted small step-ms">{step.ms} ms</span>
              </div>
              {step.error ? <p className="step-error">{step.error}</p> : null}
              {step.output !== undefined ? (
                <div className="step-output">
                  <JsonTree value={step.output} openDepth={1} />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

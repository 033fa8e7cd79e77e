import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store/context.tsx';
import { runProgress, type ScenarioRunRow } from '../../store/scenarios-slice.ts';
import { RecordedScenario } from './RecordedScenario.tsx';

const MARK: Record<ScenarioRunRow['steps'][number]['status'], string> = {
  passed: '✓',
  failed: '✗',
  error: '✗',
  skipped: '–',
  running: '…',
  waiting: '·',
};

/** Identity scenarios as repeatable tests: pick or load, run against live profiles, see each step, export the report. */
export function ScenariosScreen() {
  const list = useApp((s) => s.scenarioList);
  const selection = useApp((s) => s.scenarioSelection);
  const run = useApp((s) => s.scenarioRun);
  const keepBots = useApp((s) => s.keepScenarioBots);
  const setKeepBots = useApp((s) => s.setKeepScenarioBots);
  const actions = useApp(
    useShallow((s) => ({
      load: s.loadScenarios,
      add: s.addScenarioFile,
      toggle: s.toggleScenario,
      start: s.runSelectedScenarios,
      cancel: s.cancelScenarioRun,
      exportReport: s.exportScenarioReport,
    })),
  );
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void actions.load();
  }, [actions]);
  const { done, total } = runProgress(run.rows);

  return (
    <div className="scenarios-screen">
      <RecordedScenario />
      <section className="panel scenarios-pick" aria-label="Scenarios to run">
        <header className="panel-head">
          <h2 className="section-title">Scenarios</h2>
          <button type="button" className="btn btn-small" data-testid="scenario-load" onClick={() => fileInput.current?.click()}>
            Load file…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.yaml,.yml"
            hidden
            data-testid="scenario-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) await actions.add(file.name, await file.text());
              e.target.value = '';
            }}
          />
        </header>
        {list.length === 0 ? <p className="muted">Loading the built-in set…</p> : null}
        <ul className="scenario-list" data-testid="scenario-list">
          {list.map((s) => (
            <li key={s.source} className="scenario-item" data-testid="scenario-item" data-source={s.source}>
              <label>
                <input type="checkbox" checked={selection.includes(s.source)} onChange={() => actions.toggle(s.source)} disabled={run.running} />
                <span className="scenario-name">{s.name}</span>
              </label>
              <span className="muted small">
                {s.steps} steps · {s.builtIn ? 'built-in' : s.source}
              </span>
              {s.description ? <p className="small muted">{s.description}</p> : null}
            </li>
          ))}
        </ul>
        <div className="row">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="scenario-run"
            disabled={run.running || selection.length === 0}
            onClick={() => void actions.start()}
          >
            {run.running ? 'Running…' : `Run ${selection.length} scenario${selection.length === 1 ? '' : 's'}`}
          </button>
          {run.running ? (
            <button type="button" className="btn" data-testid="scenario-cancel" onClick={() => void actions.cancel()}>
              Stop
            </button>
          ) : null}
        </div>
        <label className="small scenario-keep-bots">
          <input
            type="checkbox"
            data-testid="scenario-keep-bots"
            checked={keepBots}
            disabled={run.running}
            onChange={(e) => setKeepBots(e.target.checked)}
          />
          Keep each scenario's bot after the run
        </label>
        <p className="small muted">
          Scenarios open their own profiles (on their own bot each); they show in the Profiles grid while they run. Their bots are deleted when the
          run ends unless kept.
        </p>
      </section>

      <section className="panel scenarios-results" aria-label="Scenario results">
        <header className="panel-head">
          <h2 className="section-title">Results</h2>
          {run.summary ? (
            <span
              className={`badge ${run.summary.status === 'passed' ? 'ok' : 'bad'}`}
              data-testid="scenario-summary"
              data-status={run.summary.status}
            >
              {run.summary.status === 'passed' ? 'All passed' : 'Failed'} · {(run.summary.durationMs / 1000).toFixed(1)} s
            </span>
          ) : null}
          {run.runId && !run.running ? (
            <div className="row">
              {(['html', 'markdown', 'junit', 'list'] as const).map((reporter) => (
                <button
                  key={reporter}
                  type="button"
                  className="btn btn-small"
                  data-testid={`scenario-export-${reporter}`}
                  onClick={() => void actions.exportReport(reporter)}
                >
                  {reporter === 'junit' ? 'JUnit XML' : reporter[0]!.toUpperCase() + reporter.slice(1)}
                </button>
              ))}
            </div>
          ) : null}
        </header>
        {total > 0 ? (
          <div
            className="progress"
            role="progressbar"
            aria-label="Scenarios run"
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={done}
            data-testid="scenario-progress"
          >
            <div className="progress-fill" style={{ width: `${Math.round((done / total) * 100)}%` }} />
            <span className="small">
              {done} / {total} steps
            </span>
          </div>
        ) : (
          <p className="muted">Pick scenarios and press Run: each step's result appears here as it happens.</p>
        )}
        {run.error ? <p className="pane-error">{run.error}</p> : null}
        {run.rows.map((row) => (
          <article key={row.key} className={`scenario-result status-${row.status}`} data-testid="scenario-result" data-status={row.status}>
            <h3>
              <span className={`mark mark-${row.status}`}>
                {row.status === 'running' ? '…' : row.status === 'passed' ? '✓' : row.status === 'failed' ? '✗' : '–'}
              </span>{' '}
              {row.name}
            </h3>
            <ol className="scenario-steps">
              {row.steps.map((step) => (
                <li key={step.index} className={`step step-${step.status}`} data-testid="scenario-step" data-status={step.status}>
                  <span className="mark">{MARK[step.status]}</span> <span>{step.label}</span>
                  {step.message ? <div className="small step-message">{step.message}</div> : null}
                </li>
              ))}
            </ol>
          </article>
        ))}
      </section>
    </div>
  );
}

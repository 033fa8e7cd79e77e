import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BotbenchBadge } from '../../components/badges.tsx';
import { CodeEditor } from '../../components/CodeEditor.tsx';
import { useApp } from '../../store/context.tsx';

/** How long typing pauses before the draft is checked against the scenario schema. */
const CHECK_DELAY_MS = 300;

/**
 * The scenario a recording produced, for review: its YAML to read and edit, what the scenario
 * schema says of it (the same message `npm run scenarios` would print), Save as YAML and Run.
 */
export function RecordedScenario() {
  const draft = useApp((s) => s.recordedDraft);
  const running = useApp((s) => s.scenarioRun.running);
  const actions = useApp(
    useShallow((s) => ({
      edit: s.editRecordedDraft,
      check: s.checkRecordedDraft,
      save: s.saveRecordedDraft,
      run: s.runRecordedDraft,
      discard: s.discardRecordedDraft,
    })),
  );
  const text = draft?.text;
  const heading = useRef<HTMLHeadingElement>(null);
  const fileName = draft?.fileName;
  // Stop brought the tester here from the Profiles screen: start them at the scenario, not at the page's top.
  useEffect(() => {
    if (fileName) heading.current?.focus();
  }, [fileName]);
  useEffect(() => {
    if (text === undefined) return;
    const timer = setTimeout(() => void actions.check(), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, actions]);
  if (!draft) return null;
  const { check } = draft;
  const valid = check.state === 'valid';
  return (
    <section className="panel recorded-scenario" aria-labelledby="recorded-title" data-testid="recorded-scenario">
      <header className="panel-head">
        <h2 className="section-title" id="recorded-title" tabIndex={-1} ref={heading}>
          Recorded scenario
        </h2>
        <span className="muted small mono" data-testid="recorded-file">
          {draft.fileName}
        </span>
        <BotbenchBadge what="Recorded scenarios" />
      </header>
      <p className="small muted">
        Each step is what you did; each expectation is what happened then. Edit it if you like: it is checked as you type.
      </p>
      <CodeEditor
        value={draft.text}
        onChange={actions.edit}
        errorLine={null}
        label="Recorded scenario (YAML)"
        testId="recorded-text"
        describedBy="recorded-check"
      />
      {check.state === 'invalid' ? (
        <pre className="check check-bad recorded-check" id="recorded-check" data-testid="recorded-check" data-valid="false" role="alert">
          {check.message}
        </pre>
      ) : (
        <p
          className={`check ${valid ? 'check-ok' : 'check-hint'} recorded-check`}
          id="recorded-check"
          data-testid="recorded-check"
          data-valid={valid ? 'true' : 'pending'}
          role="status"
        >
          {valid ? `Valid: “${check.name}”, ${check.steps} step${check.steps === 1 ? '' : 's'}.` : 'Checking…'}
        </p>
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" data-testid="recorded-run" disabled={!valid || running} onClick={() => void actions.run()}>
          {running ? 'Running…' : 'Run again'}
        </button>
        <button type="button" className="btn" data-testid="recorded-save" disabled={!valid} onClick={actions.save}>
          Save as YAML
        </button>
        <button type="button" className="btn btn-quiet" data-testid="recorded-discard" onClick={actions.discard}>
          Discard
        </button>
      </div>
    </section>
  );
}

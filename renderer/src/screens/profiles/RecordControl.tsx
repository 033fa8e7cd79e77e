import { BotbenchBadge } from '../../components/badges.tsx';
import { useApp } from '../../store/context.tsx';

/**
 * Record a scenario (Botbench's): from Record on, what the tester does to profiles, in their
 * pages and with webhooks is written down as a scenario; Stop opens it for review on the
 * Scenarios screen.
 */
export function RecordControl() {
  const recording = useApp((s) => s.recording);
  const start = useApp((s) => s.startRecording);
  const stop = useApp((s) => s.stopRecording);
  if (!recording.recording) {
    return (
      <div className="record-control">
        <button
          type="button"
          className="btn record-btn"
          data-testid="record-start"
          title="Record what you do from now on (open profiles, reload, restart, clear, reset, log in or out, click and type in pages, webhooks) as a scenario you can run again (r)"
          onClick={() => void start()}
        >
          <span className="record-dot" aria-hidden="true" />
          Record <kbd>r</kbd>
        </button>
        <BotbenchBadge what="Recording scenarios" />
      </div>
    );
  }
  const last = recording.recent.at(-1);
  return (
    <div className="record-control is-live" role="group" aria-label="Recording a scenario">
      {/* The announcer says each step aloud (lib/announcements.ts); this is for the eyes. */}
      <span className="record-status" data-testid="record-status" data-steps={recording.steps}>
        <span className="record-dot is-live" aria-hidden="true" />
        Recording · {recording.steps} step{recording.steps === 1 ? '' : 's'}
        {last ? <span className="muted small record-last"> — {last}</span> : null}
      </span>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="record-stop"
        title="Stop recording and review the scenario (r)"
        onClick={() => void stop()}
      >
        Stop
      </button>
    </div>
  );
}

import type { ProfileKind, ProfileStatus } from '../../../main/api/contract.ts';
import type { FlowStepResult, LogKind, LogStatus, User } from '../../../main/platform/model.ts';
import { KIND_INFO } from '../lib/kinds.ts';

export function KindBadge({ kind }: { kind: ProfileKind }) {
  return (
    <span className={`badge kind kind-${kind}`} data-testid="kind-badge" data-kind={kind} title={KIND_INFO[kind].expectation}>
      {KIND_INFO[kind].name}
    </span>
  );
}

const STATUS_TEXT: Record<ProfileStatus, string> = {
  opening: 'Opening…',
  connecting: 'Connecting…',
  connected: 'Connected',
  closed: 'Closed',
  error: 'Error',
};

/** The profile's connection as a coloured dot, with its name for screen readers. */
export function StatusDot({ status, testId }: { status: ProfileStatus; testId?: string }) {
  return (
    <span
      className={`status-dot status-${status}`}
      data-testid={testId}
      data-status={status}
      role="img"
      aria-label={STATUS_TEXT[status]}
      title={STATUS_TEXT[status]}
    />
  );
}

/** A flow run's status as Flow XO's interaction log names it. */
export const FLOW_STATUS_TEXT: Record<FlowStepResult['status'] | 'abandoned', string> = {
  success: 'Success',
  filtered: 'Filtered',
  failed: 'Failed',
  in_progress: 'In Progress',
  abandoned: 'Abandoned',
  skipped: 'Skipped',
};

/** A log entry's status; flow runs (`kind` flow) use Flow XO's names. */
export function LogStatusBadge({ status, kind }: { status: LogStatus; kind?: LogKind }) {
  const text = kind === 'flow' && status in FLOW_STATUS_TEXT ? FLOW_STATUS_TEXT[status as keyof typeof FLOW_STATUS_TEXT] : status;
  return (
    <span className={`badge log-status log-status-${status}`} data-testid="log-status" data-status={status}>
      {text}
    </span>
  );
}

/** One action of a flow run. */
export function StepStatusBadge({ status }: { status: FlowStepResult['status'] }) {
  return (
    <span className={`badge log-status log-status-${status}`} data-status={status}>
      {FLOW_STATUS_TEXT[status]}
    </span>
  );
}

/** Marks a Botbench-only behaviour, so a tester never mistakes it for Flow XO's. */
export const BOTBENCH_ONLY = 'Botbench feature — not part of Flow XO';

/** The small "Botbench" mark beside every behaviour Flow XO does not have. */
export function BotbenchBadge({ what }: { what?: string }) {
  const label = what ? `${what}: ${BOTBENCH_ONLY}` : BOTBENCH_ONLY;
  return (
    <span className="badge botbench-only" data-testid="botbench-badge" role="note" aria-label={label} title={label}>
      Botbench
    </span>
  );
}

/** Flow XO's user status: active, or unreachable (the bot can no longer reach them). */
export function UserStatusBadge({ user }: { user: User }) {
  return (
    <span className={`badge user-status user-status-${user.status}`} data-testid="user-status" data-status={user.status}>
      {user.status === 'active' ? 'Active' : 'Unreachable'}
    </span>
  );
}

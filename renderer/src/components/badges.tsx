import type { ProfileKind, ProfileStatus } from '../../../main/api/contract.ts';
import type { LogStatus } from '../../../main/platform/model.ts';
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

export function LogStatusBadge({ status }: { status: LogStatus }) {
  return <span className={`badge log-status log-status-${status}`}>{status}</span>;
}

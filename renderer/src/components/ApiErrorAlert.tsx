import type { ApiErrorPayload } from '../../../main/api/contract.ts';

/** A refusal shown where it happened (a dialog, a panel): its message, its stable code and, when main said it, what was expected. */
export function ApiErrorAlert({ error, testId, id }: { error: ApiErrorPayload; testId: string; id?: string }) {
  return (
    <p className="check check-bad" id={id} role="alert" data-testid={testId}>
      ✗ {error.message} <code className="small">{error.code}</code>
      {error.expected ? <span className="muted small"> Expected: {error.expected}</span> : null}
    </p>
  );
}

import { deriveIdentityMatrix, MATRIX_ACTIONS, type MatrixCell, type MatrixValue } from '../../lib/identity-matrix.ts';
import type { ProfileSnapshot } from '../../../../main/api/contract.ts';

const COLUMN: Record<(typeof MATRIX_ACTIONS)[number], string> = {
  opened: 'Opened',
  reloaded: 'Reload',
  restarted: 'Restart',
  cleared: 'Clear data',
  reset: 'Reset',
  login: 'Log in/out',
};

const VALUE_TEXT: Record<MatrixValue, string> = { same: 'same', changed: 'changed', refused: 'refused', none: '–' };

function cellTitle(cell: MatrixCell): string {
  if (cell.value === 'none') return `Not done yet`;
  // One column holds both directions: say which one the latest was.
  const which = cell.lastAction === 'logged-in' ? 'logged in: ' : cell.lastAction === 'logged-out' ? 'logged out: ' : '';
  const times = cell.count > 1 ? ` (latest of ${cell.count})` : '';
  const id = cell.channelId ? ` → ${cell.channelId}` : '';
  return `${which}${VALUE_TEXT[cell.value]}${times}${id}${cell.note ? ` — ${cell.note}` : ''}`;
}

/** Every profile against every action: did the Channel ID survive? Read from the timelines alone. */
export function IdentityMatrix({ profiles }: { profiles: readonly ProfileSnapshot[] }) {
  const rows = deriveIdentityMatrix(profiles);
  if (rows.length === 0) return null;
  return (
    <section className="matrix-wrap" aria-label="Identity matrix">
      <table className="matrix" data-testid="identity-matrix">
        <thead>
          <tr>
            <th scope="col">Profile</th>
            {MATRIX_ACTIONS.map((action) => (
              <th key={action} scope="col">
                {COLUMN[action]}
              </th>
            ))}
            <th scope="col">Same response path as</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.profileId}>
              <th scope="row">
                <span className={`kind-swatch kind-${row.kind}`} aria-hidden="true" />
                {row.label}
              </th>
              {MATRIX_ACTIONS.map((action) => {
                const cell = row.cells[action];
                return (
                  <td
                    key={action}
                    className={`matrix-cell value-${cell.value}`}
                    data-testid="matrix-cell"
                    data-profile-id={row.profileId}
                    data-action={action}
                    data-value={cell.value}
                    title={cellTitle(cell)}
                  >
                    {VALUE_TEXT[cell.value]}
                    {cell.count > 1 ? <sup>×{cell.count}</sup> : null}
                  </td>
                );
              })}
              <td className="matrix-shares" data-testid="matrix-shares" data-profile-id={row.profileId}>
                {row.sharesWith.length === 0 ? <span className="muted">—</span> : row.sharesWith.map((p) => `= ${p.label}`).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

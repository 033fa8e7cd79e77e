import { useId, useRef, useState } from 'react';
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
  // The one cell Tab reaches (a roving tab stop); arrows move it, as in any ARIA grid.
  const [at, setAt] = useState({ row: 0, col: 0 });
  const tableRef = useRef<HTMLTableElement>(null);
  const detailId = useId();
  const headingId = useId();
  if (rows.length === 0) return null;
  const row = Math.min(at.row, rows.length - 1);
  const col = Math.min(at.col, MATRIX_ACTIONS.length - 1);
  const focused = rows[row]!;
  const moveTo = (nextRow: number, nextCol: number) => {
    const r = Math.max(0, Math.min(rows.length - 1, nextRow));
    const c = Math.max(0, Math.min(MATRIX_ACTIONS.length - 1, nextCol));
    setAt({ row: r, col: c });
    tableRef.current?.querySelector<HTMLElement>(`[data-row="${r}"][data-col="${c}"]`)?.focus();
  };
  const keys: Record<string, () => void> = {
    ArrowRight: () => moveTo(row, col + 1),
    ArrowLeft: () => moveTo(row, col - 1),
    ArrowDown: () => moveTo(row + 1, col),
    ArrowUp: () => moveTo(row - 1, col),
    Home: () => moveTo(row, 0),
    End: () => moveTo(row, MATRIX_ACTIONS.length - 1),
  };
  return (
    <section className="matrix-wrap" aria-labelledby={headingId}>
      <h2 className="visually-hidden" id={headingId}>
        Identity matrix
      </h2>
      <table
        className="matrix"
        data-testid="identity-matrix"
        role="grid"
        aria-label="Identity matrix: did each profile keep its Channel ID?"
        aria-readonly="true"
        ref={tableRef}
        onKeyDown={(e) => {
          const key = keys[e.key];
          if (!key || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          key();
        }}
      >
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
          {rows.map((row, r) => (
            <tr key={row.profileId}>
              <th scope="row">
                <span className={`kind-swatch kind-${row.kind}`} aria-hidden="true" />
                {row.label}
              </th>
              {MATRIX_ACTIONS.map((action, c) => {
                const cell = row.cells[action];
                const isStop = r === Math.min(at.row, rows.length - 1) && c === Math.min(at.col, MATRIX_ACTIONS.length - 1);
                return (
                  <td
                    key={action}
                    tabIndex={isStop ? 0 : -1}
                    data-row={r}
                    data-col={c}
                    aria-describedby={isStop ? detailId : undefined}
                    onFocus={() => setAt({ row: r, col: c })}
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
      {/* The tooltip's text for keyboard users, and the focused cell's description for screen readers. */}
      <p className="matrix-detail small muted" data-testid="matrix-detail" id={detailId}>
        {focused.label} · {COLUMN[MATRIX_ACTIONS[col]!]}: {cellTitle(focused.cells[MATRIX_ACTIONS[col]!])}
      </p>
    </section>
  );
}

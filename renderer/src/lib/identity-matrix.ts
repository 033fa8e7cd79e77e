import type { ProfileAction, ProfileKind, ProfileSnapshot, TimelineEntry } from '../../../main/api/contract.ts';

/** The matrix's columns ("closed" ends a profile, so it has none). */
export const MATRIX_ACTIONS = ['opened', 'reloaded', 'restarted', 'cleared', 'reset', 'login'] as const;
export type MatrixAction = (typeof MATRIX_ACTIONS)[number];

/** The timeline actions each column reads: logging in and out share one. */
export const COLUMN_ACTIONS: Record<MatrixAction, readonly ProfileAction[]> = {
  opened: ['opened'],
  reloaded: ['reloaded'],
  restarted: ['restarted'],
  cleared: ['cleared'],
  reset: ['reset'],
  login: ['logged-in', 'logged-out'],
};

/** `none` is drawn as "–": the action has not been done yet. */
export type MatrixValue = 'same' | 'changed' | 'refused' | 'none';

export interface MatrixCell {
  action: MatrixAction;
  /** What the latest time the action was done did to the Channel ID. */
  value: MatrixValue;
  /** How many times it was done. */
  count: number;
  /** The timeline action of the latest time (for the login column: logged-in or logged-out). */
  lastAction: ProfileAction | null;
  /** Channel ID after the latest time. */
  channelId: string | null;
  note: string | null;
}

export interface MatrixRow {
  profileId: string;
  label: string;
  kind: ProfileKind;
  cells: Record<MatrixAction, MatrixCell>;
  /** Other open profiles with the same current response path (none for a profile in error). */
  sharesWith: Array<{ id: string; label: string }>;
}

/** A refused action (e.g. reset with an external user ID) is recorded with a note starting "refused". */
export function isRefused(entry: TimelineEntry): boolean {
  return entry.note !== null && /^refused\b/i.test(entry.note);
}

export function entryValue(entry: TimelineEntry): Exclude<MatrixValue, 'none'> {
  if (isRefused(entry)) return 'refused';
  return entry.changed ? 'changed' : 'same';
}

/** The cell for one column, from the timeline alone. */
export function matrixCell(timeline: readonly TimelineEntry[], action: MatrixAction): MatrixCell {
  const actions = COLUMN_ACTIONS[action];
  let latest: TimelineEntry | undefined;
  let count = 0;
  for (const entry of timeline) {
    if (!actions.includes(entry.action)) continue;
    latest = entry;
    count++;
  }
  if (latest === undefined) return { action, value: 'none', count: 0, lastAction: null, channelId: null, note: null };
  return { action, value: entryValue(latest), count, lastAction: latest.action, channelId: latest.channelId, note: latest.note };
}

/** One row per profile (closed ones left out), in the order given. */
export function deriveIdentityMatrix(profiles: readonly ProfileSnapshot[]): MatrixRow[] {
  const open = profiles.filter((p) => p.status !== 'closed');
  const byPath = new Map<string, ProfileSnapshot[]>();
  for (const profile of open) {
    // A refused or failed profile keeps its last path, but it is in nobody's conversation now.
    if (profile.responsePath === null || profile.status === 'error') continue;
    const list = byPath.get(profile.responsePath) ?? [];
    list.push(profile);
    byPath.set(profile.responsePath, list);
  }
  return open.map((profile) => {
    const cells = {} as Record<MatrixAction, MatrixCell>;
    for (const action of MATRIX_ACTIONS) cells[action] = matrixCell(profile.timeline, action);
    const sharing = profile.responsePath === null || profile.status === 'error' ? [] : (byPath.get(profile.responsePath) ?? []);
    return {
      profileId: profile.id,
      label: profile.label,
      kind: profile.kind,
      cells,
      sharesWith: sharing.filter((p) => p.id !== profile.id).map((p) => ({ id: p.id, label: p.label })),
    };
  });
}

import { describe, expect, it } from 'vitest';
import { deriveIdentityMatrix, matrixCell } from '../../../renderer/src/lib/identity-matrix.ts';
import { entry, makeProfile } from '../fixtures.ts';

describe('matrixCell()', () => {
  it('says "none" when the action was never done', () => {
    expect(matrixCell([entry('opened', 'a')], 'reloaded')).toMatchObject({ value: 'none', count: 0 });
  });

  it('says "same" when the action kept the Channel ID and "changed" when it did not', () => {
    const timeline = [entry('opened', 'a'), entry('reloaded', 'a'), entry('restarted', 'b', { changed: true })];
    expect(matrixCell(timeline, 'reloaded')).toMatchObject({ value: 'same', channelId: 'a' });
    expect(matrixCell(timeline, 'restarted')).toMatchObject({ value: 'changed', channelId: 'b' });
  });

  it('says "refused" for an action recorded with a refusal note', () => {
    const timeline = [entry('opened', 'User123'), entry('reset', 'User123', { note: 'refused: reset is unavailable with an external user ID' })];
    expect(matrixCell(timeline, 'reset').value).toBe('refused');
  });

  it('reads the latest time an action was done, and counts them all', () => {
    const timeline = [entry('opened', 'a'), entry('cleared', 'b', { changed: true }), entry('cleared', 'b')];
    expect(matrixCell(timeline, 'cleared')).toMatchObject({ value: 'same', count: 2 });
  });
});

describe('deriveIdentityMatrix()', () => {
  it('has one row per open profile with a cell for every action', () => {
    const rows = deriveIdentityMatrix([makeProfile({ id: 'p1', label: 'Same browser' }), makeProfile({ id: 'p2', label: 'Gone', status: 'closed' })]);
    expect(rows.map((r) => r.profileId)).toEqual(['p1']);
    expect(Object.keys(rows[0]!.cells)).toEqual(['opened', 'reloaded', 'restarted', 'cleared', 'reset']);
  });

  it('names the other profiles that show the same response path', () => {
    const rows = deriveIdentityMatrix([
      makeProfile({ id: 'e1', kind: 'external-id', label: 'External ID', channelId: 'User123' }),
      makeProfile({ id: 'e2', kind: 'external-id', label: 'External ID 2', channelId: 'User123' }),
      makeProfile({ id: 'p1', label: 'Same browser', channelId: 'n_abc' }),
      makeProfile({ id: 'x', label: 'Opening', channelId: null, status: 'opening' }),
    ]);
    const shares = Object.fromEntries(rows.map((r) => [r.profileId, r.sharesWith.map((p) => p.label)]));
    expect(shares).toEqual({ e1: ['External ID 2'], e2: ['External ID'], p1: [], x: [] });
  });
});

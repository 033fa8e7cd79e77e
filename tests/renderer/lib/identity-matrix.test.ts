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

  it('puts logging in and out in one login column: changed when the Channel ID moved, same when it did not', () => {
    const loggedIn = [entry('opened', 'n_anon'), entry('logged-in', 'User123', { changed: true })];
    expect(matrixCell(loggedIn, 'login')).toMatchObject({ value: 'changed', count: 1, lastAction: 'logged-in', channelId: 'User123' });

    const andOut = [...loggedIn, entry('logged-out', 'n_anon', { changed: true })];
    expect(matrixCell(andOut, 'login')).toMatchObject({ value: 'changed', count: 2, lastAction: 'logged-out', channelId: 'n_anon' });

    const outWhileAnonymous = [entry('opened', 'n_anon'), entry('logged-out', 'n_anon')];
    expect(matrixCell(outWhileAnonymous, 'login')).toMatchObject({ value: 'same', lastAction: 'logged-out' });
  });

  it('leaves the login column empty, and the others untouched, for a profile that never logged in', () => {
    const timeline = [entry('opened', 'a'), entry('reloaded', 'a')];
    expect(matrixCell(timeline, 'login')).toMatchObject({ value: 'none', count: 0, lastAction: null });
    expect(matrixCell([...timeline, entry('logged-in', 'User123', { changed: true })], 'reloaded')).toMatchObject({ value: 'same', count: 1 });
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
    expect(Object.keys(rows[0]!.cells)).toEqual(['opened', 'reloaded', 'restarted', 'cleared', 'reset', 'login']);
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

  it('does not count a refused profile as sharing the path it last had', () => {
    const rows = deriveIdentityMatrix([
      makeProfile({ id: 'i1', kind: 'impersonator', label: 'Impersonator', channelId: 'User123', status: 'error', error: 'refused' }),
      makeProfile({ id: 'l1', kind: 'login', label: 'Login', channelId: 'User123' }),
    ]);
    const shares = Object.fromEntries(rows.map((r) => [r.profileId, r.sharesWith.map((p) => p.label)]));
    expect(shares).toEqual({ i1: [], l1: [] });
  });
});

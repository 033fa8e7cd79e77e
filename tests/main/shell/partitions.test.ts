import { describe, expect, it } from 'vitest';
import { incognitoPartition, isPersistentPartition, persistentPartition } from '../../../main/shell/partitions.ts';

describe('persistentPartition()', () => {
  it('is a persist: partition keyed by the profile, the same every time (storage survives quitting)', () => {
    expect(persistentPartition('abc')).toBe('persist:botbench-profile-abc');
    expect(persistentPartition('abc')).toBe(persistentPartition('abc'));
    expect(isPersistentPartition(persistentPartition('abc'))).toBe(true);
  });

  it('keeps odd characters out of the partition name', () => {
    expect(persistentPartition('a/b c')).toBe('persist:botbench-profile-a_b_c');
  });
});

describe('incognitoPartition()', () => {
  it('is in memory and new for every window, so a restarted incognito window starts empty', () => {
    const first = incognitoPartition('p1');
    const second = incognitoPartition('p1');
    expect(isPersistentPartition(first)).toBe(false);
    expect(first).not.toBe(second);
  });
});

import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../../renderer/src/lib/time.ts';

describe('relativeTime()', () => {
  const now = 1_700_000_000_000;
  it('reads like a person would say it', () => {
    expect(relativeTime(now - 2000, now)).toBe('just now');
    expect(relativeTime(now - 42_000, now)).toBe('42 s ago');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now - 2 * 86_400_000, now)).toBe('2 d ago');
    expect(relativeTime(now + 90_000, now)).toBe('in 1 min');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertBotId, assertChannelId, isBotId, isChannelId, newBotId, newChannelId, newMessageId } from '../../../main/platform/ids.ts';

describe('newBotId()', () => {
  it('makes 24 lowercase hex characters that start with the creation time', () => {
    const id = newBotId(Date.UTC(2026, 10, 25));
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(parseInt(id.slice(0, 8), 16)).toBe(Date.UTC(2026, 10, 25) / 1000);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newBotId()));
    expect(ids.size).toBe(2000);
  });
});

describe('newChannelId()', () => {
  it('is shaped like Flow XO web Channel IDs (n_ and 7 characters)', () => {
    expect(newChannelId()).toMatch(/^n_[0-9A-Za-z_]{7}$/);
  });

  it('is unique across many visitors', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newChannelId()));
    expect(ids.size).toBe(10_000);
    for (const id of [...ids].slice(0, 50)) expect(isChannelId(id)).toBe(true);
  });
});

describe('newMessageId()', () => {
  it('is 21 URL-safe characters, and one made later sorts later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 40 }), (earlier, gap) => {
        const [a, b] = [newMessageId(earlier), newMessageId(earlier + gap)];
        expect(a).toMatch(/^[0-9A-Za-z]{21}$/);
        expect(a < b).toBe(true);
      }),
    );
  });

  it('differs between IDs made in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newMessageId(1_764_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});

describe('isBotId() and assertBotId()', () => {
  it('accepts 24 lowercase hex characters only', () => {
    expect(isBotId('5852754509ac70000c104b80')).toBe(true);
    expect(isBotId('5852754509AC70000C104B80')).toBe(false);
    expect(isBotId('5852754509ac70000c104b8')).toBe(false);
    expect(isBotId(null)).toBe(false);
  });

  it('says what was expected and what arrived', () => {
    expect(() => assertBotId('nope')).toThrow(/botId must be 24 lowercase hexadecimal characters.*got "nope"/);
  });
});

describe('assertChannelId()', () => {
  it('accepts external user IDs like emails and unicode names', () => {
    expect(assertChannelId('User123')).toBe('User123');
    expect(assertChannelId('jane@example.com')).toBe('jane@example.com');
  });

  it.each(['', ' ', 'a b', 'a/b', 'tab\there', 'zero\u200bwidth', 'x'.repeat(129)])('refuses %j', (value) => {
    expect(() => assertChannelId(value, 'externalUserId')).toThrow(/externalUserId must be 1 to 128 characters/);
  });
});

import { describe, expect, it } from 'vitest';
import { CHANNEL_ID_MAX, isBotId, isChannelId } from '../../../main/common/ids.ts';
import { isValidId } from '../../../renderer/widget/core.ts';

describe('the ID rules the platform, the UI and the widget share', () => {
  it('accepts Flow XO-shaped IDs', () => {
    expect(isBotId('5852754509ac70000c104b80')).toBe(true);
    expect(isChannelId('n_QVIUyPr')).toBe(true);
    expect(isChannelId('x'.repeat(CHANNEL_ID_MAX))).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(CHANNEL_ID_MAX + 1)],
    ['whitespace', 'User 123'],
    ['a slash', 'a/b'],
    ['a control character', 'a\u0007'],
    ['a lone surrogate (not text: SQLite would store U+FFFD)', 'User\uD800'],
  ])('refuses a Channel ID with %s, in the widget too', (_label, value) => {
    expect(isChannelId(value)).toBe(false);
    expect(isValidId(value)).toBe(false);
  });
});

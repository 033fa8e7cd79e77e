import { describe, expect, it } from 'vitest';
import { messageMatches } from '../../../../main/platform/flows/triggers.ts';

const keyword = { type: 'message' as const, match: { type: 'keyword' as const, keywords: ['order', 'track my'] } };

describe('messageMatches()', () => {
  it('matches any message', () => {
    expect(messageMatches({ type: 'message', match: { type: 'any' } }, 'anything')).toBe(true);
  });

  it('matches a keyword the text equals or starts with, ignoring case', () => {
    expect(messageMatches(keyword, 'ORDER')).toBe(true);
    expect(messageMatches(keyword, 'order 42 please')).toBe(true);
    expect(messageMatches(keyword, 'Track my parcel')).toBe(true);
    expect(messageMatches(keyword, 'reorder')).toBe(false);
    expect(messageMatches(keyword, 'orders')).toBe(false);
  });

  it('matches a regular expression, ignoring case', () => {
    expect(messageMatches({ type: 'message', match: { type: 'regex', pattern: '^#\\d+$' } }, '#123')).toBe(true);
    expect(messageMatches({ type: 'message', match: { type: 'regex', pattern: '^#\\d+$' } }, 'no #123')).toBe(false);
  });
});

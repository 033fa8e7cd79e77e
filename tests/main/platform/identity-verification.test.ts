import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { userHashFor, userHashMatches } from '../../../main/platform/identity-verification.ts';

describe('userHashFor() / userHashMatches()', () => {
  const secret = 'a'.repeat(64);

  it('is HMAC-SHA256(secret, externalUserId) as hex, as a site’s server computes it', () => {
    expect(userHashFor(secret, 'User123')).toBe(createHmac('sha256', secret).update('User123').digest('hex'));
    expect(userHashMatches(secret, 'User123', userHashFor(secret, 'User123'))).toBe(true);
    expect(userHashMatches(secret, 'User123', userHashFor(secret, 'User123').toUpperCase())).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['another user’s hash', userHashFor('a'.repeat(64), 'User124')],
    ['another secret’s hash', userHashFor('b'.repeat(64), 'User123')],
    ['not hex', 'z'.repeat(64)],
    ['too short', 'ab'],
    ['not a string', 42],
  ])('refuses a hash that is %s', (_label, hash) => {
    expect(userHashMatches(secret, 'User123', hash)).toBe(false);
  });
});

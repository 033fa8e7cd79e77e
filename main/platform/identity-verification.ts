import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Identity verification, as Intercom does it: the site's server computes
 * `userHash = HMAC-SHA256(bot identity secret, externalUserId)` as hex and passes it to
 * `FxoMessenger.setConfig`. With verification on, a page cannot claim someone else's ID.
 */
export function userHashFor(secret: string, externalUserId: string): string {
  return createHmac('sha256', secret).update(externalUserId, 'utf8').digest('hex');
}

/** Constant-time check; a missing or malformed hash simply does not match. */
export function userHashMatches(secret: string, externalUserId: string, userHash: unknown): boolean {
  if (typeof userHash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(userHash)) return false;
  return timingSafeEqual(Buffer.from(userHashFor(secret, externalUserId), 'hex'), Buffer.from(userHash, 'hex'));
}

import { describe, expect, it } from 'vitest';
import { refusalReason } from '../../../renderer/src/lib/refusal.ts';

describe('refusalReason()', () => {
  const refusal = { code: 'BOTBENCH_ERR_IDENTITY', message: 'This bot verifies identities, and the userHash for "User123" is missing.' };

  it('is the platform’s own reason while the widget is refused', () => {
    expect(refusalReason({ status: 'error', refusal })).toBe(refusal.message);
  });

  it('is null once the widget connects again, and for an error that is not a refusal', () => {
    expect(refusalReason({ status: 'connected', refusal })).toBeNull();
    expect(refusalReason({ status: 'error', refusal: null })).toBeNull();
  });
});

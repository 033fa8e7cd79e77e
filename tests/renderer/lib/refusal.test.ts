import { describe, expect, it } from 'vitest';
import { refusalReason } from '../../../renderer/src/lib/refusal.ts';

describe('refusalReason()', () => {
  it('reads the platform’s reason from either way main words a refused widget', () => {
    const reason = 'This bot verifies identities, and the userHash for "User123" is missing.';
    expect(refusalReason(`The platform refused this widget: ${reason}`)).toBe(reason);
    expect(refusalReason(`The platform refused the widget in "Impersonator 1": ${reason}`)).toBe(reason);
  });

  it('is null for an error that is not a refusal, and for no error', () => {
    expect(refusalReason('The widget did not connect within 15000 ms.')).toBeNull();
    expect(refusalReason(null)).toBeNull();
  });
});

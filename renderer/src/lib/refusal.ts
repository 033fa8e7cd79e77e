import type { ProfileSnapshot } from '../../../main/api/contract.ts';

/** The platform's own reason when a profile's widget is refused now; null for any other state or error. */
export function refusalReason(profile: Pick<ProfileSnapshot, 'status' | 'refusal'>): string | null {
  return profile.status === 'error' && profile.refusal !== null ? profile.refusal.message : null;
}

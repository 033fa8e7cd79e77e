// How main words a widget the platform refused (main/profiles/profile-service.ts): the reason follows the colon.
const REFUSED = /^The platform refused (?:this widget|the widget in "[^"]*"): /;

/** The platform's own reason when a profile's error is a refusal of its widget; null for any other error. */
export function refusalReason(error: string | null): string | null {
  if (error === null) return null;
  const match = REFUSED.exec(error);
  return match ? error.slice(match[0].length) : null;
}

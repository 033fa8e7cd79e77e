/**
 * All findings of a set of page loads, from what happened in them (recorded calls and the
 * platform's answers) and what the platform knows. Pure: ProfileService, scenario reports and
 * tests call it with loads and a context.
 */
import type { Finding, FindingContext, FindingSummary, PageLoad } from './types.ts';
import { bySeverity, worstOf } from './catalog.ts';
import { externalIdFindings } from './external-id.ts';
import { acrossLoadsFindings } from './identity-across-loads.ts';
import { metadataFindings } from './metadata.ts';
import { readyCallbackFindings } from './ready-callback.ts';
import { setConfigFindings } from './set-config.ts';

/** Without a platform to ask: every bot unknown (so no guessable-ID finding), no link known. */
export const NO_CONTEXT: FindingContext = { verifiesIdentities: () => undefined, linkedTo: () => undefined };

/**
 * The findings of some profiles' loads (each profile's oldest first), most severe first. The same
 * mistake repeated on several loads of a page is one finding whose evidence lists each load's first.
 */
export function findingsFor(loads: readonly PageLoad[], context: FindingContext = NO_CONTEXT): Finding[] {
  const all: Finding[] = [];
  for (const load of loads) {
    all.push(...readyCallbackFindings(load), ...setConfigFindings(load), ...externalIdFindings(load, context), ...metadataFindings(load));
  }
  const byProfile = new Map<string | null, PageLoad[]>();
  for (const load of loads) byProfile.set(load.profileId, [...(byProfile.get(load.profileId) ?? []), load]);
  for (const own of byProfile.values()) all.push(...acrossLoadsFindings(own, context));

  const merged = new Map<string, Finding>();
  for (const item of all) {
    const key = `${item.code}\u0000${item.profileId ?? ''}\u0000${item.title}`;
    const found = merged.get(key);
    if (!found) merged.set(key, item);
    else if (found.evidence.length < 12)
      found.evidence = [...found.evidence, ...item.evidence.filter((line) => !found.evidence.includes(line)).slice(0, 12 - found.evidence.length)];
  }
  return [...merged.values()].sort(bySeverity);
}

export function summarise(findings: readonly Finding[]): FindingSummary {
  return { count: findings.length, worst: worstOf(findings.map((item) => item.severity)) };
}

/** The origin of a page URL (the site a finding belongs to), or the URL itself when it has none (a file). */
export function siteOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? url : origin;
  } catch {
    return url;
  }
}

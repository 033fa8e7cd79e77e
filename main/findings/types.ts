/**
 * Site integration findings: what a page did wrong in its use of Flow XO's messenger API, worked
 * out from what actually happened in the page (recorded calls, the platform's answers, the page's
 * Content-Security-Policy), never from reading the site's source text. Botbench's own, not a Flow
 * XO feature. Types only; the rules that produce findings live beside this file and are pure (no
 * Node, no DOM).
 */
import type { MessengerCall } from '../common/messenger-calls.ts';

/** One call a page made to the messenger API, as the widget recorded it (main/common/messenger-calls.ts owns the shape). */
export type { CallSource, MessengerCall } from '../common/messenger-calls.ts';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** Stable finding codes (docs/own-site.md lists each with what it means and what to do; catalog.ts holds the words). */
export type FindingCode =
  | 'READY_CALLBACK_MISSING'
  | 'READY_CALLBACK_NEVER_CALLED'
  | 'READY_CALLBACK_THREW'
  | 'SETCONFIG_BEFORE_WIDGET'
  | 'SETCONFIG_TOO_LATE'
  | 'EXTERNAL_ID_REFUSED'
  | 'EXTERNAL_ID_EMPTY'
  | 'EXTERNAL_ID_STRINGIFIED'
  | 'EXTERNAL_ID_NOT_STRING'
  | 'EXTERNAL_ID_GUESSABLE'
  | 'EXTERNAL_ID_UNSTABLE'
  | 'METADATA_CREDENTIAL'
  | 'METADATA_TOO_LARGE'
  | 'METADATA_NOT_SERIALISABLE'
  | 'LOGIN_NOT_IDENTIFIED'
  | 'LOGIN_CONVERSATION_LOST'
  | 'CSP_BLOCKS_FLOWXO_SCRIPT'
  | 'CSP_BLOCKS_FLOWXO_SOCKET';

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** One line, e.g. "externalUserId is the string \"undefined\"". */
  title: string;
  /** What happened that shows it: recorded calls, values, the blocking directive, violation reports. */
  evidence: string[];
  /** What to do about it, concretely (e.g. the directive with the missing source added). */
  fix: string;
  /** The page (URL) and profile the evidence came from. */
  url: string;
  profileId: string | null;
  /** Where to read more (e.g. the identity lab for a guessable ID). */
  link?: string | undefined;
}

/** A Content-Security-Policy violation the browser reported in the page (`securitypolicyviolation`), kept as a finding's evidence. */
export interface ViolationReport {
  /** The directive the browser names (`effectiveDirective`), e.g. `script-src-elem`. */
  effectiveDirective: string;
  blockedURI: string;
  /** "enforce", or "report" for a report-only policy (Botbench re-applies a site's own policy report-only, see docs/own-site.md). */
  disposition: string;
  /** The policy the browser checked, as it reports it. */
  originalPolicy?: string | undefined;
  /** Milliseconds since the page started loading. */
  at?: number | undefined;
}

/** One page load of one profile, with what its page did (ProfileService keeps the last few per profile). */
export interface PageLoad {
  profileId: string | null;
  /** The observer's random id of this load. */
  loadId: string;
  /** The page's address when it first reported. */
  url: string;
  /** Recorded in order; at most MAX_CALLS_PER_LOAD. */
  calls: MessengerCall[];
  /** Calls past the bound, counted and not kept. */
  dropped: number;
}

/** What the platform knows of the socket that the page cannot say: the rules read it beside the page's recorded calls. */
export interface FindingContext {
  /** Whether the bot verifies identities (userHash); undefined for a bot the platform does not have. */
  verifiesIdentities(botId: string): boolean | undefined;
  /** Where a user's conversation was linked on login (a response path), null when it was not, undefined for an unknown user. */
  linkedTo(responsePath: string): string | null | undefined;
}

/** A count of findings by severity, for a pane's badge. */
export interface FindingSummary {
  count: number;
  /** The most severe present, null when there are none. */
  worst: FindingSeverity | null;
}

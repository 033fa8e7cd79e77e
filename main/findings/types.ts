/**
 * Site integration findings: what a page did wrong in its use of Flow XO's messenger API, worked
 * out from what actually happened in the page (recorded calls, the platform's answers, the page's
 * Content-Security-Policy), never from reading the site's source text. Types only; the rules that
 * produce findings live beside this file and are pure (no Node, no DOM).
 */

/** One call a page made to the messenger API, as the widget recorded it (legacy FxoMessenger or current FlowXO). */
export interface MessengerCall {
  /** Milliseconds since the page started loading (performance.now() in the page). */
  at: number;
  /** Which API the page called: legacy embed.js (`FxoMessenger`) or current loader.js (`FlowXO`, `onFlowXOInit`). */
  api: 'legacy' | 'current';
  /** e.g. "setConfig", "identify", "logout", "sendMessage", "on", "toggle", "ready-callback", "onFlowXOInit". */
  method: string;
  /** JSON-safe copies of the arguments; a value that could not be copied is `{ "$unserialisable": "<why>" }`. */
  args: unknown[];
  /** The widget's state when the call was made: "absent" before it exists, then its state string. */
  widgetState: string;
  /** Whether the call threw in the page (the message), or was refused by the widget or platform (code and message). */
  error?: { code?: string | undefined; message: string } | undefined;
}

export type FindingSeverity = 'error' | 'warning' | 'info';

/** Stable finding codes (docs/own-site.md lists each with what it means and what to do). */
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

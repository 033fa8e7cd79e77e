/**
 * Every finding code with its severity, what it means and what to do: the one list the rules,
 * the UI and docs/own-site.md's table (checked by tests/docs) agree on. Botbench's own findings.
 */
import type { FindingCode, FindingSeverity } from './types.ts';

export interface CatalogEntry {
  severity: FindingSeverity;
  /** What the finding means, in one sentence (the docs table's "Meaning"). */
  meaning: string;
  /** What to do about it (a rule may say it more precisely for the case at hand). */
  fix: string;
}

/** Where the workbench shows what an impersonator can do with a guessable ID. */
export const IDENTITY_LAB_LINK = '#/people';

export const FINDING_CATALOG: Record<Exclude<FindingCode, 'CSP_BLOCKS_FLOWXO_SCRIPT' | 'CSP_BLOCKS_FLOWXO_SOCKET'>, CatalogEntry> = {
  READY_CALLBACK_MISSING: {
    severity: 'error',
    meaning:
      'embed.js?callback= names no global function (or onFlowXOInit is not a function), so the page’s setup never runs and every visitor is anonymous.',
    fix: 'Define the function as a global before the script tag (e.g. `function messengerReady() { FxoMessenger.setConfig({ … }) }`), with exactly the name in `?callback=`.',
  },
  READY_CALLBACK_NEVER_CALLED: {
    severity: 'error',
    meaning: 'The widget script was on the page but never started, so its ready callback was never called.',
    fix: 'Check that the script loads (network, Content-Security-Policy) and that data-fxo-widget / data-connection is the embed code Flow XO gave you.',
  },
  READY_CALLBACK_THREW: {
    severity: 'error',
    meaning: 'The ready callback (or onFlowXOInit) threw, rejected or never settled; the widget started without what it had not set yet.',
    fix: 'Fix the error in the callback; keep it to setConfig / returning { member } and do slow work (fetches) before it, with a fallback.',
  },
  SETCONFIG_BEFORE_WIDGET: {
    severity: 'error',
    meaning: 'The page called the messenger API before the script had defined it; the call failed and its settings were never applied.',
    fix: 'Call setConfig from the ready callback (`embed.js?callback=messengerReady`) or return the member from onFlowXOInit: both run once the API exists.',
  },
  SETCONFIG_TOO_LATE: {
    severity: 'warning',
    meaning:
      'setConfig set the identity or metadata after the widget had connected: the visitor first talked as someone else, or flows that already ran saw none of it.',
    fix: 'Set externalUserId and metadata in the ready callback, before the widget connects.',
  },
  EXTERNAL_ID_REFUSED: {
    severity: 'error',
    meaning:
      'externalUserId breaks one of the platform’s rules for IDs, or the platform refused the visitor with it; the widget did not connect as that user.',
    fix: 'Pass a stable user ID of 1 to 128 characters without whitespace, control characters or "/" (and its userHash when the bot verifies identities).',
  },
  EXTERNAL_ID_EMPTY: {
    severity: 'error',
    meaning: 'externalUserId is an empty (or blank) string: the template rendered nothing for this visitor.',
    fix: 'Leave externalUserId out for anonymous visitors; render it only when the user is logged in.',
  },
  EXTERNAL_ID_STRINGIFIED: {
    severity: 'error',
    meaning:
      'externalUserId is the text "undefined", "null" or similar: a missing value was turned into a string, so every such visitor shares one conversation.',
    fix: 'Render externalUserId only when the value exists; never pass String(undefined).',
  },
  EXTERNAL_ID_NOT_STRING: {
    severity: 'error',
    meaning: 'externalUserId is a number (or another non-string) where Flow XO expects a string.',
    fix: 'Pass it as a string, e.g. String(user.id) or JSON-encode it in the template.',
  },
  EXTERNAL_ID_GUESSABLE: {
    severity: 'warning',
    meaning:
      'externalUserId looks guessable (a small integer, an email address, a name and a sequence number) and the bot does not verify identities: anyone can set it and read that user’s conversation.',
    fix: 'Turn on identity verification for the bot and send userHash = HMAC-SHA256(identity secret, externalUserId) from your server, or use an opaque random ID.',
  },
  EXTERNAL_ID_UNSTABLE: {
    severity: 'warning',
    meaning:
      'The same browser got different external IDs on two loads with no login or logout in between (e.g. the template renders a session id): the user’s conversation starts over.',
    fix: 'Use the user’s permanent ID (the database key), not a session, request or random value.',
  },
  METADATA_CREDENTIAL: {
    severity: 'error',
    meaning:
      'Metadata carries something that looks like a credential (a JWT, a bearer token, a password-like key); metadata reaches every flow’s trigger and the logs.',
    fix: 'Remove it from the metadata; pass an opaque reference the bot can look up server-side instead.',
  },
  METADATA_TOO_LARGE: {
    severity: 'error',
    meaning: 'Metadata serialises to more JSON than the widget accepts; the call was refused and nothing of it applied.',
    fix: 'Send only what flows need (IDs, plan, locale) and look the rest up server-side.',
  },
  METADATA_NOT_SERIALISABLE: {
    severity: 'error',
    meaning:
      'Metadata holds something JSON cannot carry (a cycle, a BigInt, a function, a Map, a DOM node, NaN): it was refused, or silently dropped or emptied.',
    fix: 'Pass plain JSON: strings, numbers, booleans, null, arrays and plain objects.',
  },
  LOGIN_NOT_IDENTIFIED: {
    severity: 'warning',
    meaning: 'A login form was sent, and on the next load the widget was still anonymous: the site never told the widget who logged in.',
    fix: 'After login, render externalUserId into the ready callback (or call FlowXO.identify / return the member from onFlowXOInit).',
  },
  LOGIN_CONVERSATION_LOST: {
    severity: 'warning',
    meaning:
      'An anonymous visitor logged in and became an external user, but the anonymous conversation was not linked to the new one: what they said before login is lost to the bot.',
    fix: 'Identify the visitor on the page where they log in (setConfig({ externalUserId }) / FlowXO.identify on the open widget), so the platform links the conversations.',
  },
};

const RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts most severe first (stable otherwise). */
export function bySeverity(a: { severity: FindingSeverity }, b: { severity: FindingSeverity }): number {
  return RANK[a.severity] - RANK[b.severity];
}

export function worstOf(severities: Iterable<FindingSeverity>): FindingSeverity | null {
  let worst: FindingSeverity | null = null;
  for (const severity of severities) if (worst === null || RANK[severity] < RANK[worst]) worst = severity;
  return worst;
}

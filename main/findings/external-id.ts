/**
 * EXTERNAL_ID_*: what the page passed as externalUserId (or member.id) on each load: the wrong
 * type, empty, a stringified missing value, against the platform's rules, refused by the
 * platform, or guessable while the bot verifies no one.
 */
import { ANONYMOUS_ID_PATTERN, CHANNEL_ID_MAX, isChannelId } from '../common/ids.ts';
import { isMarker } from '../common/messenger-calls.ts';
import type { Finding, FindingContext, PageLoad } from './types.ts';
import { finding, identitySet, quote, welcomes, when, type IdentitySet } from './calls.ts';
import { IDENTITY_LAB_LINK } from './catalog.ts';

/** Refusals of a hello that say nothing about the ID it carried (too many hellos or new visitors, a closed socket). */
const NOT_ABOUT_THE_ID = new Set([
  'BOTBENCH_ERR_RATE_LIMIT',
  'BOTBENCH_ERR_TOO_MANY_USERS',
  'BOTBENCH_ERR_NOT_CONNECTED',
  'BOTBENCH_ERR_RESET_EXTERNAL',
]);

/** What a missing value becomes when a template or String() turns it into text. */
const STRINGIFIED = /^(undefined|null|nil|none|nan|\[object object\]|false)$/i;

/** Which of the platform's ID rules (main/common/ids.ts) a string breaks, or null when it keeps them all. */
export function brokenIdRule(value: string): string | null {
  if (value.length > CHANNEL_ID_MAX) return `at most ${CHANNEL_ID_MAX} characters (it has ${value.length})`;
  if (!value.isWellFormed()) return 'well-formed Unicode text (it holds a lone surrogate)';
  if (/\s/u.test(value)) return 'no whitespace';
  if (value.includes('/')) return 'no "/" (it would make the response path ambiguous)';
  if (/[\p{Cc}\p{Cf}]/u.test(value)) return 'no control or format characters';
  if (!isChannelId(value)) return 'the platform’s ID pattern';
  return null;
}

/** Why an ID looks guessable, or null: a small integer, an email address, a word and a sequence number. */
export function guessableBecause(value: string): string | null {
  if (/^\d{1,9}$/.test(value)) return 'a small integer (try 1, 2, 3, …)';
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'an email address (anyone can know or guess it)';
  if (/^[A-Za-z][A-Za-z]*[-_.]?\d{1,9}$/.test(value)) return 'a word and a sequence number (try the next one)';
  return null;
}

export function externalIdFindings(load: PageLoad, context: FindingContext): Finding[] {
  const out: Finding[] = [];
  const sets = load.calls.map(identitySet).filter((set): set is IdentitySet => set !== null);
  const bots = new Set(
    welcomes(load)
      .map((welcome) => welcome.botId)
      .filter((id): id is string => id !== null),
  );
  for (const set of sets) {
    const { externalUserId: value, via, call } = set;
    const evidence = [`${via} with ${quote(value)} ${when(call)}`];
    if (call.error) evidence.push(`The widget refused it: ${call.error.message}`);
    if (value === null || (isMarker(value) && '$type' in value)) continue;
    if (typeof value !== 'string') {
      if (isMarker(value) && '$truncated' in value && value.$truncated === 'string') {
        out.push(finding('EXTERNAL_ID_REFUSED', load, `externalUserId breaks the rule: at most ${CHANNEL_ID_MAX} characters`, evidence));
        continue;
      }
      const type = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `the ${typeof value} ${quote(value)}`;
      out.push(finding('EXTERNAL_ID_NOT_STRING', load, `externalUserId is ${type}, not a string`, evidence));
      continue;
    }
    if (value.trim() === '') {
      out.push(finding('EXTERNAL_ID_EMPTY', load, value === '' ? 'externalUserId is an empty string' : 'externalUserId is blank', evidence));
      continue;
    }
    if (STRINGIFIED.test(value)) {
      out.push(finding('EXTERNAL_ID_STRINGIFIED', load, `externalUserId is the string ${JSON.stringify(value)}`, evidence));
      continue;
    }
    const rule = brokenIdRule(value);
    if (rule) {
      out.push(finding('EXTERNAL_ID_REFUSED', load, `externalUserId breaks the rule: ${rule}`, evidence));
      continue;
    }
    if (ANONYMOUS_ID_PATTERN.test(value)) {
      out.push(
        finding('EXTERNAL_ID_REFUSED', load, 'externalUserId has the form of an anonymous Channel ID ("n_" and 7 characters)', [
          ...evidence,
          'No external user ID may take that form, so a visitor cannot claim an anonymous visitor’s conversation',
        ]),
      );
      continue;
    }
    const why = guessableBecause(value);
    if (why) {
      const unverified = [...bots].filter((botId) => context.verifiesIdentities(botId) === false);
      if (unverified.length)
        out.push(
          finding(
            'EXTERNAL_ID_GUESSABLE',
            load,
            `externalUserId ${JSON.stringify(value)} is guessable and bot ${unverified.join(', ')} verifies no identities`,
            [...evidence, `It is ${why}.`, 'Any page (or the browser console) can set it and read that user’s conversation'],
            { link: IDENTITY_LAB_LINK },
          ),
        );
    }
  }
  // The platform's refusal of the widget while an external ID was set: which code, which value.
  for (const call of load.calls) {
    // Only an answer to a hello (the widget waits for its welcome, "connecting"): a refused message or reset is not about the ID.
    if (call.by !== 'platform' || call.method !== 'error' || !call.error?.code || call.widgetState !== 'connecting') continue;
    if (NOT_ABOUT_THE_ID.has(call.error.code)) continue;
    const last = sets.filter((set) => set.call.at <= call.at && !set.call.error).at(-1);
    if (!last || typeof last.externalUserId !== 'string') continue;
    out.push(
      finding('EXTERNAL_ID_REFUSED', load, `The platform refused externalUserId ${quote(last.externalUserId)} (${call.error.code})`, [
        `${last.via} with ${quote(last.externalUserId)} ${when(last.call)}`,
        `The platform answered ${call.error.code}: ${call.error.message} (${when(call)})`,
      ]),
    );
  }
  return out;
}

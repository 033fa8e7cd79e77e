/**
 * The expectations: each judges what a step observed against what the scenario file expects and
 * says both in words, for reports. Nothing here acts on a profile or waits; steps.ts does that
 * and hands over what it saw.
 */
import type { Finding } from '../findings/types.ts';
import type { MessageWait } from './profiles.ts';
import type { TriggerRecord, WebhookOutcome } from './platform.ts';
import { quote, type Observation, type StepContext } from './run-state.ts';
import { describeStep, type ChannelIdExpectation, type FindingsExpectation, type Ref, type ResponsePathExpectation, type Step } from './schema.ts';
import type { ExpectationResult, Identity } from './types.ts';

/** The identity expectations a step may carry, whatever it does. */
interface IdentityExpect {
  channelId?: ChannelIdExpectation;
  responsePath?: ResponsePathExpectation;
  refused?: boolean;
}

/**
 * What every step on a profile may expect of the identity it left: refused or connected, its
 * Channel ID and its response path. `refusal` is why the platform refused the widget, if it did;
 * `botId` is what `{botId}` means for this profile (the page's bot on a site).
 */
export function identityExpectations(
  step: Step,
  before: Identity | null,
  now: Identity,
  refusal: string | null,
  botId: string,
  context: StepContext,
): ExpectationResult[] {
  const expect = 'expect' in step ? (step.expect as IdentityExpect | undefined) : undefined;
  const results: ExpectationResult[] = [];
  if (expect?.refused !== undefined) {
    results.push({
      name: 'refused',
      passed: (refusal !== null) === expect.refused,
      expected: expect.refused ? 'the platform to refuse the widget' : 'the widget to connect',
      observed: refusal ?? `it connected as ${quote(now.channelId)}`,
    });
  }
  if (expect?.channelId !== undefined) results.push(checkChannelId(expect.channelId, before, now, context));
  if (expect?.responsePath !== undefined) results.push(checkResponsePath(expect.responsePath, now, botId, context));
  return results;
}

function resolveRef(value: Ref, context: StepContext): Observation {
  if (typeof value === 'object') {
    const profile = context.profiles.get(value.profile);
    return {
      identity: { channelId: profile?.snapshot.channelId ?? null, responsePath: profile?.snapshot.responsePath ?? null },
      where: `profile ${value.profile} now`,
    };
  }
  const index = typeof value === 'number' ? value : (context.stepIds.get(value) ?? -1);
  return context.observations.get(index) ?? { identity: { channelId: null, responsePath: null }, where: `steps[${index}] (not run)` };
}

function checkChannelId(check: ChannelIdExpectation, before: Identity | null, now: Identity, context: StepContext): ExpectationResult {
  const observed = quote(now.channelId);
  const name = 'channelId';
  if (check === 'same') {
    return {
      name,
      passed: now.channelId === before?.channelId,
      expected: `Channel ID ${quote(before?.channelId ?? null)} (the same as before this step)`,
      observed: `Channel ID ${observed}`,
    };
  }
  if (check === 'changed') {
    return {
      name,
      passed: now.channelId !== null && now.channelId !== before?.channelId,
      expected: `a Channel ID other than ${quote(before?.channelId ?? null)} (changed from before this step)`,
      observed: `Channel ID ${observed}`,
    };
  }
  if (check === 'new') {
    const where = now.channelId === null ? undefined : context.seen.get(now.channelId);
    return {
      name,
      passed: now.channelId !== null && where === undefined,
      expected: `a new Channel ID, not seen earlier in the scenario`,
      observed: `Channel ID ${observed}${where ? `, already seen at ${where}` : ''}`,
    };
  }
  if ('equals' in check)
    return { name, passed: now.channelId === check.equals, expected: `Channel ID ${check.equals}`, observed: `Channel ID ${observed}` };
  if ('sameAs' in check) {
    const other = resolveRef(check.sameAs, context);
    return {
      name,
      passed: now.channelId !== null && now.channelId === other.identity.channelId,
      expected: `Channel ID ${quote(other.identity.channelId)} (the same as at ${other.where})`,
      observed: `Channel ID ${observed}`,
    };
  }
  const other = resolveRef(check.differentFrom, context);
  return {
    name,
    passed: now.channelId !== null && now.channelId !== other.identity.channelId,
    expected: `a Channel ID other than ${quote(other.identity.channelId)} (at ${other.where})`,
    observed: `Channel ID ${observed}`,
  };
}

function checkResponsePath(check: ResponsePathExpectation, now: Identity, botId: string, context: StepContext): ExpectationResult {
  const observed = `response path ${quote(now.responsePath)}`;
  const name = 'responsePath';
  if (typeof check === 'string') {
    const wanted = fillPath(check, { botId, channelId: now.channelId ?? '' });
    return { name, passed: now.responsePath === wanted, expected: `response path ${wanted}`, observed };
  }
  if ('sameAs' in check) {
    const other = resolveRef(check.sameAs, context);
    return {
      name,
      passed: now.responsePath !== null && now.responsePath === other.identity.responsePath,
      expected: `response path ${quote(other.identity.responsePath)} (the same as at ${other.where})`,
      observed,
    };
  }
  const other = resolveRef(check.differentFrom, context);
  return {
    name,
    passed: now.responsePath !== null && now.responsePath !== other.identity.responsePath,
    expected: `a response path other than ${quote(other.identity.responsePath)} (at ${other.where})`,
    observed,
  };
}

/** Fills `{botId}` and `{channelId}` in a response path template. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A reset step's `reset`: whether the widget's reset was allowed; `refused` is the timeline note of a refused one. */
export function checkReset(wanted: 'allowed' | 'refused', refused: string | null, before: Identity, now: Identity): ExpectationResult {
  const observed = refused ? 'refused' : 'allowed';
  return {
    name: 'reset',
    passed: observed === wanted,
    expected: `the reset to be ${wanted}`,
    observed: refused ? `it was ${refused}` : `it was allowed (Channel ID ${quote(before.channelId)} → ${quote(now.channelId)})`,
  };
}

/** A send step's `reply`: a new bot bubble containing the text. `shownBefore` are the bubbles there before the message. */
export function checkReply(contains: string, profile: string, waitMs: number, wait: MessageWait, shownBefore: readonly string[]): ExpectationResult {
  return {
    name: 'reply',
    passed: wait.found !== null,
    expected: `a bot reply containing ${JSON.stringify(contains)} in ${profile} within ${waitMs} ms`,
    observed: wait.found ? JSON.stringify(wait.found.text) : describeShown(wait.shown.filter((m) => !shownBefore.includes(m.id))),
  };
}

/** A send step's `triggerMetadata`: the given keys of the metadata the flow run this message triggered got. */
export function checkTriggerMetadata(
  wanted: Record<string, unknown>,
  text: string,
  trigger: TriggerRecord | null,
  responsePath: string,
): ExpectationResult {
  const ofThisMessage = trigger !== null && trigger.text === text;
  const mismatched = Object.keys(wanted).filter((k) => !ofThisMessage || !sameJson(trigger.metadata[k], wanted[k]));
  return {
    name: 'triggerMetadata',
    passed: ofThisMessage && mismatched.length === 0,
    expected: `the flow triggered by this message to get metadata ${JSON.stringify(wanted)}`,
    observed: !trigger
      ? `no visitor message logged for ${responsePath}`
      : !ofThisMessage
        ? `the newest logged message is ${JSON.stringify(trigger.text)}, not this one`
        : `metadata ${JSON.stringify(trigger.metadata)}`,
  };
}

/** What a webhook answered, in words: "delivered to 2 widget(s)", "refused (HTTP 404, …)". */
export function describeWebhookAnswer(answer: WebhookOutcome): string {
  return answer.outcome === 'refused'
    ? `refused (HTTP ${answer.httpStatus}, ${answer.reason})`
    : `${answer.outcome}${answer.outcome === 'delivered' ? ` to ${answer.delivered} widget(s)` : ''}`;
}

/** A webhook step's `webhook`: what it answered. */
export function checkWebhookAnswer(wanted: WebhookOutcome['outcome'], target: string, answer: WebhookOutcome): ExpectationResult {
  return {
    name: 'webhook',
    passed: answer.outcome === wanted,
    expected: `the webhook to ${target} to answer ${wanted}`,
    observed: `it answered ${describeWebhookAnswer(answer)}`,
  };
}

/** A webhook step's `arrivesIn`: the message shows in the profile. `wait` is null when the webhook made no message. */
export function checkArrival(profile: string, text: string, waitMs: number, answer: WebhookOutcome, wait: MessageWait | null): ExpectationResult {
  return {
    name: 'arrivesIn',
    passed: wait?.found != null,
    expected: `the webhook message ${JSON.stringify(text)} to show in ${profile} within ${waitMs} ms`,
    observed:
      wait === null
        ? `the webhook was ${describeWebhookAnswer(answer)}, so there is no message`
        : wait.found
          ? `it showed`
          : `it did not; ${describeShown(wait.shown)}`,
  };
}

/** A webhook step's `notIn`: the message does not show in the profile. */
export function checkAbsence(profile: string, responsePath: string | null, wait: MessageWait | null): ExpectationResult {
  return {
    name: 'notIn',
    passed: !wait?.found,
    expected: `the webhook message not to show in ${profile} (response path ${quote(responsePath)})`,
    observed: wait?.found ? `it showed there` : 'it did not',
  };
}

/** A waitForMessage step: the message it describes showed within `timeoutMs`. */
export function checkMessage(step: Extract<Step, { do: 'waitForMessage' }>, timeoutMs: number, wait: MessageWait): ExpectationResult {
  return {
    name: 'message',
    passed: wait.found !== null,
    expected: `${describeStep({ ...step, title: undefined }).replace(/^wait for /, '')} within ${timeoutMs} ms`,
    observed: wait.found ? `${JSON.stringify(wait.found.text)} (${wait.found.source})` : describeShown(wait.shown),
  };
}

/** A `findings` expectation: none at all, or the codes that must be present and those that must be absent. */
export function checkFindings(check: FindingsExpectation, profile: string, findings: readonly Finding[]): ExpectationResult {
  const codes = [...new Set(findings.map((f) => f.code))];
  const observed = codes.length === 0 ? `no findings in ${profile}` : `findings ${codes.join(', ')} in ${profile}`;
  if (check.none) return { name: 'findings', passed: codes.length === 0, expected: `no site integration findings in ${profile}`, observed };
  const missing = (check.present ?? []).filter((code) => !codes.includes(code));
  const unwanted = (check.absent ?? []).filter((code) => codes.includes(code));
  const wanted = [
    ...(check.present ? [`findings ${check.present.join(', ')}`] : []),
    ...(check.absent ? [`no ${check.absent.join(', ')}`] : []),
  ].join(' and ');
  return { name: 'findings', passed: missing.length === 0 && unwanted.length === 0, expected: `${wanted} in ${profile}`, observed };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describeShown(shown: ReadonlyArray<{ text: string; source: string }>): string {
  if (shown.length === 0) return 'the widget shows no messages';
  const last = shown.slice(-3).map((m) => `${JSON.stringify(m.text.length > 60 ? `${m.text.slice(0, 60)}…` : m.text)} (${m.source})`);
  return `the widget shows ${shown.length} message(s)${shown.length > 3 ? ', the last 3' : ''}: ${last.join(', ')}`;
}

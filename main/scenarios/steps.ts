/**
 * The steps: what each `do` does to its profile (through ScenarioProfiles) or the platform, and
 * what it observed. Judging the observation is expectations.ts's work; the order of steps and
 * the scenario's life are runner.ts's.
 */
import type { PageCommand, ProfileSnapshot, RestartIdentity } from '../profiles/types.ts';
import { userHashFor } from '../platform/identity-verification.ts';
import {
  checkAbsence,
  checkArrival,
  checkFindings,
  checkMessage,
  checkReply,
  checkReset,
  checkTriggerMetadata,
  checkWebhookAnswer,
  fillPath,
  identityExpectations,
} from './expectations.ts';
import { fireWebhook, type ScenarioBot, type ScenarioPlatform } from './platform.ts';
import { botIdOf, identityOf, type OpenProfile, type StepContext } from './run-state.ts';
import { observesIdentity, type FindingsExpectation, type Step } from './schema.ts';
import type { StepResult } from './types.ts';

type StepOf<A extends Step['do']> = Extract<Step, { do: A }>;

/** The profile a step acted on and, when the step expected it might, why the platform refused its widget. */
interface Acted {
  profile: OpenProfile;
  refusal: string | null;
}

/** Runs one step, filling in `result` (before, observed, expectations); throws what stops the scenario. */
export async function runStep(step: Step, result: StepResult, context: StepContext): Promise<void> {
  const acted = await act(step, result, context);
  if (!acted) return;
  const { profile, refusal } = acted;
  const now = identityOf(profile.snapshot);
  result.observed = now;
  result.expectations.push(...identityExpectations(step, result.before, now, refusal, botIdOf(profile, context), context));
  const findings = 'expect' in step ? (step.expect as { findings?: FindingsExpectation } | undefined)?.findings : undefined;
  if (findings) {
    result.findings = context.api.findings(profile.id);
    result.expectations.push(checkFindings(findings, profile.name, result.findings));
  }
  // Record after checking, so "new" compares with what was seen before this step.
  const where = `steps[${context.index}] (${profile.name})`;
  if (observesIdentity(step)) context.observations.set(context.index, { identity: now, where });
  if (now.channelId !== null && !context.seen.has(now.channelId)) context.seen.set(now.channelId, where);
}

/** Does what the step says; null for a step that leaves no profile to look at (close, a webhook at a path). */
function act(step: Step, result: StepResult, context: StepContext): Promise<Acted | null> {
  switch (step.do) {
    case 'open':
      return open(step, result, context);
    case 'reload':
    case 'restart':
    case 'clearSiteData':
    case 'reset':
    case 'login':
    case 'logout':
      return profileAction(step, result, context);
    case 'close':
      return close(step, result, context).then(() => null);
    case 'send':
      return send(step, result, context);
    case 'webhook':
      return webhook(step, result, context);
    case 'waitForMessage':
      return waitForMessage(step, result, context);
    case 'goto':
    case 'click':
    case 'fill':
    case 'press':
    case 'waitFor':
      return pageStep(step, result, context);
  }
}

function profileOf(context: StepContext, name: string): OpenProfile {
  const profile = context.profiles.get(name);
  if (!profile || profile.closed) throw new Error(`Profile "${name}" is not open.`);
  return profile;
}

/** Takes a snapshot returned by an action: new timeline rows belong to this step (the last one) or to nobody. */
function update(profile: OpenProfile, snapshot: ProfileSnapshot, index: number): void {
  const added = snapshot.timeline.length - profile.rowSteps.length;
  for (let i = 0; i < added; i++) profile.rowSteps.push(i === added - 1 ? index : null);
  profile.snapshot = snapshot;
}

/** Fills `{platformUrl}` and `{botId}` (the scenario's bot) in a page URL. */
function fillUrl(template: string, context: StepContext): string {
  const values: Record<string, string> = { platformUrl: context.platform.url.replace(/\/+$/, ''), botId: context.bot.botId };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

async function open(step: StepOf<'open'>, result: StepResult, context: StepContext): Promise<Acted> {
  const { api, bot } = context;
  result.before = { channelId: null, responsePath: null };
  const site = step.url === undefined ? null : fillUrl(step.url, context);
  // Which profile is this open's, when it fails before naming it: a new one with this label, on this bot or site.
  const earlier = new Set(api.list().map((p) => p.id));
  const ours = (p: ProfileSnapshot): boolean =>
    !earlier.has(p.id) && p.label === step.profile && (site === null ? p.botId === bot.botId : p.siteUrl !== null);
  const opened = await attempt(
    () =>
      api.open({
        kind: step.kind,
        // A site's page decides its bot (imported on first sight); the demo page is the scenario's bot's.
        ...(site === null ? { botId: bot.botId } : { siteUrl: site }),
        label: step.profile,
        ...(step.externalUserId === undefined ? {} : { externalUserId: step.externalUserId }),
        ...(step.metadata === undefined ? {} : { metadata: step.metadata }),
      }),
    () => api.list().find(ours),
    step.expect?.refused,
  ).catch((error: unknown) => {
    // Closed with the others at the end, even though it never opened.
    const failed = api.list().find(ours);
    if (failed) context.profiles.set(step.profile, openProfile(step, failed, site));
    throw error;
  });
  const profile = openProfile(step, opened.snapshot, site);
  if (site !== null) result.url = opened.snapshot.url;
  context.profiles.set(step.profile, profile);
  update(profile, opened.snapshot, context.index);
  return { profile, refusal: opened.refusal };
}

function openProfile(step: StepOf<'open'>, snapshot: ProfileSnapshot, site: string | null): OpenProfile {
  return {
    name: step.profile,
    id: snapshot.id,
    kind: step.kind,
    externalUserId: snapshot.externalUserId,
    snapshot,
    rowSteps: [],
    closed: false,
    site,
  };
}

/** reload, restart, clearSiteData, reset, login and logout: one ProfileService action each. */
async function profileAction(
  step: StepOf<'reload' | 'restart' | 'clearSiteData' | 'reset' | 'login' | 'logout'>,
  result: StepResult,
  context: StepContext,
): Promise<Acted> {
  const { api, bot } = context;
  const profile = profileOf(context, step.profile);
  const before = identityOf(profile.snapshot);
  result.before = before;
  const run = (): Promise<ProfileSnapshot> => {
    switch (step.do) {
      case 'reload':
        return api.reload(profile.id);
      case 'restart':
        return api.restart(profile.id, restartIdentity(step.identity));
      case 'clearSiteData':
        return api.clearSiteData(profile.id);
      case 'reset':
        return api.resetConversation(profile.id);
      case 'login': {
        // The customer site's server signs its users; an unsigned login is what another page could send.
        const secret = step.signed === false ? null : bot.identitySecret;
        return api.login(profile.id, step.externalUserId, secret === null ? undefined : userHashFor(secret, step.externalUserId));
      }
      case 'logout':
        return api.logout(profile.id);
    }
  };
  const expectRefused = step.do === 'reload' || step.do === 'restart' || step.do === 'login' ? step.expect?.refused : undefined;
  const done = await attempt(run, () => api.list().find((p) => p.id === profile.id), expectRefused);
  update(profile, done.snapshot, context.index);
  if (step.do === 'reset' && step.expect?.reset) {
    const last = profile.snapshot.timeline.at(-1);
    const refused = last?.action === 'reset' && last.note?.startsWith('refused') ? last.note : null;
    result.expectations.push(checkReset(step.expect.reset, refused, before, identityOf(profile.snapshot)));
  }
  return { profile, refusal: done.refusal };
}

async function close(step: StepOf<'close'>, result: StepResult, context: StepContext): Promise<void> {
  const profile = profileOf(context, step.profile);
  result.before = identityOf(profile.snapshot);
  const path = profile.snapshot.responsePath;
  const online = path === null ? 0 : await context.platform.online(path);
  update(profile, await context.api.close(profile.id), context.index);
  profile.closed = true;
  result.observed = { channelId: null, responsePath: null };
  // Closed means the platform saw the visitor leave, so a webhook in the next step finds them away.
  if (path !== null && online > 0) await untilOffline(context.platform, path, online, profile.name);
}

async function send(step: StepOf<'send'>, result: StepResult, context: StepContext): Promise<Acted> {
  const { api } = context;
  const profile = profileOf(context, step.profile);
  result.before = identityOf(profile.snapshot);
  const shownBefore = step.expect?.reply ? (await api.waitForMessage(profile.id, {}, 0)).shown.map((m) => m.id) : [];
  update(profile, await api.sendMessage(profile.id, step.text), context.index);
  if (step.expect?.reply) {
    const wait = await api.waitForMessage(profile.id, { source: 'bot', contains: step.expect.reply.contains, exclude: shownBefore }, context.waitMs);
    result.expectations.push(checkReply(step.expect.reply.contains, profile.name, context.waitMs, wait, shownBefore));
  }
  if (step.expect?.triggerMetadata) {
    const responsePath = profile.snapshot.responsePath ?? '';
    const trigger = await context.platform.lastTrigger(responsePath);
    result.expectations.push(checkTriggerMetadata(step.expect.triggerMetadata, step.text, trigger, responsePath));
  }
  return { profile, refusal: null };
}

async function webhook(step: StepOf<'webhook'>, result: StepResult, context: StepContext): Promise<Acted | null> {
  const { api, bot } = context;
  const profile = step.profile === undefined ? null : profileOf(context, step.profile);
  if (profile) result.before = identityOf(profile.snapshot);
  const target = profile ? profile.snapshot.responsePath : fillPath(step.responsePath!, { botId: bot.botId });
  if (target === null) throw new Error(`Profile "${profile?.name}" has no response path to fire a webhook at.`);
  // A site's visitor is a user of the bot its page embeds: that bot's webhook URL and secret.
  const hookBot = profile && profile.site !== null ? await siteBot(profile, context) : bot;
  // The customer's back end signs its webhooks; an unsigned one is what a forger could send.
  const answer = await fireWebhook(hookBot.webhookUrl, target, step.text, step.signed === false ? null : hookBot.webhookSecret);
  const expect = step.expect ?? {};
  if (expect.webhook) result.expectations.push(checkWebhookAnswer(expect.webhook, target, answer));
  const arrivals = await Promise.all(
    (expect.arrivesIn ?? []).map(async (name) => {
      const shownIn = profileOf(context, name);
      const wait = answer.messageId ? await api.waitForMessage(shownIn.id, { id: answer.messageId }, context.waitMs) : null;
      return checkArrival(name, step.text, context.waitMs, answer, wait);
    }),
  );
  result.expectations.push(...arrivals);
  // A webhook reaches every widget on its path at once: after the arrivals, a short grace is enough.
  const grace = expect.arrivesIn ? 250 : 1000;
  const absences = await Promise.all(
    (expect.notIn ?? []).map(async (name) => {
      const other = profileOf(context, name);
      const wait = answer.messageId ? await api.waitForMessage(other.id, { id: answer.messageId }, grace) : null;
      return checkAbsence(name, other.snapshot.responsePath, wait);
    }),
  );
  result.expectations.push(...absences);
  return profile ? { profile, refusal: null } : null;
}

/** goto, click, fill, press and waitFor: the page driven as its user would, then the identity its widget settled on. */
async function pageStep(step: StepOf<'goto' | 'click' | 'fill' | 'press' | 'waitFor'>, result: StepResult, context: StepContext): Promise<Acted> {
  const profile = profileOf(context, step.profile);
  result.before = identityOf(profile.snapshot);
  const driven = await context.api.drive(profile.id, pageCommand(step, context), step.timeoutMs ?? context.waitMs);
  update(profile, driven.snapshot, context.index);
  result.url = driven.url;
  // A widget refused after a page step is an observation, not an error: the site did it, and `refused` or the identity expectations judge it.
  const refusal = driven.snapshot.status === 'error' && driven.snapshot.refusal !== null ? driven.snapshot.error : null;
  return { profile, refusal };
}

function pageCommand(step: StepOf<'goto' | 'click' | 'fill' | 'press' | 'waitFor'>, context: StepContext): PageCommand {
  switch (step.do) {
    case 'goto':
      return { type: 'goto', url: fillUrl(step.url, context) };
    case 'click':
      return { type: 'click', selector: step.selector };
    case 'fill':
      return { type: 'fill', selector: step.selector, value: step.value };
    case 'press':
      return { type: 'press', key: step.key, ...(step.selector === undefined ? {} : { selector: step.selector }) };
    case 'waitFor':
      return step.selector !== undefined ? { type: 'waitFor', selector: step.selector } : { type: 'waitFor', text: step.text! };
  }
}

async function siteBot(profile: OpenProfile, context: StepContext): Promise<ScenarioBot> {
  const botId = botIdOf(profile, context);
  const found = await context.platform.findBot(botId);
  if (!found) throw new Error(`The bot ${botId} that the page of "${profile.name}" connected to is not on the platform.`);
  return found;
}

async function waitForMessage(step: StepOf<'waitForMessage'>, result: StepResult, context: StepContext): Promise<Acted> {
  const profile = profileOf(context, step.profile);
  result.before = identityOf(profile.snapshot);
  const timeout = step.timeoutMs ?? context.waitMs;
  const wait = await context.api.waitForMessage(profile.id, { text: step.text, contains: step.contains, source: step.source }, timeout);
  result.expectations.push(checkMessage(step, timeout, wait));
  return { profile, refusal: null };
}

/**
 * Runs a profile action. When the platform refuses the widget and the step has a `refused`
 * expectation, the refusal is returned (with the profile as it is now) for the expectation to
 * judge; otherwise it is an error like any other.
 */
async function attempt(
  action: () => Promise<ProfileSnapshot>,
  find: () => ProfileSnapshot | undefined,
  expectRefused: boolean | undefined,
): Promise<{ snapshot: ProfileSnapshot; refusal: string | null }> {
  try {
    return { snapshot: await action(), refusal: null };
  } catch (error) {
    const snapshot = find();
    // ProfileService marks a refused widget with status "error" and the platform's code and reason.
    const refused = snapshot?.status === 'error' && snapshot.refusal !== null ? snapshot.error : null;
    if (expectRefused === undefined || refused === null || snapshot === undefined) throw error;
    return { snapshot, refusal: refused };
  }
}

/** Waits until the platform counts fewer widgets on `path` than `before`: the closed profile's socket is gone. */
async function untilOffline(platform: ScenarioPlatform, path: string, before: number, name: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await platform.online(path)) >= before) {
    if (Date.now() > deadline) throw new Error(`The platform still counts the widget of "${name}" on ${path} ${timeoutMs} ms after it closed.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function restartIdentity(identity: StepOf<'restart'>['identity']): RestartIdentity {
  if (identity === undefined || identity === 'same') return { mode: 'same' };
  if (identity === 'new') return { mode: 'new' };
  return { mode: 'typed', channelId: identity.typed };
}

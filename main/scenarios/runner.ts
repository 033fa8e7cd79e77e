import { availableParallelism } from 'node:os';
import type { ProfileKind, ProfileSnapshot, RestartIdentity } from '../profiles/types.ts';
import { BotbenchError } from '../platform/errors.ts';
import { userHashFor } from '../platform/identity-verification.ts';
import { fireWebhook, type ScenarioBot, type ScenarioPlatform } from './platform.ts';
import type { ScenarioProfiles } from './profiles.ts';
import {
  DEFAULT_WAIT_MS,
  describeStep,
  type ChannelIdExpectation,
  type ResponsePathExpectation,
  observesIdentity,
  type LoadedScenario,
  type Ref,
  type Scenario,
  type Step,
} from './schema.ts';
import type { ExpectationResult, Identity, ProfileResult, RunSummary, ScenarioProgress, ScenarioResult, StepResult } from './types.ts';

export type * from './types.ts';

/**
 * How many scenarios run at once by default: 2, or one per two cores on a bigger machine. Each
 * scenario has its own bot, so any two are independent; what limits them is the machine. The
 * work is starting Chromium, CPU-bound and already spread over several processes: one scenario at
 * a time kept 1.9 of the build machine's 2 cores busy, and 2 at once took the same wall time
 * (docs/benchmarks.md, "Scenario runner"). Two still pay off when a scenario waits rather than
 * works (a message that does not come, a notIn grace period): the other one runs meanwhile. Each
 * scenario needs about two cores, hence one per two beyond that. Steps inside a scenario always
 * run in order: the story is a sequence and its expectations compare with earlier steps.
 */
export const DEFAULT_CONCURRENCY = Math.max(2, Math.floor(availableParallelism() / 2));

export interface RunScenarioOptions {
  profiles: ScenarioProfiles;
  platform: ScenarioPlatform;
  onProgress?: (event: ScenarioProgress) => void;
  /** Where the scenario came from, for reports. Default "inline". */
  source?: string;
  /** Tells this run apart in progress events. Default: the source. */
  key?: string;
  /** Stops after the current step; the rest are skipped. */
  signal?: AbortSignal;
  /** Keep the scenario's bot (and its users, transcripts and log) after the run; by default it is deleted once its profiles are closed. */
  keepBots?: boolean;
}

interface OpenProfile {
  name: string;
  id: string;
  kind: ProfileKind;
  externalUserId: string | null;
  snapshot: ProfileSnapshot;
  /** The step that made each timeline row. */
  rowSteps: Array<number | null>;
  closed: boolean;
}

interface Observation {
  identity: Identity;
  where: string;
}

const quote = (value: string | null): string => (value === null ? 'none' : value);

/** Runs one scenario against profiles and a platform, step by step, and says what it saw. */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<ScenarioResult> {
  const source = options.source ?? 'inline';
  const key = options.key ?? source;
  const emit = (event: ScenarioProgress): void => {
    try {
      options.onProgress?.(event);
    } catch {
      // A faulty listener must not stop the run.
    }
  };
  const started = Date.now();
  const clock = performance.now();
  const waitMs = scenario.timeoutMs ?? DEFAULT_WAIT_MS;
  const profiles = new Map<string, OpenProfile>();
  /** What each step left its profile with, for {"sameAs": step}. */
  const observations = new Map<number, Observation>();
  /** Every Channel ID seen so far and where first, for "new". */
  const seen = new Map<string, string>();
  const steps: StepResult[] = scenario.steps.map(notRun);

  const stepIds = new Map(scenario.steps.flatMap((step, index) => (step.id === undefined ? [] : [[step.id, index] as const])));
  let bot: ScenarioBot | null = null;
  let stopped: string | null = null;
  try {
    if (scenario.bot?.workspace) {
      throw new Error(
        `bot.workspace (${scenario.bot.workspace.file}) is read from the scenario file's folder by npm run scenarios; here, import that workspace file on the Bots screen, or give the bot's flows and settings in the scenario.`,
      );
    }
    const { flows, workspace: _workspace, ...settings } = scenario.bot ?? {};
    bot = await options.platform.createBot(`Scenario: ${scenario.name}`.slice(0, 100), settings, { flows, bins: scenario.bins });
  } catch (error) {
    stopped = `The scenario's bot could not be created: ${errorText(error)}`;
  }
  emit({
    type: 'scenario-started',
    key,
    source,
    name: scenario.name,
    botId: bot?.botId ?? null,
    steps: steps.map((s) => ({ index: s.index, label: s.label })),
  });

  for (const [index, step] of scenario.steps.entries()) {
    if (stopped !== null || bot === null) break;
    if (options.signal?.aborted) {
      stopped = `The run was stopped before steps[${index}].`;
      break;
    }
    const result = steps[index]!;
    emit({ type: 'step-started', key, index, label: result.label, profile: result.profile });
    const stepClock = performance.now();
    try {
      await runStep(step, result, { bot, profiles, observations, seen, options, waitMs, index, stepIds });
      const failed = result.expectations.filter((e) => !e.passed);
      result.status = failed.length === 0 ? 'passed' : 'failed';
      if (failed.length > 0) result.message = failed.map((e) => `expected ${e.expected}, observed ${e.observed}`).join('; ');
    } catch (error) {
      result.status = 'error';
      result.message = errorText(error);
      stopped = result.message;
    }
    result.durationMs = Math.round(performance.now() - stepClock);
    emit({ type: 'step-finished', key, step: result });
  }

  const profileResults = await closeAll(options.profiles, profiles, bot);
  // A bot made for this run only: gone with it, unless kept to look at afterwards.
  if (bot !== null && !options.keepBots) await options.platform.deleteBot(bot).catch(() => undefined);
  const failures = steps
    .filter((s) => s.status === 'failed' || s.status === 'error')
    .map((s) => `steps[${s.index}] "${s.label}": ${s.message ?? 'failed'}`);
  // Stopped without a failing step (no bot, or the run was aborted): the scenario did not pass either.
  if (stopped !== null && !steps.some((s) => s.status === 'error')) failures.push(stopped);
  const result: ScenarioResult = {
    key,
    name: scenario.name,
    description: scenario.description ?? null,
    source,
    botId: bot?.botId ?? null,
    status: failures.length === 0 ? 'passed' : 'failed',
    startedAt: started,
    durationMs: Math.round(performance.now() - clock),
    steps,
    profiles: profileResults,
    failures,
  };
  emit({ type: 'scenario-finished', key, result });
  return result;
}

interface StepContext {
  bot: ScenarioBot;
  profiles: Map<string, OpenProfile>;
  observations: Map<number, Observation>;
  seen: Map<string, string>;
  options: RunScenarioOptions;
  waitMs: number;
  index: number;
  stepIds: ReadonlyMap<string, number>;
}

async function runStep(step: Step, result: StepResult, context: StepContext): Promise<void> {
  const { bot, profiles, options, index } = context;
  const api = options.profiles;
  const expectations = result.expectations;
  const profileOf = (name: string): OpenProfile => {
    const profile = profiles.get(name);
    if (!profile || profile.closed) throw new Error(`Profile "${name}" is not open.`);
    return profile;
  };
  const identity = (snapshot: ProfileSnapshot): Identity => ({ channelId: snapshot.channelId, responsePath: snapshot.responsePath });
  /** Takes a snapshot returned by an action: new timeline rows belong to this step (the last one) or to nobody. */
  const update = (profile: OpenProfile, snapshot: ProfileSnapshot): void => {
    const added = snapshot.timeline.length - profile.rowSteps.length;
    for (let i = 0; i < added; i++) profile.rowSteps.push(i === added - 1 ? index : null);
    profile.snapshot = snapshot;
  };

  let acted: OpenProfile | null = null;
  /** Why the platform refused the widget, when the step expected it might. */
  let refusal: string | null = null;
  switch (step.do) {
    case 'open': {
      result.before = { channelId: null, responsePath: null };
      const opened = await attempt(
        () =>
          api.open({
            kind: step.kind,
            botId: bot.botId,
            label: step.profile,
            ...(step.externalUserId === undefined ? {} : { externalUserId: step.externalUserId }),
            ...(step.metadata === undefined ? {} : { metadata: step.metadata }),
          }),
        // A refused open threw before naming its profile: it is the one with this bot and label.
        () => api.list().find((p) => p.botId === bot.botId && p.label === step.profile),
        step.expect?.refused,
      );
      acted = {
        name: step.profile,
        id: opened.snapshot.id,
        kind: step.kind,
        externalUserId: opened.snapshot.externalUserId,
        snapshot: opened.snapshot,
        rowSteps: [],
        closed: false,
      };
      profiles.set(step.profile, acted);
      update(acted, opened.snapshot);
      refusal = opened.refusal;
      break;
    }
    case 'reload':
    case 'restart':
    case 'clearSiteData':
    case 'reset':
    case 'login':
    case 'logout': {
      const profile = profileOf(step.profile);
      acted = profile;
      result.before = identity(profile.snapshot);
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
      update(profile, done.snapshot);
      refusal = done.refusal;
      if (step.do === 'reset' && step.expect?.reset) {
        const last = profile.snapshot.timeline.at(-1);
        const refused = last?.action === 'reset' && last.note?.startsWith('refused') ? last.note : null;
        const observed = refused ? 'refused' : 'allowed';
        expectations.push({
          name: 'reset',
          passed: observed === step.expect.reset,
          expected: `the reset to be ${step.expect.reset}`,
          observed: refused
            ? `it was ${refused}`
            : `it was allowed (Channel ID ${quote(result.before.channelId)} → ${quote(profile.snapshot.channelId)})`,
        });
      }
      break;
    }
    case 'close': {
      const profile = profileOf(step.profile);
      result.before = identity(profile.snapshot);
      const path = profile.snapshot.responsePath;
      const online = path === null ? 0 : await options.platform.online(path);
      update(profile, await api.close(profile.id));
      profile.closed = true;
      result.observed = { channelId: null, responsePath: null };
      // Closed means the platform saw the visitor leave, so a webhook in the next step finds them away.
      if (path !== null && online > 0) await untilOffline(options.platform, path, online, profile.name);
      return;
    }
    case 'send': {
      acted = profileOf(step.profile);
      result.before = identity(acted.snapshot);
      const shownBefore = step.expect?.reply ? (await api.waitForMessage(acted.id, {}, 0)).shown.map((m) => m.id) : [];
      update(acted, await api.sendMessage(acted.id, step.text));
      if (step.expect?.reply) {
        const { found, shown } = await api.waitForMessage(
          acted.id,
          { source: 'bot', contains: step.expect.reply.contains, exclude: shownBefore },
          context.waitMs,
        );
        expectations.push({
          name: 'reply',
          passed: found !== null,
          expected: `a bot reply containing ${JSON.stringify(step.expect.reply.contains)} in ${acted.name} within ${context.waitMs} ms`,
          observed: found ? JSON.stringify(found.text) : describeShown(shown.filter((m) => !shownBefore.includes(m.id))),
        });
      }
      if (step.expect?.triggerMetadata) {
        const responsePath = acted.snapshot.responsePath ?? '';
        const trigger = await options.platform.lastTrigger(responsePath);
        const wanted = step.expect.triggerMetadata;
        const ofThisMessage = trigger !== null && trigger.text === step.text;
        const mismatched = Object.keys(wanted).filter((k) => !ofThisMessage || !sameJson(trigger.metadata[k], wanted[k]));
        expectations.push({
          name: 'triggerMetadata',
          passed: ofThisMessage && mismatched.length === 0,
          expected: `the flow triggered by this message to get metadata ${JSON.stringify(wanted)}`,
          observed: !trigger
            ? `no visitor message logged for ${responsePath}`
            : !ofThisMessage
              ? `the newest logged message is ${JSON.stringify(trigger.text)}, not this one`
              : `metadata ${JSON.stringify(trigger.metadata)}`,
        });
      }
      break;
    }
    case 'webhook': {
      acted = step.profile === undefined ? null : profileOf(step.profile);
      if (acted) result.before = identity(acted.snapshot);
      const target = acted ? acted.snapshot.responsePath : fill(step.responsePath!, { botId: bot.botId });
      if (target === null) throw new Error(`Profile "${acted?.name}" has no response path to fire a webhook at.`);
      // The customer's back end signs its webhooks; an unsigned one is what a forger could send.
      const answer = await fireWebhook(bot.webhookUrl, target, step.text, step.signed === false ? null : bot.webhookSecret);
      const said =
        answer.outcome === 'refused'
          ? `refused (HTTP ${answer.httpStatus}, ${answer.reason})`
          : `${answer.outcome}${answer.outcome === 'delivered' ? ` to ${answer.delivered} widget(s)` : ''}`;
      const expect = step.expect ?? {};
      if (expect.webhook) {
        expectations.push({
          name: 'webhook',
          passed: answer.outcome === expect.webhook,
          expected: `the webhook to ${target} to answer ${expect.webhook}`,
          observed: `it answered ${said}`,
        });
      }
      const arrivals = await Promise.all(
        (expect.arrivesIn ?? []).map(async (name) => {
          const profile = profileOf(name);
          const wait = answer.messageId ? await api.waitForMessage(profile.id, { id: answer.messageId }, context.waitMs) : null;
          return {
            name: 'arrivesIn',
            passed: wait?.found != null,
            expected: `the webhook message ${JSON.stringify(step.text)} to show in ${name} within ${context.waitMs} ms`,
            observed:
              wait === null
                ? `the webhook was ${said}, so there is no message`
                : wait.found
                  ? `it showed`
                  : `it did not; ${describeShown(wait.shown)}`,
          };
        }),
      );
      expectations.push(...arrivals);
      // A webhook reaches every widget on its path at once: after the arrivals, a short grace is enough.
      const grace = expect.arrivesIn ? 250 : 1000;
      const absences = await Promise.all(
        (expect.notIn ?? []).map(async (name) => {
          const profile = profileOf(name);
          const wait = answer.messageId ? await api.waitForMessage(profile.id, { id: answer.messageId }, grace) : null;
          return {
            name: 'notIn',
            passed: !wait?.found,
            expected: `the webhook message not to show in ${name} (response path ${quote(profile.snapshot.responsePath)})`,
            observed: wait?.found ? `it showed there` : 'it did not',
          };
        }),
      );
      expectations.push(...absences);
      break;
    }
    case 'waitForMessage': {
      acted = profileOf(step.profile);
      result.before = identity(acted.snapshot);
      const timeout = step.timeoutMs ?? context.waitMs;
      const { found, shown } = await api.waitForMessage(acted.id, { text: step.text, contains: step.contains, source: step.source }, timeout);
      expectations.push({
        name: 'message',
        passed: found !== null,
        expected: `${describeStep({ ...step, title: undefined }).replace(/^wait for /, '')} within ${timeout} ms`,
        observed: found ? `${JSON.stringify(found.text)} (${found.source})` : describeShown(shown),
      });
      break;
    }
  }

  if (!acted) return;
  const now = identity(acted.snapshot);
  result.observed = now;
  const expect =
    'expect' in step
      ? (step.expect as { channelId?: ChannelIdExpectation; responsePath?: ResponsePathExpectation; refused?: boolean } | undefined)
      : undefined;
  if (expect?.refused !== undefined) {
    expectations.push({
      name: 'refused',
      passed: (refusal !== null) === expect.refused,
      expected: expect.refused ? 'the platform to refuse the widget' : 'the widget to connect',
      observed: refusal ?? `it connected as ${quote(now.channelId)}`,
    });
  }
  if (expect?.channelId !== undefined) expectations.push(checkChannelId(expect.channelId, result.before, now, context));
  if (expect?.responsePath !== undefined) expectations.push(checkResponsePath(expect.responsePath, now, context));
  // Record after checking, so "new" compares with what was seen before this step.
  if (observesIdentity(step)) context.observations.set(index, { identity: now, where: `steps[${index}] (${acted.name})` });
  if (now.channelId !== null && !context.seen.has(now.channelId)) context.seen.set(now.channelId, `steps[${index}] (${acted.name})`);
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

function restartIdentity(identity: Extract<Step, { do: 'restart' }>['identity']): RestartIdentity {
  if (identity === undefined || identity === 'same') return { mode: 'same' };
  if (identity === 'new') return { mode: 'new' };
  return { mode: 'typed', channelId: identity.typed };
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

function checkResponsePath(check: ResponsePathExpectation, now: Identity, context: StepContext): ExpectationResult {
  const observed = `response path ${quote(now.responsePath)}`;
  const name = 'responsePath';
  if (typeof check === 'string') {
    const wanted = fill(check, { botId: context.bot.botId, channelId: now.channelId ?? '' });
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
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describeShown(shown: ReadonlyArray<{ text: string; source: string }>): string {
  if (shown.length === 0) return 'the widget shows no messages';
  const last = shown.slice(-3).map((m) => `${JSON.stringify(m.text.length > 60 ? `${m.text.slice(0, 60)}…` : m.text)} (${m.source})`);
  return `the widget shows ${shown.length} message(s)${shown.length > 3 ? ', the last 3' : ''}: ${last.join(', ')}`;
}

function errorText(error: unknown): string {
  if (error instanceof BotbenchError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Closes every profile the scenario opened (found by its bot, so one that failed to open is closed too); returns their timelines. */
async function closeAll(api: ScenarioProfiles, profiles: Map<string, OpenProfile>, bot: ScenarioBot | null): Promise<ProfileResult[]> {
  const results = [...profiles.values()].map((p): ProfileResult => ({
    name: p.name,
    label: p.snapshot.label,
    kind: p.kind,
    externalUserId: p.externalUserId,
    timeline: p.snapshot.timeline.map((entry, i) => ({ ...entry, step: p.rowSteps[i] ?? null })),
  }));
  if (bot) {
    const open = api.list().filter((snapshot) => snapshot.botId === bot.botId && snapshot.status !== 'closed');
    await Promise.all(open.map((snapshot) => api.close(snapshot.id).catch(() => undefined)));
  }
  return results;
}

export interface RunScenariosOptions {
  profiles: ScenarioProfiles;
  platform: ScenarioPlatform;
  onProgress?: (event: ScenarioProgress) => void;
  /** Scenarios run at once. Default DEFAULT_CONCURRENCY (2). */
  concurrency?: number;
  /** Start no new scenario after one fails; those not started are reported as skipped. */
  bail?: boolean;
  signal?: AbortSignal;
  /** See RunScenarioOptions.keepBots. */
  keepBots?: boolean;
}

/** Runs many scenarios, `concurrency` at a time (each on its own bot); results keep the given order. */
export async function runScenarios(scenarios: readonly LoadedScenario[], options: RunScenariosOptions): Promise<RunSummary> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a whole number of at least 1; got ${concurrency}.`);
  const started = Date.now();
  const clock = performance.now();
  const keys = uniqueKeys(scenarios.map((s) => s.source));
  const results: Array<ScenarioResult | undefined> = new Array(scenarios.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const i = next++;
      const { scenario, source } = scenarios[i]!;
      if ((options.bail && failed) || options.signal?.aborted) {
        results[i] = skipped(scenario, source, keys[i]!);
        continue;
      }
      const result = await runScenario(scenario, {
        profiles: options.profiles,
        platform: options.platform,
        source,
        key: keys[i]!,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.keepBots ? { keepBots: true } : {}),
      });
      if (result.status === 'failed') failed = true;
      results[i] = result;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, scenarios.length) }, worker));
  const all = results.map((r, i) => r ?? skipped(scenarios[i]!.scenario, scenarios[i]!.source, keys[i]!));
  return {
    status: all.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    startedAt: started,
    durationMs: Math.round(performance.now() - clock),
    concurrency,
    scenarios: all,
  };
}

function skipped(scenario: Scenario, source: string, key: string): ScenarioResult {
  return {
    key,
    name: scenario.name,
    description: scenario.description ?? null,
    source,
    botId: null,
    status: 'skipped',
    startedAt: Date.now(),
    durationMs: 0,
    steps: scenario.steps.map(notRun),
    profiles: [],
    failures: [],
  };
}

function uniqueKeys(sources: readonly string[]): string[] {
  const counts = new Map<string, number>();
  return sources.map((source) => {
    const n = (counts.get(source) ?? 0) + 1;
    counts.set(source, n);
    return n === 1 ? source : `${source}#${n}`;
  });
}

/** A step's result before it runs (and for good, if the run stops first). */
function notRun(step: Scenario['steps'][number], index: number): StepResult {
  return {
    index,
    id: step.id ?? null,
    do: step.do,
    label: describeStep(step),
    profile: 'profile' in step ? (step.profile ?? null) : null,
    status: 'skipped',
    durationMs: 0,
    before: null,
    observed: null,
    expectations: [],
    message: null,
  };
}

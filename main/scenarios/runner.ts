import { availableParallelism } from 'node:os';
import type { Finding } from '../findings/types.ts';
import { BotbenchError } from '../platform/errors.ts';
import type { ScenarioBot, ScenarioPlatform } from './platform.ts';
import type { ScenarioProfiles } from './profiles.ts';
import type { Observation, OpenProfile } from './run-state.ts';
import { DEFAULT_WAIT_MS, describeStep, type LoadedScenario, type Scenario } from './schema.ts';
import { runStep } from './steps.ts';
import type { ProfileResult, RunSummary, ScenarioProgress, ScenarioResult, StepResult } from './types.ts';

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
      await runStep(step, result, { bot, api: options.profiles, platform: options.platform, profiles, observations, seen, waitMs, index, stepIds });
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
    url: p.site === null ? null : p.snapshot.url,
    findings: p.closed ? null : findingsOf(api, p.id),
  }));
  // Its own profiles by id (a site's profile may go by the bot its page connected to), and any other of its bot's.
  const ids = new Set([...profiles.values()].filter((p) => !p.closed).map((p) => p.id));
  const open = api.list().filter((snapshot) => snapshot.status !== 'closed' && (ids.has(snapshot.id) || snapshot.botId === bot?.botId));
  await Promise.all(open.map((snapshot) => api.close(snapshot.id).catch(() => undefined)));
  return results;
}

/** A profile's findings for the report; null where this build records none. */
function findingsOf(api: ScenarioProfiles, id: string): Finding[] | null {
  try {
    return api.findings(id);
  } catch {
    return null;
  }
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

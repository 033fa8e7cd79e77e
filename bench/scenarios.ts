/**
 * Scenario runner: wall time of the built-in identity scenario set in headless Chromium, run
 * one scenario at a time (concurrency 1, the baseline) and several at once, same run, rounds
 * interleaved so background load hits every level alike. Also how many cores the machine kept
 * busy during each run, and in the idle second before it (load from other processes, which a
 * shared machine adds to every figure).
 *
 *   node bench/scenarios.ts [--quick] [--rounds <n>] [--levels 1,2,3] [--quiet-wait <seconds>]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { build } from '../main/platform/server.ts';
import { ChromiumProfileHost } from '../main/profiles/chromium-host.ts';
import { BUILTIN_SCENARIOS } from '../main/scenarios/builtin.ts';
import { localPlatform } from '../main/scenarios/platform.ts';
import { createScenarioProfiles } from '../main/scenarios/profiles.ts';
import { DEFAULT_CONCURRENCY, runScenarios } from '../main/scenarios/runner.ts';
import { tempDir } from './lib/processes.ts';
import { fmt, printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { median } from './lib/stats.ts';

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const ROUNDS = Number(option('--rounds') ?? (QUICK ? 1 : 3));
const LEVELS = (option('--levels') ?? (QUICK ? '1,2' : '1,2,3')).split(',').map(Number);
const SCENARIOS = QUICK ? BUILTIN_SCENARIOS.slice(0, 2) : BUILTIN_SCENARIOS;
const GOAL_S = 15;
const QUIET_CORES = 0.2;
const QUIET_WAIT_S = Number(option('--quiet-wait') ?? (QUICK ? 0 : 180));
const TICK = 100; // USER_HZ on Linux

/**
 * CPU seconds used by this process and every process it started (Chromium and its renderers),
 * sampled from /proc every 100 ms: Chromium's children are not always reaped into our rusage, so
 * each process's own counters are read while it lives (its last <100 ms are missed). Unlike wall
 * time, other load on a shared machine does not inflate it.
 */
class TreeCpu {
  readonly #seen = new Map<string, number>(); // "pid:starttime" → CPU seconds, last reading
  readonly #timer: NodeJS.Timeout;

  constructor() {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), 100);
  }

  #sample(): void {
    const parents = new Map<number, number>();
    const stats = new Map<number, string[]>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const text = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = text.slice(text.lastIndexOf(') ') + 2).split(' ');
        parents.set(Number(name), Number(fields[1]));
        stats.set(Number(name), fields);
      } catch {
        // It exited while we looked.
      }
    }
    for (const [pid, fields] of stats) {
      const key = `${pid}:${fields[19]}`;
      let ancestor = pid;
      while (ancestor > 1 && ancestor !== process.pid) ancestor = parents.get(ancestor) ?? 0;
      // Once seen as ours, a process stays ours even if it is re-parented to init while exiting.
      if (ancestor !== process.pid && !this.#seen.has(key)) continue;
      // utime and stime: fields 14–15 of /proc/<pid>/stat, 11–12 after "(comm) ". Not cutime/cstime: a reaped child was counted itself.
      this.#seen.set(key, (Number(fields[11]) + Number(fields[12])) / TICK);
    }
  }

  /** CPU seconds so far. */
  read(): number {
    this.#sample();
    const own = process.cpuUsage();
    let children = 0;
    for (const [key, cpu] of this.#seen) if (!key.startsWith(`${process.pid}:`)) children += cpu;
    return (own.user + own.system) / 1e6 + children;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/** Busy CPU seconds of the whole machine, all cores. */
function machineCpu(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return (total - fields[3]! - fields[4]!) / TICK;
}

interface Sample {
  /** runScenarios() alone. */
  setMs: number;
  /** Platform start, the run, closing Chromium and the platform: what `npm run scenarios` spends after its build. */
  totalMs: number;
  /** CPU seconds this process and its browsers used for the set. */
  treeCpu: number;
  /** Cores the whole machine kept busy during the set, on average. */
  busy: number;
  /** Cores busy in the idle second before the sample: other processes' load. */
  idleBusy: number;
  failures: string[];
}

/**
 * Waits (up to QUIET_WAIT_S) for a second in which other processes keep less than QUIET_CORES
 * busy, so a sample does not start in the middle of someone else's build; returns that second's load.
 */
async function quiet(): Promise<number> {
  const deadline = Date.now() + QUIET_WAIT_S * 1000;
  for (;;) {
    const before = machineCpu();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busy = machineCpu() - before;
    if (busy < QUIET_CORES || Date.now() > deadline) return busy;
  }
}

async function sample(concurrency: number): Promise<Sample> {
  const dir = tempDir('bench-scenarios');
  const idleBusy = await quiet();
  const started = performance.now();
  const server = await build({ dataDir: join(dir.path, 'data') });
  await server.listen();
  const host = new ChromiumProfileHost({ profilesDir: join(dir.path, 'profiles'), screencast: false });
  const profiles = createScenarioProfiles({ host, platformUrl: () => server.url, profilesDir: join(dir.path, 'profiles') });
  try {
    const cpu0 = machineCpu();
    const tree = new TreeCpu();
    const tree0 = tree.read();
    const summary = await runScenarios(SCENARIOS, { profiles, platform: localPlatform(server), concurrency });
    const busy = (machineCpu() - cpu0) / (summary.durationMs / 1000);
    const treeCpu = tree.read() - tree0;
    tree.stop();
    await profiles.dispose();
    await host.dispose();
    await server.close();
    return {
      setMs: summary.durationMs,
      totalMs: performance.now() - started,
      treeCpu,
      busy,
      idleBusy,
      failures: summary.scenarios.flatMap((s) => s.failures.map((f) => `${s.name}: ${f}`)),
    };
  } finally {
    dir.remove();
  }
}

async function main(): Promise<void> {
  printHeader(
    'Scenario runner: the built-in set, sequential vs parallel',
    import.meta.filename,
    `The ${SCENARIOS.length} built-in scenarios (${SCENARIOS.reduce((n, s) => n + s.scenario.steps.length, 0)} steps) run by \`runScenarios()\` ` +
      `with the Chromium ProfileHost (headless, no screencast) on a fresh platform (temporary data dir) per sample; ${ROUNDS} round(s), ` +
      `each round one sample per concurrency level (${LEVELS.join(', ')}), levels interleaved. "Set" is \`runScenarios()\` alone; ` +
      '"total" adds starting the platform and closing every browser and the platform. "Set CPU" is the CPU time this process and ' +
      'every browser process it started used during the set (sampled from /proc), which other load does not inflate; half of it is ' +
      'the least wall time 2 otherwise idle cores could take. "Cores busy" is the whole machine\'s busy CPU time during the set ' +
      'divided by its wall time; "before" is the same over the idle second before each sample: load from other processes, which a ' +
      `shared machine adds to every wall time. Each sample waits (up to ${QUIET_WAIT_S} s) for a second with less than ${QUIET_CORES} cores ` +
      'busy before it starts. Medians over the rounds.',
  );
  const samples = new Map<number, Sample[]>(LEVELS.map((level) => [level, []]));
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const level of LEVELS) {
      const result = await sample(level);
      samples.get(level)!.push(result);
      failures.push(...result.failures.map((f) => `concurrency ${level}, round ${round + 1}: ${f}`));
      process.stderr.write(
        `round ${round + 1}, concurrency ${level}: set ${fmt(result.setMs / 1000)} s, total ${fmt(result.totalMs / 1000)} s, set CPU ${fmt(result.treeCpu)} s, cores busy ${fmt(result.busy)} (before: ${fmt(result.idleBusy)})\n`,
      );
    }
  }
  const baseline = median(samples.get(LEVELS[0]!)!.map((s) => s.setMs));
  printTable(
    [
      'Concurrency',
      'Set (median)',
      'Set (min – max)',
      'Total (median)',
      `vs concurrency ${LEVELS[0]}`,
      'Set CPU (median)',
      `Cores busy (of ${availableParallelism()})`,
      'Cores busy before',
      `Goal < ${GOAL_S} s`,
    ],
    LEVELS.map((level) => {
      const list = samples.get(level)!;
      const set = median(list.map((s) => s.setMs));
      return [
        `${level}${level === DEFAULT_CONCURRENCY ? ' (default)' : ''}`,
        `${fmt(set / 1000)} s`,
        `${fmt(Math.min(...list.map((s) => s.setMs)) / 1000)} – ${fmt(Math.max(...list.map((s) => s.setMs)) / 1000)} s`,
        `${fmt(median(list.map((s) => s.totalMs)) / 1000)} s`,
        ratio(set, baseline),
        `${fmt(median(list.map((s) => s.treeCpu)))} s`,
        fmt(median(list.map((s) => s.busy))),
        fmt(median(list.map((s) => s.idleBusy))),
        verdict(set / 1000 < GOAL_S),
      ];
    }),
  );
  if (failures.length > 0) {
    console.log(`Failed expectations (the figures above are not valid):\n${failures.map((f) => `- ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}

await main();

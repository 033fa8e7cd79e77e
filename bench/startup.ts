/**
 * #6 Headless start: from spawn() of `node out/main/serve.js --port 0 …` (what `npm run serve`
 * runs) to its "Botbench platform listening on …" line on stdout, 10 times, on a fresh data dir
 * (first start: creates and migrates the database) and on an existing one. Baseline: the bare
 * server script (node:http + ws) started the same way, same run, interleaved. One more side: the
 * same platform from its TypeScript sources (`node main/cli/serve.ts`), to show what the bundle and
 * the compile cache buy.
 *
 *   node bench/startup.ts [--quick] [--cpu-prof]
 *
 * --cpu-prof: one more start of the platform (fresh data dir) under V8's CPU profiler, summarised.
 */
import { join } from 'node:path';
import { summarizeProfile } from './lib/cpu-profile.ts';
import { SERVE_SCRIPT, SERVE_SOURCES } from './lib/platform.ts';
import { ROOT, spawnServer, tempDir, TOKEN } from './lib/processes.ts';
import { ms, printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { median, summarize } from './lib/stats.ts';

const RUNS = QUICK ? 2 : 10;
const GOAL = 300;

async function time(script: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<number> {
  const server = await spawnServer(script, args, { nodeArgs });
  await server.stop();
  return server.startMs;
}

async function main(): Promise<void> {
  printHeader(
    'Headless start',
    import.meta.filename,
    `${RUNS} starts of each, interleaved: from \`spawn(node …)\` to the "listening on" line on stdout, then SIGTERM. ` +
      '`node out/main/serve.js --port 0 --data-dir <dir> --token …` is what `npm run serve` execs after the build ' +
      '(one bundle; V8’s compile cache on, so every start after the first reuses compiled code). "Fresh" starts on an empty data dir; ' +
      '"existing" reuses one; "sources" runs `node main/cli/serve.ts` (about 100 TypeScript files through type stripping) on an existing one. ' +
      'Baseline: `node bench/lib/bare-server.ts` (node:http + ws, same node binary).',
  );
  const bareScript = join(ROOT, 'bench', 'lib', 'bare-server.ts');
  const existing = tempDir('startup-existing');
  const samples = { bare: [] as number[], fresh: [] as number[], existing: [] as number[], sources: [] as number[] };
  try {
    // Creates the existing data dir's database once, untimed.
    await time(SERVE_SCRIPT, ['--port', '0', '--data-dir', existing.path, '--token', TOKEN]);
    for (let i = 0; i < RUNS; i++) {
      samples.bare.push(await time(bareScript, []));
      const fresh = tempDir('startup-fresh');
      try {
        samples.fresh.push(await time(SERVE_SCRIPT, ['--port', '0', '--data-dir', fresh.path, '--token', TOKEN]));
      } finally {
        fresh.remove();
      }
      samples.existing.push(await time(SERVE_SCRIPT, ['--port', '0', '--data-dir', existing.path, '--token', TOKEN]));
      samples.sources.push(await time(SERVE_SOURCES, ['--port', '0', '--data-dir', existing.path, '--token', TOKEN]));
    }
  } finally {
    existing.remove();
  }
  const row = (name: string, values: number[]): string[] => {
    const s = summarize(values);
    return [name, ms(median(values)), ms(Math.min(...values)), ms(s.max), String(values.length)];
  };
  printTable(
    ['Process', 'Median', 'min', 'max', 'Runs'],
    [
      row('Bare node:http + ws (baseline)', samples.bare),
      row('Platform, fresh data dir', samples.fresh),
      row('Platform, existing data dir', samples.existing),
      row('Platform from its TypeScript sources, existing data dir', samples.sources),
    ],
  );
  const base = median(samples.bare);
  printTable(
    ['Start → listening', 'Goal', 'Baseline median', 'Platform median', 'Ratio (platform ÷ bare)', 'Verdict'],
    (['fresh', 'existing'] as const).map((kind) => [
      `${kind} data dir`,
      `≤ ${GOAL} ms`,
      ms(base),
      ms(median(samples[kind])),
      ratio(median(samples[kind]), base),
      verdict(median(samples[kind]) <= GOAL),
    ]),
  );
  if (process.argv.includes('--cpu-prof')) {
    const profiles = tempDir('startup-prof');
    const fresh = tempDir('startup-fresh');
    try {
      // The profile covers the whole process life: start, then the stop that follows the listening line.
      const startMs = await time(
        SERVE_SCRIPT,
        ['--port', '0', '--data-dir', fresh.path, '--token', TOKEN],
        ['--cpu-prof', '--cpu-prof-dir', profiles.path],
      );
      console.log(`CPU profile of one platform start (${ms(startMs)} to listening under the profiler):\n`);
      summarizeProfile(profiles.path, 15);
    } finally {
      fresh.remove();
      profiles.remove();
    }
  }
}

await main();

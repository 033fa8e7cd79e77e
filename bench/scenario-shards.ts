/**
 * Scenario suites at scale: the built-in set run as 1, 2 and 4 shards side by side (one
 * `npm run scenarios -- --shard i/n` process each, as a CI matrix would, here on one machine),
 * and the whole set on a remote browser (a Playwright browser server in its own process) against
 * the same set on browsers launched locally, rounds interleaved so background load hits both.
 *
 *   node bench/scenario-shards.ts [--quick] [--rounds <n>] [--shards 1,2,4]
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ROOT, tempDir } from './lib/processes.ts';
import { fmt, printHeader, printTable, QUICK, verdict } from './lib/report.ts';
import { median } from './lib/stats.ts';

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const ROUNDS = Number(option('--rounds') ?? (QUICK ? 1 : 3));
const SHARDS = (option('--shards') ?? (QUICK ? '1,2' : '1,2,4')).split(',').map(Number);
// Quick: two short scenarios, only to prove the script works.
const FILES = QUICK ? ['main/scenarios/builtin/reset.json', 'main/scenarios/builtin/metadata.json'] : [];
const REMOTE_GOAL = 1.1;

/** Runs the CLI; resolves with its wall time, or rejects with its output when it did not pass. */
function scenarios(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['main/cli/scenarios.ts', ...FILES, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`scenarios ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** A Playwright browser server in its own process (tests/mocks/browser-server.ts); resolves with its endpoint and a stop function. */
function browserServer(): Promise<{ wsEndpoint: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['tests/mocks/browser-server.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((l) => l.startsWith('ws://'));
      if (line) {
        resolve({
          wsEndpoint: line.trim(),
          stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`the browser server exited ${code} before printing its endpoint`)));
  });
}

printHeader(
  'Scenario suites: shards and a remote browser',
  import.meta.filename,
  `The built-in scenario set${QUICK ? ' (two of its scenarios)' : ''}, each run a separate \`main/cli/scenarios.ts\` process with its own temporary platform and Chromium. ` +
    `Shards: n processes started together, \`--shard i/n\` each; the wall time is the last to finish. Remote: the whole set with \`--browser ws://…\` ` +
    `(a Playwright browser server in its own process, started before timing) against the same set on browsers launched by the runner, alternating, ${ROUNDS} round(s) each.`,
);

const work = tempDir('botbench-bench-shards-');
const dir = work.path;
const shardRows: Array<Array<string | number>> = [];
const walls = new Map<number, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const total of SHARDS) {
    const started = performance.now();
    const each = await Promise.all(
      Array.from({ length: total }, (_, i) =>
        scenarios(['--shard', `${i + 1}/${total}`, '-r', 'json', '-o', join(dir, `r${round}-n${total}-s${i + 1}.json`)]),
      ),
    );
    const wall = (performance.now() - started) / 1000;
    walls.set(total, [...(walls.get(total) ?? []), wall]);
    shardRows.push([round + 1, total, fmt(wall), each.map((s) => fmt(s)).join(' / ')]);
  }
}
printTable(['round', 'shards', 'wall s', 'per shard s'], shardRows);
const base = median(walls.get(SHARDS[0]!) ?? [0]);
printTable(
  ['shards', 'median wall s', `vs ${SHARDS[0]} shard(s)`],
  SHARDS.map((total) => [total, fmt(median(walls.get(total)!)), `${fmt(median(walls.get(total)!) / base)}x`]),
);
console.log(
  `On ${availableParallelism()} cores every shard starts its own platform and Chromium; starting browsers is CPU-bound, so shards beyond the cores share them and the wall time cannot fall below the CPU the whole set needs.\n`,
);

const server = await browserServer();
const local: number[] = [];
const remote: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    local.push(await scenarios([]));
    remote.push(await scenarios(['--browser', server.wsEndpoint]));
  }
} finally {
  await server.stop();
  work.remove();
}
const overhead = median(remote) / median(local);
printTable(
  ['browsers', 'runs s', 'median s'],
  [
    ['launched locally (baseline)', local.map((s) => fmt(s)).join(' / '), fmt(median(local))],
    ['remote browser server', remote.map((s) => fmt(s)).join(' / '), fmt(median(remote))],
  ],
);
printTable(['goal', 'measured', 'verdict'], [[`remote ÷ local ≤ ${REMOTE_GOAL}`, `${fmt(overhead)}x`, verdict(overhead <= REMOTE_GOAL)]]);

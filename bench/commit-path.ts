/**
 * The webhook path without HTTP: `Platform.runWebhook` (the flow run, its send, the group
 * commit, the log entries, the WAL checkpoints on their thread) on a fresh on-disk data dir,
 * 100 offline users round-robin, `--per-turn` webhooks started in each event-loop turn (as many
 * connections' requests share a turn under load). The figure is the CPU time of the whole
 * process (all threads) per webhook: on a shared machine it moves far less than a throughput.
 * `--compare <checkout>` measures another checkout's platform code the same way, each side in a
 * fresh process, rounds alternating: how each change of issue #21 was measured.
 *
 *   node bench/commit-path.ts [--quick] [--per-turn 20] [--rounds 5] [--compare <other checkout> …]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib/processes.ts';
import { compareRoots, fmt, printHeader, printTable, QUICK, ratio } from './lib/report.ts';
import { median } from './lib/stats.ts';

const USERS = 100;
const WEBHOOKS = QUICK ? 500 : 20_000;
const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const PER_TURN = flag('--per-turn', 20);
const ROUNDS = flag('--rounds', QUICK ? 1 : 5);

interface ChildResult {
  cpuUsPerWebhook: number;
  wallUsPerWebhook: number;
}

/** In the child: one measurement of `root`'s platform code. */
async function measure(root: string): Promise<ChildResult> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { openDatabase } = await load('main/platform/storage/database.ts');
  const { startCheckpointer } = await load('main/platform/storage/checkpointer.ts');
  const { Platform } = await load('main/platform/platform.ts');
  const dir = mkdtempSync(join(tmpdir(), 'botbench-bench-commit-'));
  const db = openDatabase(dir);
  const checkpointer = startCheckpointer(db);
  const platform = new Platform(db, () => 'http://127.0.0.1');
  const bot = platform.createBot({ name: 'Bench bot' });
  for (let i = 0; i < USERS; i++) platform.users.connect(bot.botId, `bench-user-${i}`, 'external', {});
  const hookId = platform.bots.hookId(bot.botId);
  // Since the house merge runWebhook takes the flow (looked up once per request); before, its hook id.
  const hook = 'requireEnabledHookFlow' in platform ? platform.flows.byHookId(hookId) : hookId;
  const paths = Array.from({ length: USERS }, (_, i) => `${bot.botId}/c/bench-user-${i}`);
  const webhook = (i: number) =>
    platform.runWebhook(hook, { body: { response_path: paths[i % USERS], text: 'Your order has shipped.' }, query: {}, headers: {} });
  // Warm-up: the code paths compiled, the first pages of every table written.
  for (let i = 0; i < 1000; i += PER_TURN) await Promise.all(Array.from({ length: PER_TURN }, (_, k) => webhook(i + k)));
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < WEBHOOKS; i += PER_TURN) await Promise.all(Array.from({ length: PER_TURN }, (_, k) => webhook(i + k)));
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  await checkpointer?.stop();
  platform.dispose();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { cpuUsPerWebhook: (used.user + used.system) / WEBHOOKS, wallUsPerWebhook: (wall * 1000) / WEBHOOKS };
}

function runChild(root: string): ChildResult {
  const child = spawnSync(process.execPath, [import.meta.filename, '--child', root, '--per-turn', String(PER_TURN), ...(QUICK ? ['--quick'] : [])], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`the measurement of ${root} failed (${child.status}):\n${child.stderr}`);
  return JSON.parse(line) as ChildResult;
}

async function main(): Promise<void> {
  printHeader(
    'Webhook commit path (no HTTP)',
    import.meta.filename,
    `\`Platform.runWebhook\` ${WEBHOOKS.toLocaleString('en-US')} times after 1,000 for warm-up, ${PER_TURN} started per event-loop turn, round-robin over ${USERS} offline users ` +
      '(every message committed and queued), on a fresh on-disk data dir with the checkpointer thread, each side in a fresh process, ' +
      `${ROUNDS} rounds alternating. CPU is the process's (all threads) per webhook.`,
  );
  const roots = [ROOT, ...compareRoots()];
  const results = new Map<string, ChildResult[]>(roots.map((root) => [root, []]));
  for (let round = 0; round < ROUNDS; round++) for (const root of roots) results.get(root)!.push(runChild(root));
  const base = results.get(ROOT)!;
  printTable(
    ['Code', 'CPU per webhook (median)', 'Rounds', 'This ÷ this checkout, per round', 'Wall per webhook (median)'],
    roots.map((root) => {
      const rounds = results.get(root)!;
      return [
        root === ROOT ? 'This checkout' : root,
        `${fmt(median(rounds.map((r) => r.cpuUsPerWebhook)))} µs`,
        rounds.map((r) => fmt(r.cpuUsPerWebhook)).join(' '),
        root === ROOT ? '–' : rounds.map((r, i) => ratio(r.cpuUsPerWebhook, base[i]!.cpuUsPerWebhook)).join(' '),
        `${fmt(median(rounds.map((r) => r.wallUsPerWebhook)))} µs`,
      ];
    }),
  );
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) console.log(JSON.stringify(await measure(process.argv[childAt + 1]!)));
else await main();

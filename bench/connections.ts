/**
 * #4 Widget connections held: N WebSocket widget sessions (hello done, each its own Channel ID),
 * held by several client processes; at 1k, 5k, 10k and 20k the server's RSS, its idle
 * event-loop delay, and the delivery latency of webhooks to some of those widgets. Baseline: the
 * bare `ws` server holding the same sessions, same run.
 *
 *   node bench/connections.ts [--quick]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { WorkerAnswer, WorkerRequest } from './lib/connection-worker.ts';
import { monotonicMs, paced, Poster, sleep } from './lib/load.ts';
import { startBare, startPlatform } from './lib/platform.ts';
import { ROOT, type ServerProcess } from './lib/processes.ts';
import { mb, ms, printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { connectWidgets, type BenchWidget } from './lib/widgets.ts';

const LEVELS = QUICK ? [100, 200] : [1000, 5000, 10_000, 20_000];
const PER_WORKER = QUICK ? 100 : 5000;
const PROBES = QUICK ? 10 : 50;
const WEBHOOKS = QUICK ? 50 : 1000;
const WEBHOOK_RATE = 250;
const POSTER_SOCKETS = 4;
const IDLE_MS = QUICK ? 200 : 1000;
const GOAL = { connections: 20_000, rssBytes: 400 * 1024 ** 2, p99: 5 };

interface Level {
  target: number;
  held: number;
  failed: number;
  firstError: string | null;
  rss: number;
  loopDelay: { p50: number; p99: number; max: number };
  delivery: Summary;
  lost: number;
  alive: boolean;
  /** A new HTTP connection was accepted and answered at this level. */
  newConnection: boolean;
}

class Worker {
  readonly child: ChildProcess;
  held = 0;
  constructor() {
    this.child = fork(join(ROOT, 'bench', 'lib', 'connection-worker.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }
  ask(request: WorkerRequest): Promise<WorkerAnswer> {
    return new Promise((resolve) => {
      this.child.once('message', (answer: WorkerAnswer) => resolve(answer));
      this.child.send(request);
    });
  }
  close(): void {
    if (this.child.connected) this.child.send({ type: 'close' } satisfies WorkerRequest);
  }
}

/** Can the server still accept a new TCP connection and answer HTTP on it? */
async function acceptsNewConnection(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/health`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * Webhooks to the probe widgets (held by this process, so one clock), `WEBHOOK_RATE` per second,
 * over the poster's keep-alive connections opened before the widgets.
 */
async function deliveries(poster: Poster, probes: BenchWidget[], tag: string): Promise<{ summary: Summary; lost: number }> {
  const sentAt = new Float64Array(WEBHOOKS);
  const samples: number[] = [];
  for (const probe of probes) {
    probe.onMessage = (_id, text, at) => {
      const [runTag, index] = text.split(' ');
      if (runTag === tag) samples.push(at - sentAt[Number(index)]!);
    };
  }
  let answered = 0;
  await paced(WEBHOOK_RATE, WEBHOOKS, (i) => {
    const body = JSON.stringify({ response_path: probes[i % probes.length]!.responsePath, text: `${tag} ${i}` });
    sentAt[i] = monotonicMs();
    poster.post(body).then(
      () => answered++,
      () => answered++,
    );
  });
  const deadline = performance.now() + 10_000;
  while ((samples.length < WEBHOOKS || answered < WEBHOOKS) && performance.now() < deadline) await sleep(10);
  return { summary: summarize(samples), lost: WEBHOOKS - samples.length };
}

async function measureSide(server: ServerProcess, botId: string, webhookUrl: string, label: string): Promise<Level[]> {
  const levels: Level[] = [];
  const workers: Worker[] = [];
  const probes = await connectWidgets(server.url, PROBES, (i) => ({ botId, externalUserId: `probe-${i}` }));
  // A tester's webhook client keeps its connections: open them before the server runs out of descriptors.
  const poster = new Poster(webhookUrl, POSTER_SOCKETS);
  await poster.warm(JSON.stringify({ response_path: probes[0]!.responsePath, text: 'warm 0' }), POSTER_SOCKETS);
  try {
    let failedTotal = 0;
    let firstError: string | null = null;
    for (const target of LEVELS) {
      // Top up to `target` (the probes count), filling one worker after another.
      let missing = target - PROBES - workers.reduce((sum, w) => sum + w.held, 0);
      const jobs: Promise<void>[] = [];
      while (missing > 0) {
        let worker = workers.find((w) => w.held < PER_WORKER);
        if (!worker) workers.push((worker = new Worker()));
        const count = Math.min(missing, PER_WORKER - worker.held);
        worker.held += count;
        missing -= count;
        const w = worker;
        jobs.push(
          w.ask({ type: 'open', url: server.url, botId, count, concurrency: 50 }).then((answer) => {
            if (answer.type !== 'opened') return;
            failedTotal += answer.failed;
            firstError ??= answer.firstError;
          }),
        );
      }
      const rampStart = performance.now();
      await Promise.all(jobs);
      console.error(`${label}: ${target} requested, ${failedTotal} refused so far, ${((performance.now() - rampStart) / 1000).toFixed(1)} s`);
      await sleep(IDLE_MS / 2);
      const alive = server.child.exitCode === null && server.child.signalCode === null;
      let held = PROBES;
      for (const worker of workers) {
        const answer = await worker.ask({ type: 'held' });
        if (answer.type === 'held') held += worker.held = answer.held;
      }
      if (!alive) {
        levels.push({
          target,
          held,
          failed: failedTotal,
          firstError,
          rss: Number.NaN,
          loopDelay: { p50: NaN, p99: NaN, max: NaN },
          delivery: summarize([]),
          lost: WEBHOOKS,
          alive,
          newConnection: false,
        });
        console.error(`${label}: the server process exited at level ${target} (code ${server.child.exitCode ?? server.child.signalCode}).`);
        break;
      }
      await server.stats(); // start an idle window
      await sleep(IDLE_MS);
      const idle = await server.stats();
      const { summary, lost } = await deliveries(poster, probes, `level-${target}`);
      const newConnection = await acceptsNewConnection(server.url);
      levels.push({
        target,
        held,
        failed: failedTotal,
        firstError,
        rss: idle.rss,
        loopDelay: idle.loopDelay,
        delivery: summary,
        lost,
        alive,
        newConnection,
      });
      if (QUICK && (lost > 0 || failedTotal > 0)) process.exitCode = 1;
    }
  } finally {
    poster.close();
    for (const probe of probes) probe.close();
    for (const worker of workers) worker.close();
  }
  return levels;
}

async function main(): Promise<void> {
  printHeader(
    'Widget connections held',
    import.meta.filename,
    `Widget sessions opened by ${Math.ceil(LEVELS.at(-1)! / PER_WORKER)} client processes (≤ ${PER_WORKER} each, 50 handshakes at a time each), ` +
      `each a \`ws\` socket whose hello (anonymous: the server assigns a new Channel ID) was answered; ${PROBES} of them, held by the bench ` +
      `process with external user IDs, receive webhooks. At each level: the server's RSS and its event-loop delay over ${IDLE_MS} ms idle ` +
      `(monitorEventLoopDelay, 10 ms resolution, read through an IPC probe preloaded with --import), then ${WEBHOOKS} webhooks at ` +
      `${WEBHOOK_RATE}/s to the probes over ${POSTER_SOCKETS} keep-alive connections opened before the widgets, timed from just before the POST to the frame, ` +
      'and whether the server still accepts a new HTTP connection (`GET /api/health`). Servers run in their own process; ' +
      'open files are capped at 20,000 per process (`ulimit -n` = `ulimit -Hn` = 20000 here).',
  );
  const results: { name: string; levels: Level[] }[] = [];
  const bare = await startBare({ probe: true, onStderr: (text) => process.stderr.write(`bare: ${text}`) });
  try {
    results.push({ name: 'Bare ws server (baseline)', levels: await measureSide(bare, '0123456789abcdef01234567', bare.webhookUrl, 'bare') });
  } finally {
    await bare.stop();
  }
  const platform = await startPlatform({ probe: true, onStderr: (text) => process.stderr.write(`platform: ${text}`) });
  try {
    const bot = await platform.createBot();
    results.push({ name: 'Platform', levels: await measureSide(platform, bot.botId, bot.webhookUrl, 'platform') });
  } finally {
    await platform.stop();
  }

  const rows: (string | number)[][] = [];
  for (const { name, levels } of results) {
    for (const level of levels) {
      rows.push([
        level.target.toLocaleString('en-US'),
        name,
        `${level.held.toLocaleString('en-US')}${level.failed ? ` (${level.failed} refused: ${level.firstError ?? '?'})` : ''}`,
        level.alive ? mb(level.rss) : 'server exited',
        ms(level.loopDelay.p99),
        ms(level.loopDelay.max),
        ms(level.delivery.p50),
        ms(level.delivery.p99),
        ms(level.delivery.max),
        level.lost,
        level.newConnection ? 'yes' : '**no**',
      ]);
    }
  }
  printTable(
    ['Target', 'Side', 'Held', 'Server RSS', 'Idle loop delay p99', 'max', 'Webhook→frame p50', 'p99', 'max', 'Lost', 'New HTTP connection accepted'],
    rows,
  );

  const [base, plat] = results as [(typeof results)[0], (typeof results)[0]];
  const goalRows: (string | number)[][] = [];
  for (const level of plat.levels) {
    const b = base.levels.find((l) => l.target === level.target);
    goalRows.push([
      level.target.toLocaleString('en-US'),
      b ? `${mb(b.rss)}, p99 ${ms(b.delivery.p99)}` : '–',
      `${mb(level.rss)}, p99 ${ms(level.delivery.p99)}`,
      b ? `${ratio(level.rss, b.rss)} RSS, ${ratio(level.delivery.p99, b.delivery.p99)} p99` : '–',
      level.target === GOAL.connections || QUICK ? '20,000 held, RSS ≤ 400 MB, p99 ≤ 5 ms' : '–',
      level.target === GOAL.connections || (QUICK && level.target === LEVELS.at(-1))
        ? verdict(level.held >= GOAL.connections && level.rss <= GOAL.rssBytes && level.delivery.p99 <= GOAL.p99)
        : '–',
    ]);
  }
  printTable(['Level', 'Baseline (bare ws)', 'Platform', 'Ratio (platform ÷ bare)', 'Goal', 'Verdict'], goalRows);
}

await main();

/**
 * #1 Webhook throughput: the real webhook endpoint (users offline, so every message is
 * committed and queued) against a bare node:http server answering the same JSON, with the same
 * autocannon client, 50 connections, ≥ 10 s each, same run. The sides alternate in 2 s rounds,
 * so load from other processes on a shared machine falls on both alike.
 *
 *   node bench/webhook-throughput.ts [--quick] [--cpu-prof] [--compare <other checkout> …]
 *
 * --cpu-prof writes a V8 CPU profile of the platform process and prints where its time went.
 * --compare (repeatable) adds the platform of another checkout (e.g. a copy with a change) as one more side.
 */
import { DatabaseSync } from 'node:sqlite';
import autocannon, { type Result } from 'autocannon';
import { summarizeProfile } from './lib/cpu-profile.ts';
import { sleep } from './lib/load.ts';
import { BARE_BOT_ID, startBare, startPlatform, type PlatformProcess } from './lib/platform.ts';
import { tempDir, type ServerProcess } from './lib/processes.ts';
import { compareRoots, fmt, ms, printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { median } from './lib/stats.ts';
import { connectWidgets } from './lib/widgets.ts';

const CONNECTIONS = 50;
const ROUNDS = QUICK ? 1 : 5;
const ROUND_S = QUICK ? 1 : 2;
const WARMUP_S = QUICK ? 0 : 2;
const USERS = QUICK ? 5 : 100;
const GOAL = 0.7;

interface Side {
  name: string;
  server: ServerProcess | PlatformProcess;
  url: string;
  bodies: string[];
  results: Result[];
}

function bodies(botId: string): string[] {
  return Array.from({ length: USERS }, (_, i) => JSON.stringify({ response_path: `${botId}/c/bench-user-${i}`, text: 'Your order has shipped.' }));
}

function load(side: Side, seconds: number): Promise<Result> {
  let next = 0;
  return autocannon({
    url: side.url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: side.bodies[next++ % side.bodies.length]! }) }],
  });
}

/** A bot whose users exist (their widgets connected once) and are offline, so messages queue. */
async function preparePlatform(platform: PlatformProcess): Promise<{ webhookUrl: string; bodies: string[] }> {
  const bot = await platform.createBot();
  const widgets = await connectWidgets(platform.url, USERS, (i) => ({ botId: bot.botId, externalUserId: `bench-user-${i}` }));
  for (const widget of widgets) widget.close();
  const payloads = bodies(bot.botId);
  for (let attempt = 0; ; attempt++) {
    const answer = await fetch(bot.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payloads[0]! });
    const body = (await answer.json()) as { status?: string };
    if (body.status === 'queued') break;
    if (attempt > 100) throw new Error(`the users did not go offline: ${JSON.stringify(body)}`);
    await sleep(20);
  }
  return { webhookUrl: bot.webhookUrl, bodies: payloads };
}

const perSecond = (results: Result[]): number =>
  results.reduce((sum, r) => sum + r.requests.total, 0) / results.reduce((sum, r) => sum + r.duration, 0);

async function main(): Promise<void> {
  const others = compareRoots();
  printHeader(
    'Webhook throughput',
    import.meta.filename,
    `autocannon (programmatic, in the bench process), ${CONNECTIONS} connections, POSTing \`{"response_path","text"}\` round-robin to ${USERS} ` +
      'users who are offline, so the platform commits and queues every message. ' +
      `After ${WARMUP_S} s of warm-up each, the sides alternate ${ROUNDS} rounds of ${ROUND_S} s (${ROUNDS * ROUND_S} s each in all), so ` +
      'other load on the machine falls on both. Each server runs in its own process (the platform as `npm run serve` runs it, `out/main/serve.js`, on a fresh ' +
      'on-disk data dir); client and server share the machine’s cores.',
  );
  const cpuProf = process.argv.includes('--cpu-prof');
  const profiles = cpuProf ? tempDir('cpu-prof') : undefined;
  const bare = await startBare();
  const platform = await startPlatform(profiles ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profiles.path] } : {});
  const compared: { root: string; server: PlatformProcess }[] = [];
  for (const root of others) compared.push({ root, server: await startPlatform({ root }) });
  try {
    const sides: Side[] = [{ name: 'Bare node:http (baseline)', server: bare, url: bare.webhookUrl, bodies: bodies(BARE_BOT_ID), results: [] }];
    const prepared = await preparePlatform(platform);
    sides.push({ name: 'Platform webhook (committed, queued)', server: platform, url: prepared.webhookUrl, bodies: prepared.bodies, results: [] });
    for (const { root, server } of compared) {
      const p = await preparePlatform(server);
      sides.push({ name: `Platform at ${root}`, server, url: p.webhookUrl, bodies: p.bodies, results: [] });
    }
    if (WARMUP_S) for (const side of sides) await load(side, WARMUP_S);
    for (let round = 0; round < ROUNDS; round++) for (const side of sides) side.results.push(await load(side, ROUND_S));

    const base = sides[0]!;
    const rows = sides.map((side) => {
      const failed = side.results.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
      if (failed) process.exitCode = 1;
      return [
        side.name,
        Math.round(perSecond(side.results)),
        side === base ? '–' : ratio(perSecond(side.results), perSecond(base.results)),
        side.results.map((r, i) => fmt(r.requests.total / r.duration / (base.results[i]!.requests.total / base.results[i]!.duration))).join(' '),
        ms(median(side.results.map((r) => r.latency.p50))),
        ms(median(side.results.map((r) => r.latency.p99))),
        ms(Math.max(...side.results.map((r) => r.latency.max))),
        side.results.reduce((sum, r) => sum + r.requests.total, 0),
        failed,
      ];
    });
    printTable(
      [
        'Side',
        'Requests/s',
        'Ratio to bare',
        'Ratio per round',
        'Latency p50 (median of rounds)',
        'p99 (median of rounds)',
        'max',
        'Requests',
        'Non-2xx + errors',
      ],
      rows,
    );
    const figure = perSecond(sides[1]!.results);
    const baseline = perSecond(base.results);
    printTable(
      ['Goal', 'Baseline', 'Figure', 'Ratio (platform ÷ bare)', 'Verdict'],
      [[`≥ ${GOAL} of bare`, `${fmt(baseline)} req/s`, `${fmt(figure)} req/s`, ratio(figure, baseline), verdict(figure / baseline >= GOAL)]],
    );

    // Every 2xx answer must be a committed row: count them in the database the platform left.
    await platform.stop({ keepData: true });
    const db = new DatabaseSync(`${platform.dataDir}/botbench.sqlite`, { readOnly: true });
    const stored = (db.prepare("SELECT count(*) AS n FROM messages WHERE source = 'webhook'").get() as { n: number }).n;
    db.close();
    const answered = sides[1]!.results.reduce((sum, r) => sum + r.requests.total - r.non2xx, 0);
    console.log(`Messages the platform committed: ${stored} (2xx answers in the measured rounds: ${answered}, plus warm-up and set-up).`);
    if (profiles) {
      console.log(`\nCPU profile of the platform process (${profiles.path}):\n`);
      summarizeProfile(profiles.path);
    }
  } finally {
    await bare.stop();
    await platform.stop();
    for (const { server } of compared) await server.stop();
  }
}

await main();

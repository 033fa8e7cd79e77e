/**
 * #2 Webhook → widget delivery latency with online users: from just before the POST to the
 * `message` frame at a real `ws` client, at 1,000 and 5,000 webhooks/s (open loop), against the
 * platform and against a bare http→ws relay, same client, same run.
 *
 *   node bench/delivery-latency.ts [--quick] [--cpu-prof] [--compare <other checkout> …]
 *
 * --cpu-prof writes a V8 CPU profile of the platform process and prints where its time went.
 * --compare (repeatable) adds the platform of another checkout (e.g. a copy with a change) as one more side.
 */
import { summarizeProfile } from './lib/cpu-profile.ts';
import { BARE_BOT_ID, startBare, startPlatform, type PlatformProcess } from './lib/platform.ts';
import { tempDir, type ServerProcess } from './lib/processes.ts';
import { paced, Poster, sleep } from './lib/load.ts';
import { compareRoots, ms, printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { connectWidgets, type BenchWidget } from './lib/widgets.ts';

const USERS = QUICK ? 5 : 100;
const RATES = [1000, 5000] as const;
const SECONDS: Record<(typeof RATES)[number], number> = QUICK ? { 1000: 0.3, 5000: 0.2 } : { 1000: 5, 5000: 3 };
const WARMUP_S = QUICK ? 0 : 1;
const GOAL = { rate: 1000, p50: 0.5, p99: 5 };

interface Side {
  name: string;
  server: ServerProcess;
  webhookUrl: string;
  botId: string;
  widgets: BenchWidget[];
}

interface Run {
  delivery: Summary;
  answer: Summary;
  lost: number;
  failed: number;
  loopDelayP99: number;
  /** Webhooks per second actually sent: below the target when the client itself fell behind. */
  achieved: number;
}

let runs = 0;

/** Sends `rate × seconds` webhooks round-robin to the side's users and times each delivery. */
async function measure(side: Side, rate: number, seconds: number): Promise<Run> {
  const count = Math.max(1, Math.round(rate * seconds));
  const tag = `bench-${++runs}`;
  const sentAt = new Float64Array(count);
  const delivery: number[] = [];
  const answer: number[] = [];
  let failed = 0;
  for (const widget of side.widgets) {
    widget.onMessage = (_id, text, at) => {
      const [runTag, index] = text.split(' ');
      if (runTag === tag) delivery.push(at - sentAt[Number(index)]!);
    };
  }
  const poster = new Poster(side.webhookUrl);
  const paths = side.widgets.map((widget) => widget.responsePath);
  await side.server.stats(); // resets the server's event-loop delay histogram
  const achieved = await paced(rate, count, (i) => {
    const body = JSON.stringify({ response_path: paths[i % paths.length], text: `${tag} ${i}` });
    const start = performance.now();
    sentAt[i] = start;
    poster.post(body).then(
      (status) => {
        answer.push(performance.now() - start);
        if (status !== 200) failed++;
      },
      () => failed++,
    );
  });
  const deadline = performance.now() + 5_000;
  while ((delivery.length < count || answer.length + failed < count) && performance.now() < deadline) await sleep(10);
  const { loopDelay } = await side.server.stats();
  poster.close();
  return { delivery: summarize(delivery), answer: summarize(answer), lost: count - delivery.length, failed, loopDelayP99: loopDelay.p99, achieved };
}

async function main(): Promise<void> {
  printHeader(
    'Webhook → widget delivery latency',
    import.meta.filename,
    `${USERS} widgets online (real \`ws\` clients that said hello with their own Channel ID and ack what they get, as embed.js does), ` +
      `webhooks sent open-loop (a timer about every millisecond sends whatever is due) at ${RATES.join(' and ')} per second, ` +
      `round-robin over the users, for ${RATES.map((rate) => `${SECONDS[rate]} s at ${rate}/s`).join(' and ')} after ${WARMUP_S} s of warm-up. ` +
      'Latency is from just before the POST is written to the `message` frame event at the client (one process, one clock). ' +
      'Both servers run in their own process; client and servers share the cores.',
  );
  const bareServer = await startBare({ probe: true });
  const profiles = process.argv.includes('--cpu-prof') ? tempDir('cpu-prof') : undefined;
  const platformServer = await startPlatform({ probe: true, ...(profiles ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profiles.path] } : {}) });
  const compared: { root: string; server: PlatformProcess }[] = [];
  for (const root of compareRoots()) compared.push({ root, server: await startPlatform({ probe: true, root }) });
  const sides: Side[] = [];
  try {
    const bot = await platformServer.createBot();
    const hello = (botId: string) => (i: number) => ({ botId, externalUserId: `bench-user-${i}` });
    sides.push(
      {
        name: 'Bare http→ws relay (baseline)',
        server: bareServer,
        webhookUrl: bareServer.webhookUrl,
        botId: BARE_BOT_ID,
        widgets: await connectWidgets(bareServer.url, USERS, hello(BARE_BOT_ID)),
      },
      {
        name: 'Platform',
        server: platformServer,
        webhookUrl: bot.webhookUrl,
        botId: bot.botId,
        widgets: await connectWidgets(platformServer.url, USERS, hello(bot.botId)),
      },
    );
    for (const { root, server } of compared) {
      const other = await server.createBot();
      sides.push({
        name: `Platform at ${root}`,
        server,
        webhookUrl: other.webhookUrl,
        botId: other.botId,
        widgets: await connectWidgets(server.url, USERS, hello(other.botId)),
      });
    }
    const results = new Map<string, Run>();
    const rows: (string | number)[][] = [];
    for (const rate of RATES) {
      for (const side of sides) {
        if (WARMUP_S) await measure(side, rate, WARMUP_S);
        const run = await measure(side, rate, SECONDS[rate]);
        results.set(`${side.name}@${rate}`, run);
        rows.push([
          `${rate.toLocaleString('en-US')}/s`,
          side.name,
          `${Math.round(run.achieved).toLocaleString('en-US')}/s`,
          ms(run.delivery.p50),
          ms(run.delivery.p90),
          ms(run.delivery.p99),
          ms(run.delivery.max),
          ms(run.answer.p50),
          ms(run.answer.p99),
          ms(run.loopDelayP99),
          run.delivery.n,
          run.lost + run.failed,
        ]);
        // A failed request is a bug; a message not delivered within 5 s is a figure, except in quick mode (CI), where all must arrive.
        if (run.failed > 0 || (QUICK && run.lost > 0)) process.exitCode = 1;
      }
    }
    printTable(
      [
        'Rate',
        'Side',
        'Sent at',
        'Delivery p50',
        'p90',
        'p99',
        'max',
        'HTTP answer p50',
        'p99',
        'Server loop delay p99',
        'Samples',
        'Not delivered in 5 s + failed',
      ],
      rows,
    );
    const goalRows: (string | number)[][] = [];
    for (const rate of RATES) {
      const base = results.get(`${sides[0]!.name}@${rate}`)!;
      const plat = results.get(`${sides[1]!.name}@${rate}`)!;
      for (const [label, key, goal] of [
        ['p50', 'p50', GOAL.p50],
        ['p99', 'p99', GOAL.p99],
        ['max', 'max', undefined],
      ] as const) {
        goalRows.push([
          `${rate.toLocaleString('en-US')}/s ${label}`,
          goal !== undefined && rate === GOAL.rate ? `≤ ${goal} ms` : '–',
          ms(base.delivery[key]),
          ms(plat.delivery[key]),
          ratio(plat.delivery[key], base.delivery[key]),
          goal !== undefined && rate === GOAL.rate ? verdict(plat.delivery[key] <= goal) : '–',
        ]);
      }
    }
    printTable(['Delivery latency', 'Goal', 'Baseline (bare relay)', 'Platform', 'Ratio (platform ÷ bare)', 'Verdict'], goalRows);
  } finally {
    for (const side of sides) for (const widget of side.widgets) widget.close();
    await bareServer.stop();
    await platformServer.stop();
    for (const { server } of compared) await server.stop();
    if (profiles) {
      console.log(`\nCPU profile of the platform process (${profiles.path}):\n`);
      summarizeProfile(profiles.path);
    }
  }
}

await main();

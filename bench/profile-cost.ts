/**
 * #5 Profile cost (Chromium adapter): time from ProfileService.open() until the profile's widget
 * reports "connected", and memory per profile, with 1, 4 and 8 profiles open, for persistent
 * profiles (a Chromium of their own each) and incognito ones (contexts of one shared Chromium).
 * Baseline: the same Playwright calls without Botbench (launchPersistentContext / newContext,
 * then a bare page whose WebSocket said hello), same run.
 *
 *   node bench/profile-cost.ts [--quick]
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { chromiumExecutable, chromiumLaunch } from '../main/profiles/chromium.ts';
import { ChromiumProfileHost } from '../main/profiles/chromium-host.ts';
import { ProfileService } from '../main/profiles/profile-service.ts';
import { descendants, descendantsPss } from './lib/memory.ts';
import { sleep } from './lib/load.ts';
import { startBare, startPlatform } from './lib/platform.ts';
import { tempDir } from './lib/processes.ts';
import { mb, ms, printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { median } from './lib/stats.ts';

const COUNTS = QUICK ? [1] : [1, 4, 8];
const KINDS = QUICK ? (['incognito'] as const) : (['persistent', 'incognito'] as const);
const GOAL_MEDIAN = 400;
const VIEWPORT = { width: 420, height: 680 };
/** Between two opens, as a tester clicks "New profile" (both sides wait alike; the Botbench side starts its next spare meanwhile). */
const PACE_MS = QUICK ? 0 : 2000;

interface Round {
  times: number[];
  pss: number;
  processes: number;
}

/** Memory and open times as profiles are added one by one; memory is read when `COUNTS` profiles are open. */
type Opener = (index: number) => Promise<void>;

async function openAll(open: Opener): Promise<Round[]> {
  // The previous side's browsers must be gone before memory is counted.
  for (let i = 0; i < 100 && descendants().some((p) => /chrom/i.test(p.name)); i++) await sleep(50);
  const times: number[] = [];
  const rounds: Round[] = [];
  for (let i = 0; i < COUNTS.at(-1)!; i++) {
    if (i > 0) await sleep(PACE_MS);
    const start = performance.now();
    await open(i);
    times.push(performance.now() - start);
    if (COUNTS.includes(i + 1)) {
      const { bytes, processes } = descendantsPss(/chrom/i);
      rounds.push({ times: [...times], pss: bytes, processes });
    }
  }
  return rounds;
}

/**
 * Botbench: one ProfileService on a fresh ChromiumProfileHost, set up as browser mode sets it up
 * (spares warmed at start-up, untimed), opens the profiles one after another.
 */
async function botbench(platformUrl: string, botId: string, kind: 'persistent' | 'incognito'): Promise<Round[]> {
  const dir = tempDir('profiles');
  const host = new ChromiumProfileHost({ profilesDir: dir.path, spare: true });
  const service = new ProfileService({ host, platformUrl: () => platformUrl, profilesDir: dir.path, viewport: VIEWPORT });
  try {
    await host.warm();
    return await openAll(async () => {
      const snapshot = await service.open({ kind, botId });
      if (snapshot.status !== 'connected') throw new Error(`profile ${snapshot.label} is ${snapshot.status}: ${snapshot.error}`);
    });
  } finally {
    await service.dispose();
    await host.dispose();
    dir.remove();
  }
}

/** Baseline: the same browser calls by hand, to a bare page whose WebSocket says hello. */
async function bare(pageUrl: string, kind: 'persistent' | 'incognito'): Promise<Round[]> {
  const dir = tempDir('bare-profiles');
  const contexts: BrowserContext[] = [];
  let shared: Browser | undefined;
  const options = { executablePath: chromiumExecutable(), headless: true, ...chromiumLaunch() };
  try {
    return await openAll(async (i) => {
      let context: BrowserContext;
      if (kind === 'persistent') context = await chromium.launchPersistentContext(`${dir.path}/${i}`, { ...options, viewport: VIEWPORT });
      else context = await (shared ??= await chromium.launch(options)).newContext({ viewport: VIEWPORT });
      contexts.push(context);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${pageUrl}?externalUserId=bare-${i}`);
      await page.waitForFunction(`window.bareState === 'connected'`, undefined, { polling: 5 });
    });
  } finally {
    for (const context of contexts) await context.close();
    await shared?.close();
    dir.remove();
  }
}

async function main(): Promise<void> {
  printHeader(
    'Profile cost (Chromium adapter)',
    import.meta.filename,
    `For each kind, a fresh ChromiumProfileHost + ProfileService opens ${COUNTS.at(-1)} profiles one after another; figures are read when ` +
      `${COUNTS.join(', ')} are open (times: the first N opens), ${PACE_MS} ms apart as a tester clicks "New profile". The host is set up as ` +
      'browser mode sets it up: `spare: true` and `warm()` at start-up (untimed), so the shared browser runs with one fresh context ready and one ' +
      'persistent browser waits for the next new persistent profile (started again after each open; its memory is counted). ' +
      'Each time is from `ProfileService.open()` to its resolution (the widget in ' +
      'the page reported "connected", through the page binding). ' +
      'Memory: PSS summed over every Chromium process of this run with N profiles open, divided by N (PSS shares shared pages out, so ' +
      'summing it does not count the browser binary once per process). Baseline: the same Playwright calls without Botbench ' +
      '(`launchPersistentContext` or `newContext` on one shared browser, `goto` a bare page, wait for its WebSocket hello to be answered).',
  );
  const bareServer = await startBare();
  const platform = await startPlatform();
  try {
    const bot = await platform.createBot();
    // One untimed launch first, so neither side pays for reading Chromium from disk.
    await (await chromium.launch({ executablePath: chromiumExecutable(), headless: true, ...chromiumLaunch() })).close();
    const rows: (string | number)[][] = [];
    const goalRows: (string | number)[][] = [];
    for (const kind of KINDS) {
      const allBench: number[] = [];
      const allBare: number[] = [];
      // One pass per side opens profiles one after another; figures are read when 1, 4 and 8 are open.
      const figures = await botbench(platform.url, bot.botId, kind);
      const bases = await bare(`${bareServer.url}/page`, kind);
      allBare.push(...bases.at(-1)!.times);
      allBench.push(...figures.at(-1)!.times);
      for (const [i, count] of COUNTS.entries()) {
        const base = bases[i]!;
        const figure = figures[i]!;
        rows.push([
          kind,
          count,
          `${ms(median(base.times))} / ${ms(Math.max(...base.times))}`,
          `${ms(median(figure.times))} / ${ms(Math.max(...figure.times))}`,
          ratio(median(figure.times), median(base.times)),
          mb(base.pss / count),
          mb(figure.pss / count),
          ratio(figure.pss, base.pss),
          `${base.processes} / ${figure.processes}`,
        ]);
      }
      goalRows.push([
        kind,
        `≤ ${GOAL_MEDIAN} ms`,
        ms(median(allBare)),
        ms(median(allBench)),
        ratio(median(allBench), median(allBare)),
        verdict(median(allBench) <= GOAL_MEDIAN),
      ]);
    }
    printTable(
      [
        'Kind',
        'N',
        'Baseline median / max',
        'Botbench median / max',
        'Ratio (median)',
        'Baseline memory per profile',
        'Botbench memory per profile',
        'Ratio (memory)',
        'Chromium processes (base / Botbench)',
      ],
      rows,
    );
    printTable(['Open → widget connected, all N', 'Goal', 'Baseline median', 'Botbench median', 'Ratio', 'Verdict'], goalRows);
  } finally {
    await bareServer.stop();
    await platform.stop();
  }
}

await main();

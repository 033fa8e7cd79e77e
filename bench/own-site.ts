/**
 * #8 Own site (issue #15): time from ProfileService.open({ siteUrl }) until the widget of a
 * customer page that embeds Flow XO's published snippet (https://widget.flowxo.com/embed.js,
 * answered by the platform) reports "connected". Baseline, same run, interleaved: bare
 * Playwright opening the same page in a new context of one browser, the script routed by a
 * one-line handler that fulfils it with the platform's copy, waiting for the same "connected".
 *
 *   node bench/own-site.ts [--quick]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { chromiumExecutable, chromiumLaunch } from '../main/profiles/chromium.ts';
import { ChromiumProfileHost } from '../main/profiles/chromium-host.ts';
import { ProfileService } from '../main/profiles/profile-service.ts';
import { remotePlatform } from '../main/scenarios/platform.ts';
import { sleep } from './lib/load.ts';
import { startPlatform } from './lib/platform.ts';
import { tempDir, TOKEN } from './lib/processes.ts';
import { ms, printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { median, summarize } from './lib/stats.ts';

const OPENS = QUICK ? 2 : 15;
const GOAL_RATIO = 1.15;
const VIEWPORT = { width: 420, height: 680 };
/** Between two opens, as a tester works; the Botbench side starts its next spare meanwhile, as browser mode does. */
const PACE_MS = QUICK ? 0 : 1000;
/** A production Bot ID, imported by the first open (untimed) and known afterwards. */
const BOT_ID = '645731a0e4b0c1d2e3f40516';
const EMBED_CODE = Buffer.from(JSON.stringify({ theme: '#4285f4', web: { botId: BOT_ID, showLauncher: true }, locale: 'en' })).toString('base64');

/** The customer's page: Flow XO's published legacy snippet, unchanged but for the embed code (tests/fixtures/own-site has the full shop). */
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Shop</title></head><body><h1>Shop</h1>
<script>
function messengerReady() {
}
</script>
<script src="https://widget.flowxo.com/embed.js?callback=messengerReady" async defer data-fxo-widget="${EMBED_CODE}"></script>
</body></html>`;

async function startSite(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  printHeader(
    'Own site: profile open → widget connected (Chromium adapter)',
    import.meta.filename,
    `A customer page on another origin embeds Flow XO's published legacy snippet (embed.js from https://widget.flowxo.com, a production ` +
      `embed code). Botbench: one ProfileService on a ChromiumProfileHost set up as browser mode sets it up (\`spare: true\`, \`warm()\` ` +
      'untimed) opens it as an incognito profile with `siteUrl`: the script request is paused (DevTools Fetch domain, its URL patterns only), the page’s snippet read, the bot looked up ' +
      '(imported on the first, untimed open), the platform’s copy of embed.js answered; timed from `open()` to its resolution (widget ' +
      `"connected"). Baseline: bare Playwright, \`newContext\` on one browser with \`context.route('https://widget.flowxo.com/embed.js*', ` +
      `(r) => r.fulfill({ body }))\`, \`goto\`, wait for \`FxoMessenger.getState().state === 'connected'\`. ${OPENS} opens each, interleaved ` +
      `(Botbench, Botbench without the spare context, bare, …) ${PACE_MS} ms apart, each profile or context closed after it was measured.`,
  );
  const platform = await startPlatform();
  const site = await startSite();
  const dir = tempDir('own-site-profiles');
  // As browser mode runs (a context made ahead for the next incognito profile), and without it (the routing's own cost against the same calls).
  const host = new ChromiumProfileHost({ profilesDir: dir.path, spare: true });
  const plainHost = new ChromiumProfileHost({ profilesDir: dir.path, spare: false });
  const serviceOf = (on: ChromiumProfileHost) =>
    new ProfileService({
      host: on,
      platformUrl: () => platform.url,
      profilesDir: dir.path,
      viewport: VIEWPORT,
      importer: remotePlatform(platform.url, TOKEN).importer,
    });
  const service = serviceOf(host);
  const plainService = serviceOf(plainHost);
  let browser: Browser | undefined;
  try {
    const script = await (await fetch(`${platform.url}/flowxo/embed.js`)).text();
    browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, ...chromiumLaunch() });
    await host.warm();
    const botbenchOn = (on: ProfileService) => async (): Promise<number> => {
      const start = performance.now();
      const snapshot = await on.open({ kind: 'incognito', siteUrl: site.url });
      const took = performance.now() - start;
      if (snapshot.status !== 'connected') throw new Error(`profile ${snapshot.label} is ${snapshot.status}: ${snapshot.error}`);
      await on.close(snapshot.id);
      return took;
    };
    const botbench = botbenchOn(service);
    const plain = botbenchOn(plainService);
    const bare = async (): Promise<number> => {
      const start = performance.now();
      const context = await browser!.newContext({ viewport: VIEWPORT });
      await context.route('https://widget.flowxo.com/embed.js*', (route) => route.fulfill({ body: script, contentType: 'text/javascript' }));
      const page = await context.newPage();
      await page.goto(site.url);
      await page.waitForFunction(`window.FxoMessenger?.getState().state === 'connected'`, undefined, { polling: 5 });
      const took = performance.now() - start;
      await context.close();
      return took;
    };
    // Untimed: the import on first sight, and one page of each side so neither pays for a cold start.
    await botbench();
    await plain();
    await bare();
    const times = { botbench: [] as number[], plain: [] as number[], bare: [] as number[] };
    for (let i = 0; i < OPENS; i++) {
      for (const [side, open] of [
        ['botbench', botbench],
        ['plain', plain],
        ['bare', bare],
      ] as const) {
        await sleep(PACE_MS);
        times[side].push(await open());
      }
    }
    const row = (name: string, values: number[]) => [name, ms(median(values)), ms(summarize(values).p90), ms(Math.max(...values))];
    printTable(
      ['Side', 'Median', 'p90', 'Max'],
      [
        row('bare Playwright + one-line route', times.bare),
        row('Botbench own-site profile (spare context, as browser mode)', times.botbench),
        row('Botbench own-site profile (no spare: same calls as bare)', times.plain),
      ],
    );
    const goal = (name: string, values: number[]) => [
      name,
      `≤ ${GOAL_RATIO}×`,
      ms(median(times.bare)),
      ms(median(values)),
      ratio(median(values), median(times.bare)),
      verdict(median(values) / median(times.bare) <= GOAL_RATIO),
    ];
    printTable(
      ['Open → widget connected (incognito, own site)', 'Goal', 'Baseline median', 'Botbench median', 'Ratio', 'Verdict'],
      [goal('as browser mode runs (spare)', times.botbench), goal('no spare', times.plain)],
    );
  } finally {
    await service.dispose();
    await plainService.dispose();
    await host.dispose();
    await plainHost.dispose();
    await browser?.close();
    await site.close();
    await platform.stop();
    dir.remove();
  }
}

await main();

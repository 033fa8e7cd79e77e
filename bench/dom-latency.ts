/**
 * #3 Webhook → message visible in the widget DOM, in real Chromium. The page itself POSTs the
 * webhook (CORS is open) and a MutationObserver on the widget's transcript sees the bubble
 * arrive, so both timestamps come from the page's performance clock. Baseline: the bare relay's
 * page (a WebSocket and a list in a shadow root), same browser, same run.
 *
 *   node bench/dom-latency.ts [--quick]
 */
import { chromium, type Page } from 'playwright-core';
import { chromiumExecutable, chromiumLaunch } from '../main/profiles/chromium.ts';
import { startBare, startPlatform } from './lib/platform.ts';
import { ms, printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { summarize, type Summary } from './lib/stats.ts';

const COUNT = QUICK ? 20 : 2000;
const INTERVAL_MS = 5;
const WARMUP = QUICK ? 0 : 200;
const GOAL_P99 = 20;
const USER = 'bench-dom';

/**
 * Installed in the page: `__bench.run(webhookUrl, path, tag, count, intervalMs)` POSTs `count`
 * webhooks, one every `intervalMs`, and resolves with [sentAt[], seenAt[]] once every message
 * is in the transcript (a list in a shadow root), or 10 s after the last POST.
 */
const PAGE_SCRIPT = `(() => {
  const bench = { sent: [], seen: [], tag: '' };
  const transcript = () => {
    const widget = document.getElementById('fxo-messenger-root');
    const host = widget ?? document.getElementById('host');
    return host && host.shadowRoot ? host.shadowRoot.querySelector('[data-testid="transcript"]') : null;
  };
  bench.observe = () => {
    const list = transcript();
    if (!list) throw new Error('no transcript in the page');
    new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) for (const node of record.addedNodes) {
        const text = node.nodeType === 1 && node.getAttribute('data-testid') === 'message' ? node.lastElementChild?.textContent ?? '' : '';
        const [tag, index] = text.split(' ');
        if (tag === bench.tag && bench.seen[index] === undefined) bench.seen[index] = now;
      }
    }).observe(list, { childList: true });
  };
  bench.run = (url, path, tag, count, interval) => new Promise((resolve) => {
    bench.tag = tag; bench.sent = new Array(count); bench.seen = new Array(count);
    let i = 0;
    const deadline = () => setTimeout(() => resolve([bench.sent, bench.seen]), 10000);
    const check = () => {
      if (bench.seen.filter((t) => t !== undefined).length === count) resolve([bench.sent, bench.seen]);
      else setTimeout(check, 20);
    };
    const fire = () => {
      const body = JSON.stringify({ response_path: path, text: tag + ' ' + i });
      const index = i++;
      bench.sent[index] = performance.now();
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status === 200 || console.error('webhook answered ' + r.status));
      if (i < count) setTimeout(fire, interval); else { deadline(); check(); }
    };
    fire();
  });
  window.__bench = bench;
})()`;

/**
 * Run before the page's scripts: stamps each WebSocket `message` frame as it reaches the page
 * (a listener added at construction runs before the widget's own), to split the latency into
 * "POST → frame in the page" and "frame → DOM".
 */
const FRAME_HOOK = `(() => {
  const Native = window.WebSocket;
  window.__frames = {};
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const now = performance.now();
        if (typeof event.data === 'string' && event.data.includes('"type":"message"')) {
          const text = JSON.parse(event.data).message.text;
          if (window.__frames[text] === undefined) window.__frames[text] = now;
        }
      });
    }
  };
})()`;

interface Measured {
  summary: Summary;
  network: Summary;
  render: Summary;
  /** Frame → DOM over the first and the last tenth of the messages: does the widget slow down as its transcript grows? */
  renderFirst: Summary;
  renderLast: Summary;
  lost: number;
}

async function measure(page: Page, webhookUrl: string, path: string, tag: string, count: number): Promise<Measured> {
  const [sent, seen, frames] = await page.evaluate<[number[], (number | null)[], Record<string, number>]>(
    `window.__bench.run(${JSON.stringify(webhookUrl)}, ${JSON.stringify(path)}, ${JSON.stringify(tag)}, ${count}, ${INTERVAL_MS}).then(([sent, seen]) => [sent, seen, window.__frames])`,
  );
  const samples: number[] = [];
  const network: number[] = [];
  const render: number[] = [];
  const renderFirst: number[] = [];
  const renderLast: number[] = [];
  seen.forEach((at, i) => {
    if (typeof at !== 'number') return;
    samples.push(at - sent[i]!);
    const frame = frames[`${tag} ${i}`];
    if (frame !== undefined) {
      network.push(frame - sent[i]!);
      render.push(at - frame);
      if (i < count / 10) renderFirst.push(at - frame);
      if (i >= count - count / 10) renderLast.push(at - frame);
    }
  });
  return {
    summary: summarize(samples),
    network: summarize(network),
    render: summarize(render),
    renderFirst: summarize(renderFirst),
    renderLast: summarize(renderLast),
    lost: count - samples.length,
  };
}

async function main(): Promise<void> {
  printHeader(
    'Webhook → message visible in the widget DOM (Chromium)',
    import.meta.filename,
    `Headless Chromium (${chromiumExecutable()}), one page per side. The page POSTs ${COUNT} webhooks with fetch, one every ${INTERVAL_MS} ms ` +
      `(after ${WARMUP} for warm-up), to its own open widget; a MutationObserver on the widget's transcript (in its shadow root) ` +
      'stamps each message bubble as it is inserted. Both stamps are `performance.now()` in the page; a WebSocket wrapper installed before ' +
      'the page’s scripts also stamps each frame as it arrives, splitting the time into the server’s part and the widget’s. ' +
      'Baseline: the bare relay’s page (a WebSocket that appends the text to a list in a shadow root), same browser, same run.',
  );
  const bare = await startBare();
  const platform = await startPlatform();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, ...chromiumLaunch() });
  try {
    const bot = await platform.createBot();
    const platformPage = await browser.newPage();
    await platformPage.addInitScript(FRAME_HOOK);
    platformPage.on('console', (message) => {
      if (message.text().startsWith('webhook answered')) {
        console.error(`platform page: ${message.text()}`);
        process.exitCode = 1;
      }
    });
    await platformPage.goto(`${platform.url}/site/${bot.botId}?externalUserId=${USER}&open=1`);
    await platformPage.waitForFunction(`window.FxoMessenger && window.FxoMessenger.getState().state === 'connected'`);
    await platformPage.evaluate(PAGE_SCRIPT);
    await platformPage.evaluate('window.__bench.observe()');

    const barePage = await browser.newPage();
    await barePage.addInitScript(FRAME_HOOK);
    await barePage.goto(`${bare.url}/page?externalUserId=${USER}`);
    await barePage.waitForFunction(`window.bareState === 'connected'`);
    await barePage.evaluate(PAGE_SCRIPT);
    await barePage.evaluate('window.__bench.observe()');

    const sides = [
      { name: 'Bare relay page (baseline)', page: barePage, url: bare.webhookUrl, path: `${bare.botId}/c/${USER}` },
      { name: 'Platform + embed.js widget', page: platformPage, url: bot.webhookUrl, path: `${bot.botId}/c/${USER}` },
    ];
    const results = [];
    for (const side of sides) {
      // Each page in front in turn: a background page's timers are throttled.
      await side.page.bringToFront();
      if (WARMUP) await measure(side.page, side.url, side.path, 'warm', WARMUP);
      results.push({ ...side, ...(await measure(side.page, side.url, side.path, 'run', COUNT)) });
    }
    printTable(
      [
        'Side',
        'POST → DOM p50',
        'p90',
        'p99',
        'max',
        'POST → frame in page p50 / p99',
        'Frame → DOM p50 / p99',
        'Frame → DOM p50, first / last tenth',
        'Samples',
        'Lost',
      ],
      results.map((r) => [
        r.name,
        ms(r.summary.p50),
        ms(r.summary.p90),
        ms(r.summary.p99),
        ms(r.summary.max),
        `${ms(r.network.p50)} / ${ms(r.network.p99)}`,
        `${ms(r.render.p50)} / ${ms(r.render.p99)}`,
        `${ms(r.renderFirst.p50)} / ${ms(r.renderLast.p50)}`,
        r.summary.n,
        r.lost,
      ]),
    );
    const [base, plat] = results as [(typeof results)[0], (typeof results)[0]];
    printTable(
      ['Webhook → DOM', 'Goal', 'Baseline (bare page)', 'Platform widget', 'Ratio (platform ÷ bare)', 'Verdict'],
      [
        ['p50', '–', ms(base.summary.p50), ms(plat.summary.p50), ratio(plat.summary.p50, base.summary.p50), '–'],
        [
          'p99',
          `≤ ${GOAL_P99} ms`,
          ms(base.summary.p99),
          ms(plat.summary.p99),
          ratio(plat.summary.p99, base.summary.p99),
          verdict(plat.summary.p99 <= GOAL_P99),
        ],
        ['max', '–', ms(base.summary.max), ms(plat.summary.max), ratio(plat.summary.max, base.summary.max), '–'],
      ],
    );
    if (QUICK && base.lost + plat.lost > 0) process.exitCode = 1;
  } finally {
    await browser.close();
    await bare.stop();
    await platform.stop();
  }
}

await main();

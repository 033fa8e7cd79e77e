import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumExecutable, chromiumLaunch } from '../main/profiles/chromium.ts';
import { printHeader, printTable, QUICK, ratio, verdict } from './lib/report.ts';
import { summarize } from './lib/stats.ts';

/**
 * The Log screen with 100,000 entries, in real Chromium: the built workbench UI over a stand-in
 * for preload (`window.botbench`) whose log.query answers 100k entries. Measures the first render
 * of the screen and each filter keystroke (input event → the last change to the rows, in a deferred render),
 * against a baseline in the same page: a plain Array.filter over the same entries.
 */
const ENTRIES = QUICK ? 5_000 : 100_000;
const RENDERS = QUICK ? 3 : 15;
/** Each narrows or changes the result, so every keystroke has something to show. */
const QUERIES = [
  'e',
  'en',
  'entry 1',
  'entry 12',
  'entry 123',
  'webhook',
  'webhook r',
  'refused',
  'queued',
  'visitor 9',
  'visitor 99',
  'flow failed',
  '',
];

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function main(): Promise<void> {
  printHeader(
    'Log view with 100k entries (workbench UI in Chromium)',
    import.meta.filename,
    `Entries: ${ENTRIES}. First render: ${RENDERS} switches to the Log screen. Keystrokes: ${QUERIES.length} filter texts, 3 rounds.`,
  );
  const root = resolve('out/renderer');
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const file = join(root, path === '/' ? 'index.html' : path);
    try {
      response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, ...chromiumLaunch() });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.addInitScript((count: number) => {
      const kinds = ['connect', 'message_in', 'message_out', 'webhook', 'flow', 'disconnect'];
      const statuses = ['success', 'delivered', 'queued', 'refused', 'failed'];
      const entries = Array.from({ length: count }, (_, i) => ({
        seq: count - i,
        at: Date.now() - i * 1000,
        botId: '5852754509ac70000c104b80',
        responsePath: `5852754509ac70000c104b80/c/n_${(i % 997).toString(36).padStart(7, '0')}`,
        kind: kinds[i % kinds.length],
        status: statuses[i % statuses.length],
        summary: `Entry ${i}: ${kinds[i % kinds.length]} ${statuses[i % statuses.length]} for visitor ${i % 997}`,
        detail: { i },
      }));
      (window as any).__entries = entries;
      const answers: Record<string, unknown> = {
        'workbench.info': { version: 'bench', mode: 'electron', platformUrl: 'http://127.0.0.1:1', dataDir: null },
        'log.query': entries,
      };
      (window as any).botbench = {
        methods: new Proxy({}, { get: (_target, name: string) => async () => (name in answers ? answers[name] : []) }),
        onEvent: () => () => undefined,
      };
    }, ENTRIES);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.getByTestId('nav-profiles').waitFor();

    const renders: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      await page.getByTestId('nav-profiles').click();
      renders.push(
        await page.evaluate(async () => {
          const start = performance.now();
          (document.querySelector('[data-testid="nav-log"]') as HTMLElement).click();
          while (!document.querySelector('[data-testid="log-row"]')) await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - start;
        }),
      );
    }

    const keystrokes = await page.evaluate(async (queries: string[]) => {
      const input = document.querySelector('[data-testid="log-filter-text"]') as HTMLInputElement;
      const count = document.querySelector('[data-testid="log-count"]') as HTMLElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
      const ui: number[] = [];
      const plain: number[] = [];
      const entries = (window as any).__entries as Array<{ summary: string; responsePath: string; kind: string }>;
      for (let round = 0; round < 3; round++) {
        for (const text of queries) {
          // The screen filters in a deferred render: the keystroke is done when the row count shows the new result.
          const before = count.textContent;
          let start = performance.now();
          setValue.call(input, text);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          while (count.textContent === before && performance.now() - start < 1000) await frame();
          if (count.textContent !== before) ui.push(performance.now() - start);
          start = performance.now();
          const q = text.toLowerCase();
          entries.filter((e) => `${e.summary} ${e.responsePath} ${e.kind}`.toLowerCase().includes(q));
          plain.push(performance.now() - start);
        }
      }
      return { ui, plain };
    }, QUERIES);

    const render = summarize(renders);
    const typing = summarize(keystrokes.ui);
    const baseline = summarize(keystrokes.plain);
    printTable(
      ['measure', 'goal', 'baseline (plain Array.filter)', 'Log screen', 'ratio', 'verdict'],
      [
        ['first render, median / p95', '—', '—', `${render.p50.toFixed(1)} / ${percentile95(renders).toFixed(1)} ms`, '—', '—'],
        [
          'filter keystroke, median / p95',
          '≤ 50 ms',
          `${baseline.p50.toFixed(1)} / ${percentile95(keystrokes.plain).toFixed(1)} ms`,
          `${typing.p50.toFixed(1)} / ${percentile95(keystrokes.ui).toFixed(1)} ms`,
          ratio(typing.p50, baseline.p50),
          verdict(percentile95(keystrokes.ui) <= 50),
        ],
      ],
    );
  } finally {
    await browser.close();
    server.close();
  }
}

function percentile95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

await main();

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPolicy, FLOW_XO_RESOURCES, parseSerializedPolicy, serializePolicy, type FlowXoResource } from '../../main/findings/csp.ts';
import { launchBrowser } from '../mocks/chromium.ts';

/**
 * main/findings/csp.ts against real Chromium: for random policies over the sources that matter to
 * Flow XO's hosts, the evaluator says "blocked" exactly when Chromium fires an enforced
 * securitypolicyviolation for that load. Flow XO's hosts are answered by the test (no network).
 */
describe('CSP evaluator against Chromium', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const tag = url.searchParams.get('tag');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': url.searchParams.get('csp') ?? '' });
      response.end(`<!doctype html><title>csp</title>${tag ?? ''}<p>probe</p>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    context = await browser.newContext();
    await context.route(
      (url) => url.hostname.endsWith('flowxo.com'),
      (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
    );
    // A string, not a function: what the test runner compiles a function into need not run in a page.
    await context.addInitScript(`window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => { if (e.disposition === 'enforce') window.__violations.push(e.blockedURI); });`);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  type Load = { resource: FlowXoResource; mode: 'tag' | 'tag-with-nonce' | 'script-made' };

  /** Whether Chromium blocks the load on a page served with `policy`. */
  async function chromiumBlocks(policy: string, { resource, mode }: Load): Promise<boolean> {
    const url = new URL('/', origin);
    url.searchParams.set('csp', policy);
    if (resource.kind === 'script' && mode !== 'script-made')
      url.searchParams.set('tag', `<script src="${resource.url}"${mode === 'tag-with-nonce' ? ' nonce="abc"' : ''}></script>`);
    await page.goto(url.toString());
    await page.evaluate(
      ([target, kind, made]) => {
        if (kind === 'socket') new WebSocket(target);
        else if (kind === 'api') void fetch(target).catch(() => undefined);
        else if (made) {
          const script = document.createElement('script');
          script.src = target;
          document.body.append(script);
        }
      },
      [resource.url, resource.kind, mode === 'script-made'] as const,
    );
    // A violation is reported within a task or two of the load; allowed loads report nothing.
    await page.waitForTimeout(120);
    const seen = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    return seen.some((blocked) => blocked.startsWith(resource.url.replace(/\/$/, '')));
  }

  const source = fc.oneof(
    fc.constantFrom("'self'", "'none'", '*', "'unsafe-inline'", "'strict-dynamic'", "'nonce-abc'", 'https:', 'http:', 'wss:', 'ws:'),
    fc
      .record({
        scheme: fc.constantFrom('', 'https://', 'http://', 'wss://', 'ws://'),
        host: fc.constantFrom('widget.flowxo.com', 'messenger.flowxo.com', '*.flowxo.com', 'flowxo.com', '*', 'cdn.example.test'),
        port: fc.constantFrom('', '', ':443', ':80', ':*'),
        path: fc.constantFrom('', '', '/', '/embed.js', '/loader.js', '/js/'),
      })
      .map(({ scheme, host, port, path }) => `${scheme}${host}${port}${path}`),
  );
  const directive = fc.record({
    name: fc.constantFrom('default-src', 'script-src', 'script-src-elem', 'connect-src'),
    value: fc.array(source, { minLength: 0, maxLength: 4 }),
  });
  const policy = fc.array(directive, { minLength: 1, maxLength: 3 }).map((directives) => serializePolicy({ directives }));
  const load = fc.record({
    resource: fc.constantFrom(...FLOW_XO_RESOURCES),
    mode: fc.constantFrom<Load['mode']>('tag', 'tag-with-nonce', 'script-made'),
  });

  it('agrees with Chromium on random policies (fixed seed, 60 cases)', { timeout: 120_000 }, async () => {
    const disagreements: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(policy, load, async (text, l) => {
          const parsed = parseSerializedPolicy(text);
          const element = { nonce: l.mode === 'tag-with-nonce' ? 'abc' : null, parserInserted: l.mode !== 'script-made' };
          const ours = !checkPolicy(parsed, l.resource.directive, new URL(l.resource.url), new URL(origin), element).allowed;
          const theirs = await chromiumBlocks(text, l);
          if (ours !== theirs)
            disagreements.push(
              `${text} | ${l.resource.url} (${l.mode}): evaluator ${ours ? 'blocks' : 'allows'}, Chromium ${theirs ? 'blocks' : 'allows'}`,
            );
          return ours === theirs;
        }),
        { seed: 2426, numRuns: 60, endOnFailure: true },
      )
      .catch(() => undefined);
    expect(disagreements).toEqual([]);
  });

  it.each<[string, Load['mode'], FlowXoResource['kind'], boolean]>([
    ["connect-src 'self' https://widget.flowxo.com", 'tag', 'socket', true],
    ['connect-src wss://widget.flowxo.com', 'tag', 'socket', false],
    ['connect-src ws:', 'tag', 'socket', false],
    ['default-src *', 'tag', 'socket', false],
    ["script-src 'strict-dynamic' 'nonce-abc' https://widget.flowxo.com", 'tag', 'script', true],
    ["script-src 'strict-dynamic' 'nonce-abc'", 'tag-with-nonce', 'script', false],
    ["script-src 'strict-dynamic'", 'script-made', 'script', false],
    ['script-src https://widget.flowxo.com/embed', 'tag', 'script', true],
  ])('%s, %s %s: blocked %s, as the evaluator says', async (text, mode, kind, blocked) => {
    const resource = FLOW_XO_RESOURCES.find((r) => r.generation === 'legacy' && r.kind === kind)!;
    const element = { nonce: mode === 'tag-with-nonce' ? 'abc' : null, parserInserted: mode !== 'script-made' };
    expect(!checkPolicy(parseSerializedPolicy(text), resource.directive, new URL(resource.url), new URL(origin), element).allowed).toBe(blocked);
    expect(await chromiumBlocks(text, { resource, mode })).toBe(blocked);
  });
});

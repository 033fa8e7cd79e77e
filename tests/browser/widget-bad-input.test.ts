import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformServer } from '../../main/platform/server.ts';
import { launchBrowser } from '../mocks/chromium.ts';
import { startCustomerSite } from '../mocks/customer-site.ts';
import { createBot, startPlatform } from '../mocks/platform.ts';
import { recordConsole, type PageConsole } from '../conformance/serve-fixture.ts';

// What a page gets wrong when embedding either script: each is a console error that says what was
// expected, the widget stays usable, and the platform writes nothing for a visitor that never connected.

describe('widget scripts given bad input, in Chromium', () => {
  let server: PlatformServer;
  let browser: Browser;
  let context: BrowserContext;
  const sites: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());
  beforeEach(async () => {
    server = await startPlatform();
    context = await browser.newContext();
  });
  afterEach(async () => {
    await context.close();
    await Promise.all(sites.splice(0).map((site) => site.close()));
    await server.close();
  });

  async function open(html: string): Promise<{ page: Page; output: PageConsole }> {
    const site = await startCustomerSite(`<!doctype html><meta charset="utf-8"><title>Customer site</title><body>${html}</body>`);
    sites.push(site);
    const page = await context.newPage();
    const output = recordConsole(page);
    await page.goto(site.url);
    return { page, output };
  }

  const loader = (attributes: string): string => `<script src="${server.url}/loader.js" ${attributes}></script>`;
  const initScript = (body: string): string => `<script>window.onFlowXOInit = ${body};</script>`;
  const state = (page: Page) => page.evaluate(() => ((window as any).FlowXO ?? (window as any).FxoMessenger).botbench?.getState() ?? null);
  const connected = (page: Page) =>
    page.waitForFunction(() => ((window as any).FlowXO ?? (window as any).FxoMessenger)?.botbench?.getState().state === 'connected', undefined, {
      timeout: 15_000,
    });
  const users = () => server.platform.users.list({});

  it('embed.js?callback= naming no function: an error saying a global function was expected; the widget starts', async () => {
    const bot = await createBot(server, { name: 'Legacy' });
    const { page, output } = await open(
      `<script src="${server.url}/embed.js?callback=messengerReady" data-fxo-widget="${bot.embedCode}" async defer></script>`,
    );
    await connected(page);
    expect(output.errors).toEqual([expect.stringContaining('expected a global function messengerReady()')]);
  });

  for (const [title, attributes, expected] of [
    ['missing', 'data-other="x"', 'got none'],
    ['malformed', 'data-connection="not a connection/id"', 'got "not a connection/id"'],
  ] as const) {
    it(`loader.js with data-connection ${title}: an error naming the expected form; FlowXO stays callable; nothing is written`, async () => {
      const { page, output } = await open(loader(attributes));
      await expect
        .poll(() => output.errors)
        .toEqual([expect.stringMatching(new RegExp(`data-connection="<your connection ID>".*${expected.replace(/[/"]/g, '.')}`))]);
      // The page's own calls still work (nothing to open yet).
      expect(await page.evaluate(() => ((window as any).FlowXO.open(), (window as any).FlowXO.isOpen()))).toBe(false);
      expect(server.platform.bots.list()).toEqual([]);
      expect(users()).toEqual([]);
    });
  }

  for (const [title, init, expected] of [
    ['throws', '(id) => { throw new Error("backend down"); }', 'threw or rejected; expected it to resolve to { member, config }'],
    ['rejects', 'async (id) => { throw new Error("backend down"); }', 'threw or rejected; expected it to resolve to { member, config }'],
    ['returns the wrong shape', 'async (id) => 42', 'must resolve to an object like { member: { id, name, email, metadata }, config }'],
    ['returns a member without an id', 'async (id) => ({ member: { name: "Ada" } })', 'member.id must be a non-empty string'],
  ] as const) {
    it(`onFlowXOInit that ${title}: an error saying what was expected, and an anonymous start`, async () => {
      const { page, output } = await open(initScript(init) + loader('data-connection="site-1"'));
      await connected(page);
      expect(await state(page)).toMatchObject({ kind: 'anonymous' });
      expect(output.errors).toEqual([expect.stringContaining(expected)]);
      expect(output.errors[0]).toContain('Starting anonymous');
    });
  }

  it('onFlowXOInit that never settles: nothing is written while it waits; after the time-out an error says so and the visitor starts anonymous', async () => {
    const { page, output } = await open(initScript('() => new Promise(() => {})') + loader('data-connection="site-1"'));
    // The bot is made on first sight of the connection; no visitor exists before the widget connects.
    await expect.poll(() => server.platform.bots.list().length).toBe(1);
    expect(users()).toEqual([]);
    expect(await page.evaluate(() => (window as any).FlowXO.botbench)).toBeNull();
    await connected(page);
    expect(output.errors).toEqual([
      expect.stringMatching(/did not settle within 5 s; expected it to resolve to \{ member, config \}\. Starting anonymous\./),
    ]);
    expect(await state(page)).toMatchObject({ kind: 'anonymous' });
    expect(users()).toHaveLength(1);
  });

  it('FlowXO.identify without an id: an error naming the expected member; the visitor stays as they are', async () => {
    const { page, output } = await open(loader('data-connection="site-1"'));
    await connected(page);
    const before = await state(page);
    await page.evaluate(() => (window as any).FlowXO.identify({ name: 'Ada', email: 'ada@example.com' }));
    expect(output.errors).toEqual([expect.stringContaining('FlowXO.identify: member.id must be a non-empty string')]);
    expect(await state(page)).toMatchObject({ kind: 'anonymous', responsePath: before.responsePath });
    expect(users()).toHaveLength(1);
  });
});

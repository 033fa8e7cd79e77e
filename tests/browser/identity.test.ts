import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { clearSiteData, connectedState, launchBrowser, launchPersistent, openWidget, typeMessage, visibleMessages } from '../mocks/chromium.ts';
import { embedPage, startCustomerSite } from '../mocks/customer-site.ts';
import { createBot, postWebhook, startPlatform } from '../mocks/platform.ts';

describe('identity in real Chromium profiles', () => {
  let server: PlatformServer;
  let bot: Bot;
  let browser: Browser;
  let site: string;
  const contexts: BrowserContext[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());
  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server, { name: 'Identity bot' });
    site = `${server.url}/site/${bot.botId}`;
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    await server.close();
  });

  const fresh = async (): Promise<BrowserContext> => {
    const context = await browser.newContext();
    contexts.push(context);
    return context;
  };
  const userDataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-profile-'));
    dirs.push(dir);
    return dir;
  };

  it('a persistent profile keeps its Channel ID across reloads and a browser restart', async () => {
    const dir = userDataDir();
    const first = await launchPersistent(dir);
    const { page, state } = await openWidget(first, site);
    expect(state).toMatchObject({ kind: 'anonymous', storage: 'local', responsePath: `${bot.botId}/c/${state.channelId}` });
    expect(state.channelId).toMatch(/^n_/);
    await page.reload();
    expect((await connectedState(page)).channelId).toBe(state.channelId);
    await first.close();

    const relaunched = await launchPersistent(dir);
    contexts.push(relaunched);
    const again = await openWidget(relaunched, site);
    expect(again.state.channelId).toBe(state.channelId);
    await expect.poll(() => again.page.locator('#bb-response-path').textContent()).toBe(state.responsePath);
  });

  it('an incognito (fresh) profile gets a different Channel ID', async () => {
    const a = await openWidget(await fresh(), site);
    const b = await openWidget(await fresh(), site);
    expect(a.state.channelId).not.toBe(b.state.channelId);
  });

  it('clearing site data (DevTools protocol) gives a new Channel ID', async () => {
    const context = await launchPersistent(userDataDir());
    contexts.push(context);
    const { page, state } = await openWidget(context, site);
    await clearSiteData(context, page, server.url);
    await page.reload();
    const after = await connectedState(page);
    expect(after.channelId).not.toBe(state.channelId);
    expect(after.channelId).toMatch(/^n_/);
  });

  it('a Clear-Site-Data response (the /clear page) gives a new Channel ID', async () => {
    const context = await fresh();
    const { page, state } = await openWidget(context, site);
    await page.goto(`${site}/clear`);
    // Chromium clears the storage before it shows the page; on a busy machine that takes seconds (CI once ran out of the 1 s default).
    await expect.poll(() => page.textContent('body'), { timeout: 15_000 }).toContain('Site data cleared');
    await page.goto(site);
    expect((await connectedState(page)).channelId).not.toBe(state.channelId);
  });

  it('externalUserId=User123 gives {botId}/c/User123 in two separate profiles', async () => {
    const url = `${site}?externalUserId=User123`;
    const a = await openWidget(await fresh(), url);
    const b = await openWidget(await fresh(), url);
    expect(a.state).toMatchObject({ channelId: 'User123', kind: 'external', responsePath: `${bot.botId}/c/User123` });
    expect(b.state.responsePath).toBe(`${bot.botId}/c/User123`);
    await expect.poll(() => b.page.locator('[data-testid="channel-id"]').textContent()).toContain('User123');
  });

  it('metadata set by the page shows in the bot’s reply', async () => {
    const { page } = await openWidget(await fresh(), `${site}?metadata=${encodeURIComponent('{"myUserId":"123"}')}`);
    await typeMessage(page, 'who am I?');
    await expect.poll(() => visibleMessages(page, 'bot')).toEqual([expect.stringContaining('Metadata: {"myUserId":"123"}')]);
    expect(await visibleMessages(page, 'widget')).toEqual(['who am I?']);
  });

  it('a webhook reaches the right page and only it', async () => {
    const target = await openWidget(await fresh(), site);
    const other = await openWidget(await fresh(), site);
    const answer = await postWebhook(bot, { response_path: target.state.responsePath, text: 'Just for you' });
    expect(answer.body).toMatchObject({ status: 'delivered', delivered: 1 });
    await expect.poll(() => visibleMessages(target.page, 'webhook')).toEqual([expect.stringContaining('Just for you')]);
    expect(await visibleMessages(other.page)).toEqual([]);
  });

  it('a webhook to an offline user arrives when the page comes back, once, as messageReceived', async () => {
    // A customer site on its own origin whose ready callback listens, as the seed's sites do.
    const customer = await startCustomerSite(
      embedPage(server.url, bot.embedCode, "FxoMessenger.on('messageReceived', function (m) { window.received.push(m.text); });"),
    );
    const dir = userDataDir();
    try {
      const first = await launchPersistent(dir);
      const { state } = await openWidget(first, customer.url);
      await first.close();
      await expect.poll(() => postWebhook(bot, { response_path: state.responsePath, text: 'ping' }).then((a) => a.body.status)).toBe('queued');
      for (const text of ['one', 'two', 'three']) await postWebhook(bot, { response_path: state.responsePath, text });

      const back = await launchPersistent(dir);
      contexts.push(back);
      const { page } = await openWidget(back, customer.url);
      await expect.poll(() => page.evaluate(() => (window as any).received as string[])).toEqual(expect.arrayContaining(['one', 'two', 'three']));
      // In order, each once (the "ping" probes that found the user offline came first).
      const received = await page.evaluate(() => (window as any).received as string[]);
      expect(received.filter((text) => text !== 'ping')).toEqual(['one', 'two', 'three']);

      // Shown once: after a reload they are history, not new messages.
      await page.reload();
      await connectedState(page);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await page.evaluate(() => (window as any).received as string[])).toEqual([]);
      expect((await visibleMessages(page, 'webhook')).slice(-3)).toEqual(['one', 'two', 'three'].map((t) => expect.stringContaining(t)));
    } finally {
      await customer.close();
    }
  });

  it('reset gives an anonymous visitor a new Channel ID and an empty transcript', async () => {
    const { page, state } = await openWidget(await fresh(), site);
    await typeMessage(page, 'before reset');
    await expect.poll(() => visibleMessages(page)).toHaveLength(2);
    await page.locator('[data-testid="reset"]').click();
    await expect.poll(async () => (await connectedState(page)).channelId).not.toBe(state.channelId);
    expect(await visibleMessages(page)).toEqual([]);
    await page.reload();
    expect((await connectedState(page)).channelId).not.toBe(state.channelId);
  });

  it('reset is refused with the reason shown when the site sets an external user ID', async () => {
    const { page } = await openWidget(await fresh(), `${site}?externalUserId=User123`);
    const result = await page.evaluate(() => (window as any).FxoMessenger.resetConversation());
    expect(result).toMatchObject({ ok: false, code: 'BOTBENCH_ERR_RESET_EXTERNAL' });
    await expect
      .poll(() => page.locator('[data-testid="notice"]').textContent())
      .toContain('Reset is unavailable when the site sets an external user ID');
    expect((await connectedState(page)).channelId).toBe('User123');
  });

  it('the widget adds exactly one global, FxoMessenger', async () => {
    const page = await (await fresh()).newPage();
    await page.goto(`${server.url}/api/health`);
    const embedCode = bot.embedCode;
    const added = await page.evaluate(
      async ({ src, code }) => {
        const before = new Set(Object.getOwnPropertyNames(window));
        const script = document.createElement('script');
        script.src = src;
        script.dataset.fxoWidget = code;
        document.head.append(script);
        await new Promise((resolve) => script.addEventListener('load', resolve));
        return Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
      },
      { src: `${server.url}/embed.js`, code: embedCode },
    );
    expect(added).toEqual(['FxoMessenger']);
  });
});

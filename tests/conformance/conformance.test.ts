import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { launchBrowser, typeMessage, visibleMessages } from '../mocks/chromium.ts';
import { createBot, postWebhook, startPlatform } from '../mocks/platform.ts';
import { recordConsole, serveFixture, type PageConsole } from './serve-fixture.ts';

// Flow XO's published snippets (tests/conformance/fixtures, each naming its article), run
// unmodified in real Chromium against the platform, each asserting what its article says happens.
// docs/api.md's conformance table names these tests; tests/conformance/table.test.ts keeps them in step.

const CONNECTION = 'your-connection-id';

interface WidgetState {
  state: string;
  channelId: string | null;
  responsePath: string | null;
  kind: string | null;
  open: boolean;
}

describe('Flow XO conformance', () => {
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

  async function open(fixture: string, embedCode = '', before?: (page: Page) => Promise<void>): Promise<{ page: Page; output: PageConsole }> {
    const site = await serveFixture(fixture, server.url, embedCode);
    sites.push(site);
    const page = await context.newPage();
    const output = recordConsole(page);
    await before?.(page);
    await page.goto(site.url);
    return { page, output };
  }

  /** The widget's state through Botbench's own handle, once it is connected. */
  async function connected(page: Page): Promise<WidgetState> {
    await page.waitForFunction(
      () => (window as any)[(window as any).FlowXO ? 'FlowXO' : 'FxoMessenger']?.botbench?.getState().state === 'connected',
      undefined,
      {
        timeout: 15_000,
      },
    );
    return page.evaluate(() => ((window as any).FlowXO ?? (window as any).FxoMessenger).botbench.getState() as WidgetState);
  }

  const inbound = (responsePath: string): string[] =>
    server.platform.transcripts
      .history(responsePath)
      .filter((message) => message.direction === 'in')
      .map((message) => message.text);

  const connectionBot = (): Bot => {
    const bot = server.platform.bots.byConnectionId(CONNECTION);
    if (!bot) throw new Error(`no bot for connection ${CONNECTION}`);
    return bot;
  };

  describe('"Web Messenger API" (legacy embed.js, FxoMessenger)', () => {
    for (const [fixture, title] of [
      ['legacy-ready-callback.html', 'Option 1: the ready callback sends "Hey!" once connected and logs each received message'],
      [
        'legacy-synchronous.html',
        'Option 2: loaded synchronously, the code after the tag sends "Hey!" once connected and logs each received message',
      ],
    ] as const) {
      it(title, async () => {
        const bot = await createBot(server, { name: 'Legacy bot' });
        const { page, output } = await open(fixture, bot.embedCode);
        const state = await connected(page);
        expect(state.responsePath).toBe(`${bot.botId}/c/${state.channelId}`);
        await expect.poll(() => inbound(state.responsePath!)).toEqual(['Hey!']);
        // The bot's answer reaches the messageReceived handler, which logs the message object.
        await expect
          .poll(() => output.logs.flat().some((value) => (value as { text?: string } | null)?.text?.startsWith('You said "Hey!"')))
          .toBe(true);
        // Sent once: a later state change does not send again.
        await page.reload();
        await connected(page);
        await expect.poll(() => inbound(state.responsePath!).length).toBe(2);
        expect(inbound(state.responsePath!)).toEqual(['Hey!', 'Hey!']);
        expect(output.errors).toEqual([]);
      });
    }

    it('create, destroy and toggle: created and destroyed fire; toggle destroys an existing messenger or else creates one', async () => {
      const bot = await createBot(server, { name: 'Legacy bot' });
      const { page } = await open('legacy-lifecycle.html', bot.embedCode);
      await connected(page);
      const names = () => page.evaluate(() => (window as any).seen.map(([name]: [string]) => name).filter((name: string) => name !== 'stateChanged'));
      expect(await names()).toEqual(['created']);
      const root = () => page.evaluate(() => document.getElementById('fxo-messenger-root') !== null);
      expect(await root()).toBe(true);

      await page.evaluate(() => (window as any).FxoMessenger.destroy());
      expect(await root()).toBe(false);
      await expect.poll(() => server.platform.hub.size).toBe(0);
      await page.evaluate(() => (window as any).FxoMessenger.toggle());
      await connected(page);
      expect(await root()).toBe(true);
      await page.evaluate(() => (window as any).FxoMessenger.toggle());
      expect(await root()).toBe(false);
      await page.evaluate(() => (window as any).FxoMessenger.create());
      await connected(page);
      expect(await names()).toEqual(['created', 'destroyed', 'created', 'destroyed', 'created']);
    });

    it('stateChanged gives the state as a string; getState gives the state and config', async () => {
      const bot = await createBot(server, { name: 'Legacy bot' });
      const { page } = await open('legacy-lifecycle.html', bot.embedCode);
      await connected(page);
      const states = await page.evaluate(() =>
        (window as any).seen.filter(([name]: [string]) => name === 'stateChanged').map(([, state]: [string, unknown]) => state),
      );
      expect(states).toEqual(['connecting', 'connected']);
      const state = await page.evaluate(() => (window as any).FxoMessenger.getState());
      expect(state).toMatchObject({ state: 'connected', config: {} });
    });

    it('setConfig applies the display keys and emits configChanged; an unknown key is a console warning naming the known ones', async () => {
      const bot = await createBot(server, { name: 'Legacy bot' });
      const { page, output } = await open('legacy-lifecycle.html', bot.embedCode);
      await connected(page);
      await page.evaluate(() =>
        (window as any).FxoMessenger.setConfig({ headerText: 'Acme help', theme: '#aa3300', fullscreen: true, colour: 'red' }),
      );
      const header = page.locator('[data-testid="bot-name"]');
      await expect.poll(() => header.textContent()).toBe('Acme help');
      expect(await page.locator('[data-testid="panel"]').getAttribute('class')).toContain('fullscreen');
      expect(await page.evaluate(() => document.getElementById('fxo-messenger-root')!.style.getPropertyValue('--fxo-theme'))).toBe('#aa3300');
      const changed = await page.evaluate(() =>
        (window as any).seen.filter(([name]: [string]) => name === 'configChanged').map(([, config]: [string, unknown]) => config),
      );
      expect(changed).toEqual([{ headerText: 'Acme help', theme: '#aa3300', fullscreen: true }]);
      expect(output.warnings).toEqual([
        expect.stringMatching(/"colour".*externalUserId, metadata, userHash, headerText, theme, fullscreen, welcomeText/),
      ]);
    });

    it('sendMessage(text, metadata): messageSent fires and the metadata reaches the flow trigger', async () => {
      const bot = await createBot(server, { name: 'Legacy bot' });
      const { page } = await open('legacy-lifecycle.html', bot.embedCode);
      await connected(page);
      await page.evaluate(() => (window as any).FxoMessenger.sendMessage('Order status?', { orderId: 'A-17' }));
      const sent = await page.evaluate(() =>
        (window as any).seen.filter(([name]: [string]) => name === 'messageSent').map(([, message]: [string, unknown]) => message),
      );
      expect(sent).toEqual([expect.objectContaining({ text: 'Order status?', metadata: { orderId: 'A-17' } })]);
      // The identity echo flow renders the trigger's metadata into its answer.
      await expect.poll(() => visibleMessages(page, 'bot')).toEqual([expect.stringContaining('"orderId":"A-17"')]);
    });
  });

  describe('"Web Messenger Javascript Api" and "Web Messenger Metadata" (current loader.js, FlowXO)', () => {
    it('Basic Setup with User Identity: onFlowXOInit is awaited before connecting; member.id becomes the response path {botId}/c/{member.id}', async () => {
      const { page, output } = await open('current-basic-setup.html');
      const state = await connected(page);
      const bot = connectionBot();
      expect(state).toMatchObject({ kind: 'external', channelId: 'user-42', responsePath: `${bot.botId}/c/user-42` });
      // Awaited before connecting: the platform never saw an anonymous visitor from this page.
      expect(server.platform.users.list({ botId: bot.botId }).map((user) => user.responsePath)).toEqual([`${bot.botId}/c/user-42`]);
      expect(server.platform.users.get(`${bot.botId}/c/user-42`)?.attributes).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
      // The config: header title and primary colour.
      await expect.poll(() => page.locator('[data-testid="bot-name"]').textContent()).toBe('Support');
      expect(await page.evaluate(() => document.getElementById('fxo-messenger-root')!.style.getPropertyValue('--fxo-theme'))).toBe('#4F46E5');
      expect(output.errors).toEqual([]);
    });

    it('Metadata: the automatic visitorInfo and the member metadata are merged, sent on connect and visible to flows', async () => {
      const { page } = await open('current-basic-setup.html');
      const state = await connected(page);
      const user = server.platform.users.get(state.responsePath!)!;
      const origin = new URL(page.url()).origin;
      expect(user.metadata).toMatchObject({
        plan: 'pro',
        company: 'Analytical Engines',
        visitorInfo: {
          geo: {},
          environment: { network: { origin, host: new URL(server.url).host }, page: { url: page.url() } },
        },
      });
      expect((user.metadata.visitorInfo as { environment: { userAgent: { raw: string } } }).environment.userAgent.raw).toContain('Chrome');
      await page.evaluate(() => (window as any).FlowXO.open());
      await typeMessage(page, 'What do you know?');
      await expect
        .poll(() => visibleMessages(page, 'bot'))
        .toEqual([expect.stringMatching(/"visitorInfo".*"plan":"pro"|"plan":"pro".*"visitorInfo"/)]);
    });

    it('Auto-Open After Delay: flowxo:ready carries the connection ID, and FlowXO.open opens the messenger 30 s later', async () => {
      const { page } = await open('current-auto-open.html', '', (p) => p.clock.install());
      await connected(page);
      expect(await page.evaluate((id) => (window as any).FlowXO.isOpen(id), CONNECTION)).toBe(false);
      await page.clock.fastForward(29_000);
      expect(await page.evaluate((id) => (window as any).FlowXO.isOpen(id), CONNECTION)).toBe(false);
      await page.clock.fastForward(2_000);
      await expect.poll(() => page.evaluate((id) => (window as any).FlowXO.isOpen(id), CONNECTION)).toBe(true);
      expect(await page.locator('[data-testid="panel"]').isVisible()).toBe(true);
    });

    it("Track Widget Events: open, userMessage and agentMessage fire; agentMessage for a webhook to the visitor's response path", async () => {
      const { page, output } = await open('current-track-events.html');
      const state = await connected(page);
      const bot = connectionBot();

      // A webhook while the messenger is closed: agentMessage, and the page shows its notification.
      const hook = await postWebhook(bot, { response_path: state.responsePath, text: 'Your order shipped' });
      expect(hook.body).toMatchObject({ status: 'delivered' });
      await expect.poll(() => page.evaluate(() => (window as any).notifications)).toEqual(['New message from support']);

      await page.locator('[data-testid="launcher"]').click();
      await expect.poll(() => page.evaluate(() => (window as any).tracked)).toEqual([['widget_opened', { connectionId: CONNECTION }]]);

      await typeMessage(page, 'Thanks!');
      await expect.poll(() => output.logs.some((values) => values[0] === 'User sent:' && values[1] === 'Thanks!')).toBe(true);
      // The bot's answer arrives while open: agentMessage fires but the page shows no notification.
      await expect.poll(() => visibleMessages(page, 'bot')).toHaveLength(1);
      expect(await page.evaluate(() => (window as any).notifications)).toEqual(['New message from support']);
    });

    it('Update User Identity on Login/Logout: identify moves the visitor to {botId}/c/{id} with name and email; logout returns to the anonymous ID', async () => {
      const { page } = await open('current-login-logout.html');
      const anonymous = await connected(page);
      const bot = connectionBot();
      expect(anonymous.kind).toBe('anonymous');

      await page.locator('#login-btn').click();
      const state = () => page.evaluate(() => (window as any).FlowXO.botbench.getState() as WidgetState);
      await expect.poll(async () => (await state()).responsePath).toBe(`${bot.botId}/c/user-7`);
      expect(server.platform.users.get(`${bot.botId}/c/user-7`)?.attributes).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });

      await page.locator('#logout-btn').click();
      await expect.poll(async () => (await state()).responsePath).toBe(anonymous.responsePath);
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { createBot, postWebhook, startPlatform } from '../../mocks/platform.ts';

// The built embed.js (out/widget/embed.js, served by the platform) in jsdom pages, against a real
// platform: protocol, API and UI together. Real-Chromium coverage lives in tests/browser.

// This file is type-checked with the Node project (no DOM lib), so it names the page's API and
// the few DOM members it touches itself rather than importing the widget's DOM-typed modules.

/** window.FxoMessenger as a page sees it. */
interface MessengerState {
  state: 'idle' | 'connecting' | 'connected' | 'disconnected' | 'refused';
  botId: string;
  channelId: string | null;
  responsePath: string | null;
  kind: 'anonymous' | 'external' | null;
  externalUserId: string | null;
  metadata: Record<string, unknown> | null;
  storage: 'local' | 'memory';
  open: boolean;
}
interface FxoMessengerApi {
  setConfig(config: Record<string, unknown>): void;
  sendMessage(text: string, metadata?: Record<string, unknown>): Promise<{ id: string; text: string; createdAt: number }>;
  getState(): MessengerState;
  on(event: string, fn: (payload: unknown) => void): void;
  off(event: string, fn: (payload: unknown) => void): void;
  create(): void;
  destroy(): void;
  toggle(): void;
  resetConversation(): Promise<{ ok: true; channelId: string } | { ok: false; code: string; message: string }>;
}

interface PageElement {
  textContent: string | null;
  hidden: boolean;
  title: string;
  value: string;
  shadowRoot: PageRoot | null;
  getAttribute(name: string): string | null;
  click(): void;
}
interface PageRoot {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}
interface TestWindow {
  FxoMessenger?: FxoMessengerApi;
  log: [string, unknown][];
  document: PageRoot & { getElementById(id: string): PageElement | null };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  TypeError: TypeErrorConstructor;
  DOMException: typeof DOMException;
  close(): void;
}
/** The part of jsdom this file uses (the package ships no types). */
interface Dom {
  window: TestWindow;
}
interface JsdomModule {
  JSDOM: new (html: string, options: Record<string, unknown>) => Dom;
  VirtualConsole: new () => { on(event: string, fn: (...args: unknown[]) => void): void };
}
const { JSDOM, VirtualConsole } = (await import('jsdom' as string)) as JsdomModule;

const doms: Dom[] = [];
const servers: PlatformServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const dom of doms.splice(0)) {
    dom.window.FxoMessenger?.destroy();
    dom.window.close();
  }
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function platform(options: { port?: number; dataDir?: string } = {}): Promise<{ server: PlatformServer; bot: Bot }> {
  const server = await startPlatform(options);
  servers.push(server);
  return { server, bot: await createBot(server, { name: 'Widget bot' }) };
}

/** What a page printed to its console, by level. */
interface PageConsole {
  error: unknown[][];
  other: unknown[][];
}

function pageConsole(): { virtualConsole: unknown; output: PageConsole } {
  const output: PageConsole = { error: [], other: [] };
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('error', (...args) => output.error.push(args));
  virtualConsole.on('jsdomError', (...args) => output.error.push(args));
  for (const level of ['warn', 'info', 'log', 'debug']) virtualConsole.on(level, (...args) => output.other.push(args));
  return { virtualConsole, output };
}

/**
 * A customer page on the platform's origin that embeds the widget. `ready` is the body of its
 * messengerReady callback; every event lands in `window.log` as [event, payload].
 */
function customerPage(
  server: PlatformServer,
  bot: Bot,
  options: { ready?: string; head?: string; beforeParse?: (window: TestWindow) => void; embedCode?: string; twice?: boolean } = {},
) {
  const { virtualConsole, output } = pageConsole();
  const tag = `<script src="${server.url}/embed.js?callback=messengerReady" data-fxo-widget="${options.embedCode ?? bot.embedCode}" async defer></script>`;
  const html = `<!doctype html><html><head>${options.head ?? ''}<script>
    window.log = [];
    function messengerReady() {
      ['created', 'destroyed', 'configChanged', 'stateChanged', 'messageReceived', 'messageSent', 'identityChanged', 'conversationReset', 'resetRefused', 'error'].forEach(function (name) {
        FxoMessenger.on(name, function (payload) { window.log.push([name, payload]); });
      });
      ${options.ready ?? ''}
    }
  </script></head><body><main>Acme</main>${tag}${options.twice ? tag : ''}</body></html>`;
  const dom = new JSDOM(html, {
    url: `${server.url}/customer-page`,
    runScripts: 'dangerously',
    resources: 'usable',
    pretendToBeVisual: true,
    virtualConsole,
    ...(options.beforeParse ? { beforeParse: options.beforeParse } : {}),
  });
  doms.push(dom);
  return { window: dom.window, console: output };
}

const messenger = (window: TestWindow): FxoMessengerApi => {
  if (!window.FxoMessenger) throw new Error('no FxoMessenger yet');
  return window.FxoMessenger;
};
const state = (window: TestWindow): MessengerState => messenger(window).getState();
const events = (window: TestWindow, name: string): unknown[] => window.log.filter(([event]) => event === name).map(([, payload]) => payload);
const connected = (window: TestWindow): Promise<MessengerState> =>
  vi.waitFor(
    () => {
      expect(window.FxoMessenger?.getState().state).toBe('connected');
      return state(window);
    },
    { timeout: 5000, interval: 20 },
  );
const shadow = (window: TestWindow): PageRoot => {
  const root = window.document.getElementById('fxo-messenger-root')?.shadowRoot;
  if (!root) throw new Error('no widget UI');
  return root;
};
const byTestId = (window: TestWindow, id: string): PageElement => {
  const node = shadow(window).querySelector(`[data-testid="${id}"]`);
  if (!node) throw new Error(`no [data-testid="${id}"]`);
  return node;
};
const bubbles = (window: TestWindow): { source: string | null; text: string }[] =>
  [...shadow(window).querySelectorAll('[data-testid="message"]')].map((node) => ({
    source: node.getAttribute('data-source'),
    text: node.textContent ?? '',
  }));

describe('embed.js', () => {
  it('installs one global, calls the ready callback, connects and remembers the anonymous Channel ID', async () => {
    const { server, bot } = await platform();
    const { window, console } = customerPage(server, bot, {
      head: '<script>window.globalsBefore = Object.getOwnPropertyNames(window);</script>',
    });
    const first = await connected(window);
    expect(first).toMatchObject({ botId: bot.botId, kind: 'anonymous', storage: 'local', externalUserId: null, open: false });
    expect(first.channelId).toMatch(/^n_/);
    expect(first.responsePath).toBe(`${bot.botId}/c/${first.channelId}`);
    expect(window.localStorage.getItem(`fxo-messenger:${bot.botId}:channelId`)).toBe(first.channelId);

    const before = new Set((window as unknown as { globalsBefore: string[] }).globalsBefore);
    const added = Object.getOwnPropertyNames(window).filter(
      (name) => !before.has(name) && name !== 'globalsBefore' && name !== 'log' && name !== 'messengerReady',
    );
    expect(added).toEqual(['FxoMessenger']);

    // The callback's handlers saw the first connection from its start: created, then the state as a string (Flow XO's payload).
    expect(events(window, 'created')).toHaveLength(1);
    const states = events(window, 'stateChanged');
    expect(states[0]).toBe('connecting');
    expect(states.at(-1)).toBe('connected');
    expect(new Set(states).size).toBe(states.length);
    expect(events(window, 'identityChanged')).toEqual([
      { channelId: first.channelId, responsePath: first.responsePath, kind: 'anonymous', previousChannelId: null },
    ]);

    // The UI: launcher, hidden panel, header with the Channel ID, the greeting on an empty transcript.
    expect(byTestId(window, 'launcher').getAttribute('aria-label')).toBe('Open chat');
    expect(byTestId(window, 'panel').hidden).toBe(true);
    byTestId(window, 'launcher').click();
    expect(state(window).open).toBe(true);
    expect(byTestId(window, 'panel').hidden).toBe(false);
    expect(byTestId(window, 'launcher').getAttribute('aria-label')).toBe('Close chat');
    expect(byTestId(window, 'channel-id').textContent).toBe(`You are ${first.channelId}`);
    expect(byTestId(window, 'channel-id').title).toContain(first.responsePath);
    expect(shadow(window).querySelector('[data-testid="greeting"]')?.textContent).toBeTruthy();
    expect(byTestId(window, 'status').hidden).toBe(true);
    expect(console.error).toEqual([]);

    // A second visit of the same browser returns as the same visitor.
    // (jsdom pages do not share storage; seed it as the browser would have kept it.)
    const again = customerPage(server, bot, { beforeParse: (w) => w.localStorage.setItem(`fxo-messenger:${bot.botId}:channelId`, first.channelId!) });
    expect((await connected(again.window)).channelId).toBe(first.channelId);
  }, 15_000);

  it('sends messages (also from the callback, before connecting) and shows the bot reply once', async () => {
    const { server, bot } = await platform();
    const { window } = customerPage(server, bot, {
      ready: "FxoMessenger.setConfig({ metadata: { plan: 'pro' } }); window.early = FxoMessenger.sendMessage('sent early');",
    });
    await connected(window);
    const early = await (window as unknown as { early: Promise<{ id: string; text: string }> }).early;
    expect(early).toMatchObject({ text: 'sent early' });

    const sent = await messenger(window).sendMessage('hello bot');
    expect(sent).toEqual({ id: expect.any(String), text: 'hello bot', createdAt: expect.any(Number) });
    await vi.waitFor(() => expect(events(window, 'messageReceived')).toHaveLength(2));
    expect(events(window, 'messageSent')).toEqual([early, sent]);
    const replies = events(window, 'messageReceived') as { text: string; source: string }[];
    expect(replies.map((reply) => reply.source)).toEqual(['bot', 'bot']);
    expect(replies[1]!.text).toContain('You said "hello bot"');
    expect(replies[1]!.text).toContain('Metadata: {"plan":"pro"}');

    expect(bubbles(window).map((bubble) => bubble.source)).toEqual(['widget', 'bot', 'widget', 'bot']);
    expect(shadow(window).querySelector('[data-testid="greeting"]')).toBeNull();
    expect(shadow(window).querySelectorAll('[data-testid="pending"]')).toHaveLength(0);

    // Typing and pressing Send (a form submit, as Enter does).
    const input = byTestId(window, 'input');
    input.value = 'typed';
    byTestId(window, 'send').click();
    expect(input.value).toBe('');
    await vi.waitFor(() => expect(bubbles(window)).toHaveLength(6));
    expect(bubbles(window)[4]).toEqual({ source: 'widget', text: 'typed' });

    await expect(messenger(window).sendMessage('   ')).rejects.toThrow(window.TypeError);
  });

  it('shows a message sent in one window in the other window of the same external user, as its own, not received', async () => {
    const { server, bot } = await platform();
    const ready = "FxoMessenger.setConfig({ externalUserId: 'Shared7' });";
    const one = customerPage(server, bot, { ready }).window;
    const two = customerPage(server, bot, { ready }).window;
    await connected(one);
    await connected(two);
    await messenger(one).sendMessage('from window one');
    await vi.waitFor(() => expect(bubbles(two).map((b) => b.source)).toEqual(['widget', 'bot']));
    expect(bubbles(two)[0]).toEqual({ source: 'widget', text: 'from window one' });
    expect((events(two, 'messageReceived') as { source: string }[]).map((m) => m.source)).toEqual(['bot']);
    expect(bubbles(one).map((b) => b.source)).toEqual(['widget', 'bot']);
  });

  it('setConfig after connecting re-identifies on the same socket; reset is refused for an external user', async () => {
    const { server, bot } = await platform();
    const { window } = customerPage(server, bot);
    const anonymous = await connected(window);
    const key = `fxo-messenger:${bot.botId}:channelId`;

    expect(() => messenger(window).setConfig({ externalUserId: 'has space' })).toThrow(/externalUserId must be/);
    expect(() => messenger(window).setConfig({ externalUserId: 'a/b' })).toThrow(window.TypeError);
    expect(() => messenger(window).setConfig({ metadata: [1, 2] as unknown as Record<string, unknown> })).toThrow(/metadata must be a plain object/);

    messenger(window).setConfig({ externalUserId: 'User123' });
    await vi.waitFor(() =>
      expect(state(window)).toMatchObject({ state: 'connected', channelId: 'User123', kind: 'external', externalUserId: 'User123' }),
    );
    expect(events(window, 'identityChanged').at(-1)).toEqual({
      channelId: 'User123',
      responsePath: `${bot.botId}/c/User123`,
      kind: 'external',
      previousChannelId: anonymous.channelId,
    });
    // The anonymous ID stays stored: removing the external ID brings that visitor back.
    expect(window.localStorage.getItem(key)).toBe(anonymous.channelId);
    expect(byTestId(window, 'reset').hidden).toBe(true);

    const result = await messenger(window).resetConversation();
    expect(result).toEqual({
      ok: false,
      code: 'BOTBENCH_ERR_RESET_EXTERNAL',
      message: 'Reset is unavailable when the site sets an external user ID.',
    });
    expect(events(window, 'resetRefused')).toEqual([{ code: 'BOTBENCH_ERR_RESET_EXTERNAL', message: result.ok ? '' : result.message }]);
    expect(events(window, 'error')).toEqual([
      { code: 'BOTBENCH_ERR_RESET_EXTERNAL', message: 'Reset is unavailable when the site sets an external user ID.' },
    ]);
    expect(byTestId(window, 'notice').hidden).toBe(false);
    expect(byTestId(window, 'notice').textContent).toContain('Reset is unavailable when the site sets an external user ID.');
    expect(state(window).channelId).toBe('User123');

    messenger(window).setConfig({ externalUserId: null });
    await vi.waitFor(() => expect(state(window)).toMatchObject({ state: 'connected', channelId: anonymous.channelId, kind: 'anonymous' }));
    expect(byTestId(window, 'reset').hidden).toBe(false);
  });

  it('resets an anonymous conversation to a new Channel ID and an empty transcript', async () => {
    const { server, bot } = await platform();
    const { window } = customerPage(server, bot);
    const before = await connected(window);
    await messenger(window).sendMessage('before reset');
    await vi.waitFor(() => expect(bubbles(window)).toHaveLength(2));

    const result = await messenger(window).resetConversation();
    expect(result).toEqual({ ok: true, channelId: expect.stringMatching(/^n_/) });
    if (!result.ok) return;
    expect(result.channelId).not.toBe(before.channelId);
    expect(state(window)).toMatchObject({ state: 'connected', channelId: result.channelId, responsePath: `${bot.botId}/c/${result.channelId}` });
    expect(events(window, 'conversationReset')).toEqual([
      { channelId: result.channelId, responsePath: `${bot.botId}/c/${result.channelId}`, previousChannelId: before.channelId },
    ]);
    expect((events(window, 'identityChanged').at(-1) as { previousChannelId: string }).previousChannelId).toBe(before.channelId);
    expect(window.localStorage.getItem(`fxo-messenger:${bot.botId}:channelId`)).toBe(result.channelId);
    expect(bubbles(window)).toEqual([]);

    // The reset button does the same.
    byTestId(window, 'reset').click();
    await vi.waitFor(() => expect(events(window, 'conversationReset')).toHaveLength(2));
    await connected(window);
    expect(state(window).channelId).not.toBe(result.channelId);
  });

  it('shows a long transcript the platform sends in pages, whole and in order', async () => {
    const { server, bot } = await platform();
    const path = `${bot.botId}/c/Reader9`;
    server.platform.users.connect(bot.botId, 'Reader9', 'external', {});
    for (let i = 0; i < 200; i++) server.platform.transcripts.append(path, 'in', 'widget', `${i} ${'y'.repeat(2000)}`);
    const { window } = customerPage(server, bot, { ready: "FxoMessenger.setConfig({ externalUserId: 'Reader9' });" });
    await vi.waitFor(() => expect(bubbles(window)).toHaveLength(200), { timeout: 10_000, interval: 50 });
    expect(bubbles(window).map((bubble) => Number(bubble.text.split(' ')[0]))).toEqual([...Array(200).keys()]);
    // Still a working conversation after the pages.
    await messenger(window).sendMessage('after the history');
    await vi.waitFor(() => expect(bubbles(window)).toHaveLength(202));
  });

  it('is refused, with the reason shown, for an unknown bot, and does not retry', async () => {
    const { server, bot } = await platform();
    const unknown = Buffer.from(JSON.stringify({ web: { botId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }, theme: '#123456' })).toString('base64');
    const { window, console } = customerPage(server, bot, {
      embedCode: unknown,
      ready: "window.pending = FxoMessenger.sendMessage('lost'); window.pending.catch(function () {});",
    });
    await vi.waitFor(() => expect(window.FxoMessenger?.getState().state).toBe('refused'));
    await expect((window as unknown as { pending: Promise<unknown> }).pending).rejects.toThrow();
    const notice = byTestId(window, 'notice');
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toMatch(/\S/);
    expect(events(window, 'error')).toEqual([{ code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: expect.any(String) }]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(state(window).state).toBe('refused');
    expect(server.platform.hub.size).toBe(0);
    expect(console.error).toEqual([]);
  });

  it('survives a throwing ready callback and throwing handlers, and ignores a second copy of itself', async () => {
    const { server, bot } = await platform();
    const { window, console } = customerPage(server, bot, {
      twice: true,
      ready: "FxoMessenger.on('stateChanged', function () { throw new Error('handler bug'); }); throw new Error('callback bug');",
    });
    await connected(window);
    expect(console.error.some((args) => String(args[0]).includes('ready callback'))).toBe(true);
    expect(console.error.some((args) => String(args[0]).includes('"stateChanged" handler threw'))).toBe(true);
    expect(window.document.querySelectorAll('#fxo-messenger-root')).toHaveLength(1);
    expect(server.platform.hub.size).toBe(1);
  });

  it('falls back to memory storage, silently, when localStorage throws', async () => {
    const { server, bot } = await platform();
    const { window, console } = customerPage(server, bot, {
      beforeParse(window) {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() {
            throw new window.DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      },
    });
    const connectedState = await connected(window);
    expect(connectedState.storage).toBe('memory');
    expect(connectedState.channelId).toMatch(/^n_/);
    expect(console.error).toEqual([]);
    expect(console.other).toEqual([]);
  });

  it('reconnects after the platform went away and delivers queued messages once, in order', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'botbench-widget-'));
    dirs.push(dataDir);
    const { server, bot } = await platform({ dataDir });
    const port = Number(new URL(server.url).port);
    const { window } = customerPage(server, bot);
    const first = await connected(window);
    await server.close();
    await vi.waitFor(() => expect(state(window).state).toBe('disconnected'));
    expect(byTestId(window, 'status').textContent).toBe('Offline — reconnecting…');

    const again = await startPlatform({ port, dataDir });
    servers.push(again);
    // Queued before the widget is back (it retries every few hundred ms): two webhooks in a row.
    const [one, two] = [
      await postWebhook(bot, { response_path: first.responsePath, text: 'queued one' }),
      await postWebhook(bot, { response_path: first.responsePath, text: 'queued two' }),
    ];
    expect([one.status, two.status]).toEqual([200, 200]);
    await connected(window);
    await vi.waitFor(() =>
      expect((events(window, 'messageReceived') as { text: string }[]).map((m) => m.text)).toEqual(['queued one', 'queued two']),
    );
    expect(state(window).channelId).toBe(first.channelId);
    expect(events(window, 'identityChanged')).toHaveLength(1);
    expect(bubbles(window)).toEqual([
      { source: 'webhook', text: 'webhookqueued one' },
      { source: 'webhook', text: 'webhookqueued two' },
    ]);
    // They were acknowledged: nothing is left to deliver.
    await vi.waitFor(() => expect(again.platform.queue.size(first.responsePath!)).toBe(0));
  });

  it('destroy() removes the UI and stops; create() starts again; toggle() destroys an existing messenger or else creates one', async () => {
    const { server, bot } = await platform();
    const { window } = customerPage(server, bot);
    await connected(window);
    messenger(window).destroy();
    expect(window.document.getElementById('fxo-messenger-root')).toBeNull();
    expect(state(window).state).toBe('idle');
    expect(events(window, 'destroyed')).toHaveLength(1);
    await vi.waitFor(() => expect(server.platform.hub.size).toBe(0));
    messenger(window).create();
    await connected(window);
    expect(window.document.getElementById('fxo-messenger-root')).not.toBeNull();
    expect(events(window, 'created')).toHaveLength(2);

    messenger(window).toggle();
    expect(window.document.getElementById('fxo-messenger-root')).toBeNull();
    expect(events(window, 'destroyed')).toHaveLength(2);
    messenger(window).toggle();
    await connected(window);
    expect(events(window, 'created')).toHaveLength(3);
  });

  it('setConfig applies the display keys, warns naming the known keys for an unknown one, and emits configChanged', async () => {
    const { server, bot } = await platform();
    const { window, console } = customerPage(server, bot, {
      ready: "FxoMessenger.setConfig({ headerText: 'Acme support', theme: '#aa3300', fullscreen: true, welcomeText: 'Welcome!', colour: 'red' });",
    });
    await connected(window);
    expect(byTestId(window, 'bot-name').textContent).toBe('Acme support');
    expect(shadow(window).querySelector('[data-testid="greeting"]')?.textContent).toBe('Welcome!');
    expect(byTestId(window, 'panel').getAttribute('class')).toContain('fullscreen');
    const warning = console.other.map((args) => String(args[0])).find((text) => text.includes('"colour"'));
    expect(warning).toContain('externalUserId, metadata, userHash, headerText, theme, fullscreen, welcomeText');
    expect(events(window, 'configChanged')).toEqual([{ headerText: 'Acme support', theme: '#aa3300', fullscreen: true, welcomeText: 'Welcome!' }]);
    expect(messenger(window).getState()).toMatchObject({ state: 'connected', config: { headerText: 'Acme support' } });
    expect(console.error).toEqual([]);
  });

  it('sendMessage(text, metadata) puts the metadata on the trigger of the flows the message starts', async () => {
    const { server, bot } = await platform();
    const { window } = customerPage(server, bot, { ready: "FxoMessenger.setConfig({ metadata: { plan: 'pro' } });" });
    await connected(window);
    await messenger(window).sendMessage('with metadata', { orderId: 'A-17' });
    expect(events(window, 'messageSent').at(-1)).toMatchObject({ text: 'with metadata', metadata: { orderId: 'A-17' } });
    const logged = server.platform.log.query({ botId: bot.botId }).find((entry) => entry.kind === 'message_in');
    expect(logged?.detail).toMatchObject({ text: 'with metadata', metadata: { plan: 'pro', orderId: 'A-17' } });
  });

  it('says in the console when the callback named in the script URL is not a function, and starts anyway', async () => {
    const { server, bot } = await platform();
    const { virtualConsole, output } = pageConsole();
    const html = `<!doctype html><body><script src="${server.url}/embed.js?callback=notThere" data-fxo-widget="${bot.embedCode}"></script></body>`;
    const dom = new JSDOM(html, {
      url: `${server.url}/page`,
      runScripts: 'dangerously',
      resources: 'usable',
      pretendToBeVisual: true,
      virtualConsole,
    });
    doms.push(dom);
    await connected(dom.window);
    expect(output.error.map((args) => String(args[0]))).toEqual([expect.stringContaining('expected a global function notThere()')]);
  });
});

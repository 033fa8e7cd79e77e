import { runInNewContext } from 'node:vm';
import type { BrowserWindow } from 'electron';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ElectronProfileHost } from '../../../main/profiles/electron-host.ts';
import type { FlowXOScriptRequest, PageHooks, PageSpec, ProfilePage, StorageMode, WidgetReport } from '../../../main/profiles/profile-host.ts';
import type { PageAction } from '../../../main/profiles/types.ts';
import { calls, FakeBrowserWindow, resetElectronFake, session, views, type FakeSession, type FakeWebContentsView } from '../../mocks/electron.ts';
import { MAX_CALL_BYTES } from '../../../main/common/messenger-calls.ts';
import { pageContext } from '../../mocks/page-context.ts';
import type { ObservedPolicy } from '../../../main/profiles/site-policy.ts';
import type { PageSecurityReport } from '../../../main/profiles/violation-observer.ts';

vi.mock('electron', async () => (await import('../../mocks/electron.ts')).electronFake);

const HARDENED = { sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' };
const SITE = 'http://127.0.0.1:4000';

/** ElectronProfileHost (main/profiles/electron-host.ts) against the recording fake of Electron. */
describe('ElectronProfileHost', () => {
  let window: FakeBrowserWindow;
  let host: ElectronProfileHost;
  const reports = new Map<string, WidgetReport[]>();
  const crashes = new Map<string, string[]>();
  const actions = new Map<string, PageAction[]>();

  beforeEach(() => {
    resetElectronFake();
    reports.clear();
    actions.clear();
    crashes.clear();
    window = new FakeBrowserWindow({ show: false });
    host = new ElectronProfileHost(() => window as unknown as BrowserWindow);
  });
  afterEach(() => host.dispose());

  function hooks(id: string): PageHooks {
    return {
      onWidget: (report) => reports.set(id, [...(reports.get(id) ?? []), report]),
      onCrash: (reason) => crashes.set(id, [...(crashes.get(id) ?? []), reason]),
      onPageAction: (action) => actions.set(id, [...(actions.get(id) ?? []), action]),
    };
  }

  async function open(id: string, storage: StorageMode): Promise<{ page: ProfilePage; view: FakeWebContentsView }> {
    const spec: PageSpec = { id, storage, url: `${SITE}/site/${id}`, viewport: { width: 420, height: 680 } };
    const page = await host.open(spec, hooks(id));
    return { page, view: views.at(-1)! };
  }

  function partitionOf(view: FakeWebContentsView): string {
    return view.$options.webPreferences!.partition!;
  }

  /**
   * Runs the observer script the host installed in `view`'s page, as Chromium would before the
   * page's own scripts, over a page whose widget says `state`; returns what it posted on the binding.
   */
  function runObserver(view: FakeWebContentsView, state: Record<string, unknown>): string[] {
    const posted: string[] = [];
    const [binding] = view.webContents.debugger.$bindings;
    const page: Record<string, unknown> = {
      [binding!]: (payload: string) => posted.push(payload),
      FxoMessenger: { botbench: { on: () => undefined, getState: () => state } },
    };
    runInNewContext(view.webContents.debugger.$initScripts[0]!, pageContext(page));
    // The page's own scripts find no binding to call.
    expect(Object.keys(page)).toEqual(['FxoMessenger']);
    return posted;
  }

  const connected = { state: 'connected', channelId: 'n_abc', responsePath: '0123456789abcdef01234567/c/n_abc', kind: 'anonymous' };

  it('opens a persistent profile on its persist: partition, with hardened webPreferences and no preload, over the window', async () => {
    const { view } = await open('p1', 'persistent');
    expect(view.$options).toEqual({ webPreferences: { partition: 'persist:botbench-profile-p1', ...HARDENED } });
    expect(window.contentView.children).toEqual([view]);
    expect(view.webContents.getURL()).toBe(`${SITE}/site/p1`);
  });

  it('opens incognito and blocked-storage profiles on in-memory partitions of their own', async () => {
    const incognito = (await open('i1', 'ephemeral')).view;
    const blocked = (await open('b1', 'blocked')).view;
    for (const view of [incognito, blocked]) {
      expect(partitionOf(view)).toMatch(/^botbench-incognito-/);
      expect(view.$options.webPreferences).toEqual({ partition: partitionOf(view), ...HARDENED });
    }
    expect(partitionOf(incognito)).not.toBe(partitionOf(blocked));
  });

  it('refuses every permission a profile page asks for', async () => {
    const { view } = await open('p1', 'persistent');
    const ses = session.fromPartition(partitionOf(view));
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'] as const) {
      expect(await ses.$requestPermission(permission, view.webContents), permission).toBe(false);
      expect(ses.$checkPermission(permission === 'fullscreen' ? 'fullscreen' : 'geolocation', SITE)).toBe(false);
    }
  });

  it('keeps a profile page in its profile: no new windows, http(s) only', async () => {
    const { view } = await open('p1', 'persistent');
    const contents = view.webContents;
    expect(contents.$windowOpen(`${SITE}/elsewhere`)).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(contents.getURL()).toBe(`${SITE}/elsewhere`));
    expect(contents.$windowOpen('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.getURL()).toBe(`${SITE}/elsewhere`);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'chrome://settings', 'data:text/html,x'])
      expect(contents.$navigate(url), url).toBe(true);
    expect(contents.$navigate('https://example.com/')).toBe(false);
  });

  it('restarts a persistent profile on the same partition, an incognito one on a fresh one, closing the old page', async () => {
    const persistent = await open('p1', 'persistent');
    await persistent.page.restart();
    const again = views.at(-1)!;
    expect(again).not.toBe(persistent.view);
    expect(partitionOf(again)).toBe('persist:botbench-profile-p1');
    expect(persistent.view.webContents.isDestroyed()).toBe(true);
    expect(window.contentView.children).toEqual([again]);

    const incognito = await open('i1', 'ephemeral');
    await incognito.page.restart();
    expect(partitionOf(views.at(-1)!)).toMatch(/^botbench-incognito-/);
    expect(partitionOf(views.at(-1)!)).not.toBe(partitionOf(incognito.view));
  });

  it('restarts with one storage entry seeded on the site’s origin before the page loads', async () => {
    const { page } = await open('p1', 'persistent');
    await page.restart({ origin: SITE, key: 'fxo"key', value: 'n_typed' });
    const contents = views.at(-1)!.webContents;
    const loads = (await import('../../mocks/electron.ts')).calls
      .filter((c) => c.target === contents.$label && c.method === 'loadURL')
      .map((c) => c.args[0]);
    expect(loads).toEqual(['about:blank', `${SITE}/api/health`, `${SITE}/site/p1`]);
    expect(contents.$executed).toEqual(['localStorage.setItem("fxo\\"key", "n_typed")']);
  });

  it('clears site data of the given origin in that profile’s session only', async () => {
    const a = await open('a', 'persistent');
    const b = await open('b', 'persistent');
    const sessionA = session.fromPartition(partitionOf(a.view));
    const sessionB = session.fromPartition(partitionOf(b.view));
    sessionA.$storage.set(SITE, new Map([['fxo', 'n_a']]));
    sessionA.$storage.set('https://other.example', new Map([['x', '1']]));
    sessionB.$storage.set(SITE, new Map([['fxo', 'n_b']]));
    await a.page.clearSiteData(SITE);
    expect([...sessionA.$storage.keys()]).toEqual(['https://other.example']);
    expect([...sessionB.$storage.keys()]).toEqual([SITE]);
  });

  it('gives a blocked-storage profile nothing to keep: every page load starts from empty storage', async () => {
    const blocked = await open('b1', 'blocked');
    const persistent = await open('p1', 'persistent');
    const blockedSession = session.fromPartition(partitionOf(blocked.view));
    const persistentSession = session.fromPartition(partitionOf(persistent.view));
    blockedSession.$storage.set(SITE, new Map([['fxo', 'n_1']]));
    persistentSession.$storage.set(SITE, new Map([['fxo', 'n_2']]));
    await blocked.page.reload();
    await persistent.page.reload();
    await vi.waitFor(() => expect(blockedSession.$storage.size).toBe(0));
    expect(persistentSession.$storage.size).toBe(1);
  });

  it('installs the widget observer over the debugger before the page loads, and routes its reports to the right profile', async () => {
    const a = await open('a', 'persistent');
    const b = await open('b', 'ephemeral');
    for (const { view } of [a, b]) {
      expect(view.webContents.debugger.isAttached()).toBe(true);
      // The widget observer's and the page-security observer's (violation-observer.ts).
      expect(view.webContents.debugger.$bindings).toHaveLength(2);
      expect(view.webContents.debugger.$initScripts).toHaveLength(2);
    }
    // On a renderer (an empty page), and before the site loads.
    const order = calls
      .filter((c) => c.target === a.view.webContents.$label || c.target === a.view.webContents.debugger.$label)
      .filter((c) => c.method === 'loadURL' || c.method === 'attach' || c.method === 'sendCommand')
      .map((c) => (c.method === 'sendCommand' ? String(c.args[0]) : `${c.method} ${String(c.args[0])}`));
    expect(order).toEqual([
      'loadURL about:blank',
      'attach 1.3',
      'Runtime.enable',
      'Runtime.addBinding',
      'Page.enable',
      'Page.addScriptToEvaluateOnNewDocument',
      'Runtime.enable',
      'Runtime.addBinding',
      'Page.enable',
      'Page.addScriptToEvaluateOnNewDocument',
      `loadURL ${SITE}/site/a`,
    ]);
    // Each page has its own channel: a random binding name and a secret.
    expect(a.view.webContents.debugger.$bindings[0]).not.toBe(b.view.webContents.debugger.$bindings[0]);

    const [payload] = runObserver(a.view, connected);
    a.view.webContents.debugger.$bindingCalled(a.view.webContents.debugger.$bindings[0]!, payload!);
    expect(reports.get('a')).toEqual([expect.objectContaining({ ...connected, loadId: expect.any(String), error: null, errorCode: null })]);
    // a's report (with a's secret) delivered on b's channel is not b's.
    b.view.webContents.debugger.$bindingCalled(b.view.webContents.debugger.$bindings[0]!, payload!);
    expect(reports.get('b')).toBeUndefined();
  });

  it('drops, without throwing, whatever a page can send that is not its observer’s report', async () => {
    const { view } = await open('a', 'persistent');
    const debug = view.webContents.debugger;
    const [binding] = debug.$bindings;
    const [genuine] = runObserver(view, connected);
    const forged = JSON.stringify({ secret: 'guessed', report: JSON.parse(genuine!).report });
    const secret = JSON.parse(genuine!).secret as string;
    const malformed = [
      '{',
      'null',
      '"text"',
      '[]',
      forged,
      JSON.stringify({ report: JSON.parse(genuine!).report }),
      JSON.stringify({ secret, report: { state: 'connected' } }),
      JSON.stringify({ secret, report: { ...JSON.parse(genuine!).report, channelId: 42 } }),
      JSON.stringify({ secret, report: { ...JSON.parse(genuine!).report, channelId: 'x'.repeat(200) } }),
      `${genuine!.slice(0, -1)}, "pad": "${'x'.repeat(17 * 1024 + MAX_CALL_BYTES)}"}`,
    ];
    for (const payload of malformed) expect(() => debug.$bindingCalled(binding!, payload)).not.toThrow();
    // A page logging what the old observer logged cannot throw in the main process or report either.
    expect(() => view.webContents.$consoleMessage('__botbench_report__{')).not.toThrow();
    expect(() => view.webContents.$consoleMessage(`__botbench_report__${JSON.stringify(connected)}`)).not.toThrow();
    // The genuine one on another binding name is not ours either.
    debug.$bindingCalled('__botbenchReport', genuine!);
    expect(reports.get('a')).toBeUndefined();
    debug.$bindingCalled(binding!, genuine!);
    expect(reports.get('a')).toHaveLength(1);
  });

  it('routes the page recorder’s clicks and typing, over the same channel, to the profile’s onPageAction', async () => {
    const a = await open('a', 'persistent');
    const debug = a.view.webContents.debugger;
    // The installed script in a DOM of its own, its binding calls going where Electron's debugger would send them.
    const dom = new JSDOM('<body><form><input name="email"><button data-testid="go">Log in</button></form></body>', { runScripts: 'outside-only' });
    const page = dom.window as unknown as Record<string, unknown>;
    page[debug.$bindings[0]!] = (payload: string) => debug.$bindingCalled(debug.$bindings[0]!, payload);
    dom.window.eval(debug.$initScripts[0]!);
    const email = dom.window.document.querySelector('input')!;
    email.value = 'jane@example.test';
    email.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
    dom.window.document.querySelector('button')!.addEventListener('click', (event) => event.preventDefault());
    dom.window.document.querySelector('button')!.click();
    expect(actions.get('a')).toEqual([
      { type: 'fill', selector: 'input[name="email"]', value: 'jane@example.test' },
      { type: 'click', selector: '[data-testid="go"]' },
    ]);
    expect(reports.get('a')).toBeUndefined();
    // Another page's channel does not take them.
    expect(actions.get('b')).toBeUndefined();
  });

  it('turns a renderer that dies into the profile’s crash, but not a page it closed itself', async () => {
    const a = await open('a', 'persistent');
    a.view.webContents.$crash('oom');
    expect(crashes.get('a')).toEqual(['The page stopped: oom.']);
    await a.page.close();
    a.view.webContents.$crash('crashed');
    expect(crashes.get('a')).toHaveLength(1);
    expect(window.contentView.children).toEqual([]);
  });

  it('places the live page over its pane (at the window’s zoom), hides it when the pane is gone', async () => {
    const { page, view } = await open('a', 'persistent');
    window.webContents.$zoomFactor = 1.25;
    page.place!({ x: 10, y: 20, width: 400, height: 600 });
    expect(view.$bounds).toEqual({ x: 13, y: 25, width: 500, height: 750 });
    expect(view.$visible).toBe(true);
    page.place!(null);
    expect(view.$visible).toBe(false);
  });

  it('drives the page: evaluate, click, type, key, scroll and capture', async () => {
    const { page, view } = await open('a', 'persistent');
    await page.evaluate('document.title');
    await page.input({ type: 'click', x: 5, y: 6 });
    await page.input({ type: 'type', text: 'hi' });
    await page.input({ type: 'key', key: 'Enter' });
    await page.input({ type: 'scroll', x: 1, y: 2, deltaY: 30 });
    expect(await page.capture()).toMatch(/^data:image\/png;base64,/);
    const done = calls
      .filter((c) => c.target === view.webContents.$label)
      .map((c) => `${c.method}${c.method === 'sendInputEvent' ? `:${(c.args[0] as { type: string }).type}` : ''}`);
    expect(done.slice(done.indexOf('executeJavaScript'))).toEqual([
      'executeJavaScript',
      'sendInputEvent:mouseDown',
      'sendInputEvent:mouseUp',
      'insertText',
      'sendInputEvent:keyDown',
      'sendInputEvent:keyUp',
      'sendInputEvent:mouseWheel',
      'capturePage',
    ]);
    await page.close();
    await expect(page.evaluate('1')).rejects.toThrow('closed');
  });
  describe('drive(): page steps with real input events over an in-page locator', () => {
    const SHOP = `<!doctype html><body>
      <h1>Log in</h1><p>Please log in to see your orders</p>
      <form><input id="email" name="email"><input id="off" disabled><button id="go" type="submit">Log in</button></form>
      <div id="plain">not a field</div><div id="hidden" style="display:none">x</div></body>`;

    /** A profile whose page is `html` in jsdom: executeJavaScript runs there, as Chromium would run it in the page. */
    async function shop(html = SHOP): Promise<{ page: ProfilePage; view: FakeWebContentsView; dom: JSDOM }> {
      const opened = await open('s', 'ephemeral');
      const dom = new JSDOM(html, { runScripts: 'outside-only' });
      // jsdom lays nothing out: the button gets a box, the hidden div none (Chromium's checkVisibility would say so).
      const button = dom.window.document.getElementById('go')!;
      button.getBoundingClientRect = () => ({ left: 10, top: 20, width: 100, height: 30 }) as DOMRect;
      const proto = dom.window.HTMLElement.prototype as HTMLElement & { checkVisibility?: () => boolean };
      proto.checkVisibility = function (this: HTMLElement) {
        return this.id !== 'hidden';
      };
      opened.view.webContents.$evaluate = (code) => dom.window.eval(code);
      return { ...opened, dom };
    }

    const inputs = (view: FakeWebContentsView) =>
      calls.filter((c) => c.target === view.webContents.$label && (c.method === 'sendInputEvent' || c.method === 'insertText')).map((c) => c.args[0]);

    it('clicks what a text selector finds: showing exactly the text (any case) and clickable first, at its centre', async () => {
      const { page, view } = await shop();
      await page.drive({ type: 'click', selector: 'text=log IN' }, 500);
      expect(inputs(view)).toEqual([
        { type: 'mouseDown', x: 60, y: 35, button: 'left', clickCount: 1 },
        { type: 'mouseUp', x: 60, y: 35, button: 'left', clickCount: 1 },
      ]);
    });

    it('fills a field: focused, its content selected, the value typed as text', async () => {
      const { page, view, dom } = await shop();
      const field = dom.window.document.getElementById('email') as HTMLInputElement;
      field.value = 'old';
      await page.drive({ type: 'fill', selector: '#email', value: 'ada@shop.test' }, 500);
      expect(dom.window.document.activeElement).toBe(field);
      expect([field.selectionStart, field.selectionEnd]).toEqual([0, 3]);
      expect(inputs(view)).toEqual(['ada@shop.test']);
      await page.drive({ type: 'fill', selector: '#email', value: '' }, 500);
      expect(inputs(view).slice(1)).toEqual([
        { type: 'keyDown', keyCode: 'Backspace', modifiers: [] },
        { type: 'keyUp', keyCode: 'Backspace', modifiers: [] },
      ]);
    });

    it('presses keys as the keyboard does: a character for a plain key, none for a shortcut, after focusing the selector', async () => {
      const { page, view, dom } = await shop();
      await page.drive({ type: 'press', key: 'Enter', selector: '#email' }, 500);
      expect(dom.window.document.activeElement?.id).toBe('email');
      await page.drive({ type: 'press', key: 'Control+a' }, 500);
      await page.drive({ type: 'press', key: 'ArrowDown' }, 500);
      expect(inputs(view)).toEqual([
        { type: 'keyDown', keyCode: 'Enter', modifiers: [] },
        { type: 'char', keyCode: '\r', modifiers: [] },
        { type: 'keyUp', keyCode: 'Enter', modifiers: [] },
        { type: 'keyDown', keyCode: 'a', modifiers: ['control'] },
        { type: 'keyUp', keyCode: 'a', modifiers: ['control'] },
        { type: 'keyDown', keyCode: 'Down', modifiers: [] },
        { type: 'keyUp', keyCode: 'Down', modifiers: [] },
      ]);
    });

    it('waits for text that shows later', async () => {
      const { page, dom } = await shop();
      setTimeout(() => dom.window.document.body.insertAdjacentHTML('beforeend', '<h1>Welcome back, Ada</h1>'), 100);
      await expect(page.drive({ type: 'waitFor', text: 'welcome back' }, 2000)).resolves.toBeUndefined();
    });

    it('refuses, with BOTBENCH_ERR_PAGE_STEP and what it expected, a selector that finds nothing, a hidden or read-only match, or no selector at all', async () => {
      const { page } = await shop();
      const where = `(the page is ${SITE}/site/s)`;
      await expect(page.drive({ type: 'click', selector: '#checkout' }, 100)).rejects.toMatchObject({
        code: 'BOTBENCH_ERR_PAGE_STEP',
        message: `No element matches "#checkout" within 100 ms ${where}.`,
        expected: 'an element matching "#checkout" to show within 100 ms',
      });
      await expect(page.drive({ type: 'waitFor', selector: '#hidden' }, 100)).rejects.toThrow(
        `1 element(s) match "#hidden", but none became visible within 100 ms ${where}.`,
      );
      await expect(page.drive({ type: 'fill', selector: '#plain', value: 'x' }, 100)).rejects.toThrow(
        `The element matching "#plain" cannot be typed into: it is not an enabled text field or editable element ${where}.`,
      );
      await expect(page.drive({ type: 'fill', selector: '#off', value: 'x' }, 100)).rejects.toThrow('cannot be typed into');
      await expect(page.drive({ type: 'waitFor', text: 'Order shipped' }, 100)).rejects.toThrow(
        `The text "Order shipped" did not show within 100 ms ${where}.`,
      );
      await expect(page.drive({ type: 'click', selector: 'button[' }, 100)).rejects.toThrow(
        /^"button\[" is not a valid selector \(.+\); use CSS such as "#email" or text=<what the element shows>\.$/,
      );
    });

    it('turns a page that keeps failing the locator (replaced, crashed) into the step’s error, in Chromium’s words', async () => {
      const { page, view } = await shop();
      view.webContents.$evaluate = () => {
        throw new Error('Script failed to execute');
      };
      await expect(page.drive({ type: 'click', selector: '#go' }, 150)).rejects.toMatchObject({
        code: 'BOTBENCH_ERR_PAGE_STEP',
        message: `Could not click an element matching "#go": Script failed to execute (the page is ${SITE}/site/s).`,
      });
    });

    it('goes to a page relative to the one it shows, and says why one could not be loaded', async () => {
      const { page, view } = await shop();
      await page.drive({ type: 'goto', url: '/login?next=%2F' }, 500);
      expect(view.webContents.getURL()).toBe(`${SITE}/login?next=%2F`);
      view.webContents.$loadError = 'ERR_CONNECTION_REFUSED (-102)';
      await expect(page.drive({ type: 'goto', url: 'http://127.0.0.1:1/' }, 500)).rejects.toMatchObject({
        code: 'BOTBENCH_ERR_PAGE_STEP',
        message: 'The page http://127.0.0.1:1/ could not be loaded: ERR_CONNECTION_REFUSED.',
      });
      await expect(page.drive({ type: 'goto', url: 'javascript:alert(1)' }, 500)).rejects.toThrow(
        'The page javascript:alert(1) could not be loaded: not an http, https or file address.',
      );
    });
  });

  describe('own sites: Flow XO scripts answered by the platform', () => {
    const PLATFORM = 'http://127.0.0.1:5000';
    const SHOP = 'https://shop.example.test:8443';
    const EMBED = 'https://widget.flowxo.com/embed.js?callback=messengerReady';
    const asked: FlowXOScriptRequest[] = [];
    let answer = true;

    async function openSite(spec: Partial<PageSpec> = {}): Promise<FakeSession> {
      const full: PageSpec = {
        id: 's1',
        storage: 'persistent',
        url: `${SHOP}/`,
        viewport: { width: 420, height: 680 },
        flowxo: { platformUrl: PLATFORM, patterns: [{ url: `${SHOP}/static/fxo.js*`, script: 'embed' }] },
        ...spec,
      };
      await host.open(full, {
        ...hooks('s1'),
        onFlowXOScript: async (request) => {
          asked.push(request);
          return answer;
        },
      });
      return session.fromPartition(partitionOf(views.at(-1)!));
    }

    /** The frame that asked: its DOM holds the shop's snippet (the probe reads it through executeJavaScript). */
    const frame = (snippets: unknown) => ({ executeJavaScript: async (_source: string) => snippets });
    const found = { pageUrl: `${SHOP}/`, embedCodes: ['ZW1iZWQ='], connections: [] };

    beforeEach(() => {
      asked.length = 0;
      answer = true;
    });

    it('redirects Flow XO’s embed.js and loader.js to the platform’s answered copies, after telling ProfileService what the page’s snippet says', async () => {
      const ses = await openSite();
      expect(ses.webRequest.$filter?.urls).toEqual([
        'https://widget.flowxo.com/embed.js*',
        'https://messenger.flowxo.com/loader.js*',
        `${SHOP}/static/fxo.js*`,
      ]);
      expect(await ses.webRequest.$request(EMBED, frame(found))).toEqual({ redirectURL: `${PLATFORM}/flowxo/embed.js` });
      expect(asked).toEqual([{ script: 'embed', url: EMBED, snippets: found }]);
      expect(await ses.webRequest.$request('https://messenger.flowxo.com/loader.js', frame(found))).toEqual({
        redirectURL: `${PLATFORM}/flowxo/loader.js`,
      });
      // The site's own copy of the script, by its pattern.
      expect(await ses.webRequest.$request(`${SHOP}/static/fxo.js?v=3`, frame(found))).toEqual({ redirectURL: `${PLATFORM}/flowxo/embed.js` });
    });

    it('lets every other request through untouched, and answers even when the page cannot be read', async () => {
      const ses = await openSite();
      expect(await ses.webRequest.$request(`${SHOP}/app.js`, frame(found))).toEqual({});
      expect(await ses.webRequest.$request('https://widget.flowxo.com/other.js', frame(found))).toEqual({});
      expect(asked).toEqual([]);
      // A page that breaks what the probe calls, or a frame that is gone: the script is still answered.
      expect(await ses.webRequest.$request(EMBED, frame({ pageUrl: 42 }))).toEqual({ redirectURL: `${PLATFORM}/flowxo/embed.js` });
      expect(await ses.webRequest.$request(EMBED, null)).toEqual({ redirectURL: `${PLATFORM}/flowxo/embed.js` });
      expect(asked.map((request) => request.snippets)).toEqual([null, null]);
    });

    it('cancels the script when ProfileService refuses the snippet', async () => {
      const ses = await openSite();
      answer = false;
      expect(await ses.webRequest.$request(EMBED, frame(found))).toEqual({ cancel: true });
    });

    it('routes nothing for a page without Flow XO routing', async () => {
      const ses = await openSite({ flowxo: undefined });
      expect(ses.webRequest.$listener).toBeNull();
      expect(await ses.webRequest.$request(EMBED, frame(found))).toEqual({});
    });

    it('accepts the certificate of the site the tester accepted, and verifies every other host as Chromium does', async () => {
      const ses = await openSite({ acceptCertificateOf: SHOP });
      const UNTRUSTED = -202;
      expect(await ses.$verifyCertificate('shop.example.test', UNTRUSTED)).toBe(0);
      expect(await ses.$verifyCertificate('evil.example.test', UNTRUSTED)).toBe(UNTRUSTED);
      const plain = await openSite({ id: 's2' });
      expect(await plain.$verifyCertificate('shop.example.test', UNTRUSTED)).toBe(UNTRUSTED);
    });

    it('grants Local Network Access to the site’s own origin only, and nothing else', async () => {
      const ses = await openSite();
      const contents = views.at(-1)!.webContents;
      contents.$url = `${SHOP}/`;
      const localNetwork = 'local-network-access' as Parameters<typeof ses.$checkPermission>[0];
      expect(ses.$checkPermission(localNetwork, SHOP)).toBe(true);
      expect(await ses.$requestPermission(localNetwork as Parameters<typeof ses.$requestPermission>[0], contents)).toBe(true);
      expect(ses.$checkPermission(localNetwork, 'https://evil.example.test')).toBe(false);
      expect(ses.$checkPermission('geolocation', SHOP)).toBe(false);
    });
  });

  it('widens an own-site page’s Content-Security-Policy for the local widget over the debugger, and passes the page’s reports on', async () => {
    const policies: ObservedPolicy[] = [];
    const security: PageSecurityReport[] = [];
    const spec: PageSpec = {
      id: 's',
      storage: 'ephemeral',
      url: 'https://shop.example.test/',
      viewport: { width: 420, height: 680 },
      flowxo: { platformUrl: SITE, patterns: [] },
    };
    await host.open(spec, { ...hooks('s'), onSitePolicy: (p) => policies.push(p), onPageSecurity: (r) => security.push(r) });
    const debug = views.at(-1)!.webContents.debugger;
    const sent = () =>
      calls.filter((c) => c.target === debug.$label && c.method === 'sendCommand').map((c) => c.args as [string, Record<string, unknown>]);
    expect(sent().find(([method]) => method === 'Fetch.enable')?.[1]).toEqual({
      patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Response' }],
    });
    const html = `<meta http-equiv="Content-Security-Policy" content="img-src 'self'"><script src="https://widget.flowxo.com/embed.js"></script>`;
    debug.$answers['Fetch.getResponseBody'] = () => ({ body: Buffer.from(html).toString('base64'), base64Encoded: true });
    debug.$event('Fetch.requestPaused', {
      requestId: 'r1',
      request: { url: spec.url },
      resourceType: 'Document',
      responseStatusCode: 200,
      responseHeaders: [
        { name: 'Content-Type', value: 'text/html' },
        { name: 'Content-Security-Policy', value: "default-src 'self'; report-uri /csp" },
        { name: 'Content-Encoding', value: 'gzip' },
      ],
    });
    await vi.waitFor(() => expect(sent().some(([method]) => method === 'Fetch.fulfillRequest')).toBe(true));
    const [, fulfilled] = sent().find(([method]) => method === 'Fetch.fulfillRequest')!;
    const headers = fulfilled.responseHeaders as { name: string; value: string }[];
    expect(headers.find((h) => h.name === 'Content-Security-Policy')!.value).toMatch(
      /script-src 'self' http:\/\/127\.0\.0\.1:4000 https:\/\/widget\.flowxo\.com/,
    );
    expect(headers.filter((h) => h.name === 'Content-Security-Policy-Report-Only').map((h) => h.value)).toEqual(["default-src 'self'"]);
    // The body handed back is decoded: no Content-Encoding that would make Chromium decode it twice.
    expect(headers.some((h) => h.name === 'Content-Encoding')).toBe(false);
    expect(Buffer.from(String(fulfilled.body), 'base64').toString()).toBe(html);
    expect(policies).toEqual([
      {
        url: spec.url,
        headers: ["default-src 'self'; report-uri /csp"],
        reportOnlyHeaders: [],
        metas: ["img-src 'self'"],
        added: expect.arrayContaining([expect.stringMatching(/^script-src: /)]),
      },
    ]);

    // A redirect passes untouched.
    debug.$event('Fetch.requestPaused', {
      requestId: 'r2',
      request: { url: spec.url },
      resourceType: 'Document',
      responseStatusCode: 302,
      responseHeaders: [],
    });
    await vi.waitFor(() => expect(sent().some(([method, params]) => method === 'Fetch.continueRequest' && params.requestId === 'r2')).toBe(true));

    // The page-security observer's script, run as Chromium would: a violation for a Flow XO URL reaches the hook, others do not.
    const binding = debug.$bindings[1]!;
    const listeners: ((e: unknown) => void)[] = [];
    const page: Record<string, unknown> = { [binding]: (payload: string) => debug.$bindingCalled(binding, payload) };
    const document = {
      readyState: 'complete',
      addEventListener: (type: string, fn: (e: unknown) => void) => type === 'securitypolicyviolation' && listeners.push(fn),
      querySelectorAll: () => [{ src: 'https://widget.flowxo.com/embed.js?callback=x', nonce: '' }],
    };
    runInNewContext(debug.$initScripts[1]!, { window: page, document, JSON, String, performance: { now: () => 5 } });
    for (const blockedURI of ['https://cdn.test/a.js', 'https://widget.flowxo.com/embed.js'])
      listeners[0]!({ effectiveDirective: 'script-src-elem', blockedURI, disposition: 'report', originalPolicy: "default-src 'self'" });
    expect(security).toEqual([
      { type: 'scripts', scripts: [{ generation: 'legacy', src: 'https://widget.flowxo.com/embed.js?callback=x', nonce: null }] },
      {
        type: 'violation',
        violation: {
          effectiveDirective: 'script-src-elem',
          blockedURI: 'https://widget.flowxo.com/embed.js',
          disposition: 'report',
          originalPolicy: "default-src 'self'",
          at: 5,
        },
      },
    ]);
  });
});

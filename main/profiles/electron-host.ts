import { session, WebContentsView, type BrowserWindow, type Session, type WebContents } from 'electron';
import { BotbenchError } from '../platform/errors.ts';
import type { PageCommand, PaneBounds, ProfileInput } from './types.ts';
import {
  electronKey,
  locateScript,
  NAVIGATION_GRACE_MS,
  pageStepError,
  resolvePageUrl,
  type LocateAction,
  type LocateResult,
  type PageProblem,
} from './page-commands.ts';
import { viewRectFor } from '../shell/bounds.ts';
import { incognitoPartition, persistentPartition } from '../shell/partitions.ts';
import { installObserver } from './observer-channel.ts';
import { installPolicyInterceptor } from './policy-interceptor.ts';
import { localWidgetOrigins } from './site-policy.ts';
import { installViolationObserver } from './violation-observer.ts';
import type { PageHooks, PageSpec, ProfileHost, ProfilePage, StorageSeed } from './profile-host.ts';
import { FLOWXO_SCRIPTS } from '../common/flowxo-scripts.ts';
import { answeredScriptUrl, beforeAnswering, scriptOf } from './flowxo-routing.ts';

/**
 * Profiles as Electron session partitions shown live in WebContentsViews over their panes:
 * `persist:` partitions for persistent profiles (they survive quitting), a new in-memory
 * partition per incognito window. Views get no preload and no Node, cannot open windows, and
 * may only navigate to http(s).
 */
export class ElectronProfileHost implements ProfileHost {
  readonly name = 'electron' as const;
  readonly #window: () => BrowserWindow | null;
  readonly #pages = new Set<ElectronPage>();

  constructor(window: () => BrowserWindow | null) {
    this.#window = window;
  }

  async open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage> {
    const page = new ElectronPage(spec, hooks, this.#window, () => this.#pages.delete(page));
    this.#pages.add(page);
    await page.start();
    return page;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#pages].map((page) => page.close()));
  }
}

/** Whether `promise` settled within `ms` (true) or not (false); its rejection passes through. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** One key press as the keyboard makes it: down, the character it types (if any), up. */
function sendKey(contents: WebContents, key: string): void {
  const { keyCode, modifiers, char } = electronKey(key);
  contents.sendInputEvent({ type: 'keyDown', keyCode, modifiers });
  if (char !== null) contents.sendInputEvent({ type: 'char', keyCode: char, modifiers });
  contents.sendInputEvent({ type: 'keyUp', keyCode, modifiers });
}

/**
 * Watches for a main-frame navigation an input starts (a submitted form, a link): settled()
 * waits NAVIGATION_GRACE_MS for one to begin and, if one did, until the page stops loading.
 */
function watchNavigation(contents: WebContents): { settled(timeoutMs: number): Promise<void> } {
  let started = false;
  const onStart = (details: Electron.Event<Electron.WebContentsDidStartNavigationEventParams>): void => {
    if (details.isMainFrame && !details.isSameDocument) started = true;
  };
  contents.on('did-start-navigation', onStart);
  return {
    async settled(timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, NAVIGATION_GRACE_MS));
      contents.off('did-start-navigation', onStart);
      if (!started || contents.isDestroyed() || !contents.isLoading()) return;
      await within(new Promise<void>((resolve) => contents.once('did-stop-loading', () => resolve())), timeoutMs);
    },
  };
}

/**
 * Chromium's names for Local Network Access (a page on a public address reaching a loopback
 * one: the platform). Not in Electron's permission type yet, so compared as strings.
 */
const LOCAL_NETWORK_PERMISSIONS: ReadonlySet<string> = new Set(['local-network-access', 'local-network', 'loopback-network']);

/**
 * Locks a profile session down: no permissions granted to customer pages, except Local Network
 * Access for the profile's own site, whose widget must reach the platform on loopback.
 */
function harden(ses: Session, siteOrigin: string | null): void {
  const allowed = (permission: string, origin: string | undefined): boolean =>
    siteOrigin !== null && LOCAL_NETWORK_PERMISSIONS.has(permission) && origin !== undefined && safeOrigin(origin) === siteOrigin;
  ses.setPermissionRequestHandler((_webContents, permission, callback, details) => callback(allowed(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
}

function safeOrigin(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Flow XO's script URLs (and the site's own patterns) answered by the platform, as the Chromium
 * adapter does with context.route: the request is redirected to the platform's copy of the
 * script (its origin written in), after ProfileService has read the page's snippet and imported
 * its bot. The session's webRequest is the profile's own (one partition per profile).
 */
export function routeFlowXO(ses: Session, spec: PageSpec, hooks: PageHooks): void {
  const flowxo = spec.flowxo;
  if (!flowxo) return;
  const urls = [...FLOWXO_SCRIPTS, ...flowxo.patterns].map((pattern) => pattern.url);
  ses.webRequest.onBeforeRequest({ urls }, (details, callback) => {
    const script = scriptOf(spec, details.url);
    if (!script) return callback({});
    const frame = details.frame;
    void beforeAnswering(hooks, script, details.url, (source) =>
      frame ? frame.executeJavaScript(source) : Promise.reject(new Error('The frame that asked is gone.')),
    ).then((answer) => callback(answer ? { redirectURL: answeredScriptUrl(flowxo.platformUrl, script) } : { cancel: true }));
  });
}

/**
 * The tester accepted this https site's certificate (PageSpec.acceptCertificateOf): its host's
 * certificate errors are ignored in this profile's session; every other host is verified as
 * Chromium always does.
 */
export function acceptCertificate(ses: Session, origin: string | undefined): void {
  if (origin === undefined) {
    ses.setCertificateVerifyProc(null);
    return;
  }
  const hostname = new URL(origin).hostname;
  // 0: trusted; -3: whatever Chromium's own verification decided.
  ses.setCertificateVerifyProc((request, callback) => callback(request.hostname === hostname ? 0 : -3));
}

class ElectronPage implements ProfilePage {
  readonly #spec: PageSpec;
  readonly #hooks: PageHooks;
  readonly #window: () => BrowserWindow | null;
  readonly #onClosed: () => void;
  #view: WebContentsView | undefined;
  #partition: string;
  #bounds: PaneBounds | null = null;
  #storage: PageSpec['storage'];
  #closing = false;

  constructor(spec: PageSpec, hooks: PageHooks, window: () => BrowserWindow | null, onClosed: () => void) {
    this.#spec = spec;
    this.#hooks = hooks;
    this.#window = window;
    this.#onClosed = onClosed;
    this.#partition = spec.storage === 'persistent' ? persistentPartition(spec.id) : incognitoPartition(spec.id);
    this.#storage = spec.storage;
  }

  async start(seed?: StorageSeed): Promise<void> {
    this.#closing = false;
    const ses = session.fromPartition(this.#partition);
    harden(ses, this.#spec.flowxo ? safeOrigin(this.#spec.url) : null);
    routeFlowXO(ses, this.#spec, this.#hooks);
    acceptCertificate(ses, this.#spec.acceptCertificateOf);
    const view = new WebContentsView({
      webPreferences: {
        partition: this.#partition,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    this.#view = view;
    const contents = view.webContents;
    this.#lockDown(contents);
    contents.on('render-process-gone', (_event, details) => {
      if (!this.#closing) this.#hooks.onCrash?.(`The page stopped: ${details.reason}.`);
    });
    // The widget observer's channel is the DevTools protocol, as in the Chromium adapter: a page cannot forge a report by logging one.
    // An empty page first, so the view has a renderer to answer the protocol before the first real load.
    await contents.loadURL('about:blank');
    contents.debugger.attach('1.3');
    const cdp = {
      send: (method: string, params?: Record<string, unknown>) => contents.debugger.sendCommand(method, params),
      onBindingCalled: (listener: (params: { name: string; payload: string }) => void) =>
        contents.debugger.on('message', (_event, method, params) => {
          if (method === 'Runtime.bindingCalled') listener(params as { name: string; payload: string });
        }),
    };
    await installObserver(
      cdp,
      (report) => this.#hooks.onWidget(report),
      (action) => this.#hooks.onPageAction?.(action),
    );
    await installViolationObserver(cdp, (report) => this.#hooks.onPageSecurity?.(report));
    // The site's Content-Security-Policy, widened for the local widget only (site-policy.ts): headers and <meta>, over the same protocol.
    const origins = this.#spec.flowxo ? localWidgetOrigins(this.#spec.flowxo.platformUrl) : null;
    if (origins)
      await installPolicyInterceptor(
        {
          send: cdp.send,
          onRequestPaused: (listener) =>
            contents.debugger.on('message', (_event, method, params) => {
              if (method === 'Fetch.requestPaused') listener(params);
            }),
        },
        { origins: () => origins, onPolicy: (policy) => this.#hooks.onSitePolicy?.(policy) },
      );
    this.#window()?.contentView.addChildView(view);
    this.place(this.#bounds);
    if (this.#storage === 'blocked') {
      // Electron has no "block site data" switch: a fresh in-memory partition on every load gives the same outcome (a new visitor each time).
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) void session.fromPartition(this.#partition).clearData();
      });
    }
    if (seed) {
      await contents.loadURL(new URL('/api/health', seed.origin).toString());
      await contents.executeJavaScript(
        seed.value === null
          ? `localStorage.removeItem(${JSON.stringify(seed.key)})`
          : `localStorage.setItem(${JSON.stringify(seed.key)}, ${JSON.stringify(seed.value)})`,
      );
    }
    await contents.loadURL(this.#spec.url);
  }

  #lockDown(contents: WebContents): void {
    // A customer page may not open privileged windows: links meant for a new window open in this profile instead.
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:/.test(url)) void contents.loadURL(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!/^https?:/.test(url)) event.preventDefault();
    });
  }

  #contents(): WebContents {
    const contents = this.#view?.webContents;
    if (!contents || contents.isDestroyed()) throw new Error('This profile’s page is closed.');
    return contents;
  }

  async reload(): Promise<void> {
    const contents = this.#contents();
    await new Promise<void>((resolve) => {
      contents.once('did-finish-load', () => resolve());
      contents.reload();
    });
  }

  async restart(seed?: StorageSeed): Promise<void> {
    this.#destroyView();
    if (this.#spec.storage !== 'persistent') this.#partition = incognitoPartition(this.#spec.id);
    await this.start(seed);
  }

  async clearSiteData(origin: string): Promise<void> {
    await session.fromPartition(this.#partition).clearData({ origins: [origin] });
  }

  async evaluate<T>(expression: string): Promise<T> {
    // async: a closed page rejects, as every other ProfilePage method does, rather than throwing at the call.
    return (await this.#contents().executeJavaScript(expression, true)) as T;
  }

  async input(input: ProfileInput): Promise<void> {
    const contents = this.#contents();
    switch (input.type) {
      case 'click':
        contents.sendInputEvent({ type: 'mouseDown', x: input.x, y: input.y, button: 'left', clickCount: 1 });
        contents.sendInputEvent({ type: 'mouseUp', x: input.x, y: input.y, button: 'left', clickCount: 1 });
        return;
      case 'type':
        await contents.insertText(input.text);
        return;
      case 'key':
        contents.sendInputEvent({ type: 'keyDown', keyCode: input.key });
        contents.sendInputEvent({ type: 'keyUp', keyCode: input.key });
        return;
      case 'scroll':
        contents.sendInputEvent({ type: 'mouseWheel', x: input.x, y: input.y, deltaX: 0, deltaY: -input.deltaY });
        return;
    }
  }

  async drive(command: PageCommand, timeoutMs: number): Promise<void> {
    const contents = this.#contents();
    try {
      await this.#drive(contents, command, timeoutMs);
    } catch (error) {
      if (error instanceof BotbenchError || contents.isDestroyed()) throw error;
      // The page went away mid-step, or Chromium refused the input: still the step's error, in its words.
      throw pageStepError(
        command,
        timeoutMs,
        { reason: 'failed', detail: error instanceof Error ? error.message : String(error) },
        contents.getURL(),
      );
    }
  }

  async #drive(contents: WebContents, command: PageCommand, timeoutMs: number): Promise<void> {
    if (command.type === 'goto') {
      const url = resolvePageUrl(command.url, contents.getURL());
      if (url === null)
        throw pageStepError(
          command,
          timeoutMs,
          { reason: 'unreachable', url: command.url, detail: 'not an http, https or file address' },
          contents.getURL(),
        );
      const problem = await within(contents.loadURL(url), timeoutMs).then(
        (done): PageProblem | null => (done ? null : { reason: 'load-timeout', url }),
        // loadURL rejects with Chromium's reason, e.g. "ERR_CONNECTION_REFUSED (-102) loading 'http://…'".
        (error: unknown): PageProblem => ({ reason: 'unreachable', url, detail: /ERR_[A-Z_]+/.exec(String(error))?.[0] ?? String(error) }),
      );
      if (problem) throw pageStepError(command, timeoutMs, problem, contents.getURL());
      return;
    }
    const action: LocateAction =
      command.type === 'click' ? 'point' : command.type === 'fill' ? 'select' : command.type === 'press' && command.selector ? 'focus' : 'none';
    if (command.type !== 'press' || command.selector !== undefined) {
      const located = await this.#locate(contents, command, timeoutMs, action);
      if (!located.ok) {
        const problem: PageProblem =
          located.reason === 'invalid'
            ? { reason: 'invalid', detail: located.detail ?? 'not CSS' }
            : located.reason === 'hidden'
              ? { reason: 'hidden', matched: located.matched }
              : { reason: located.reason };
        throw pageStepError(command, timeoutMs, problem, contents.getURL());
      }
      if (command.type === 'waitFor') return;
      if (command.type === 'click') {
        // Real input events, as a user's mouse makes them (trusted, with focus and default actions).
        contents.sendInputEvent({ type: 'mouseDown', x: located.x, y: located.y, button: 'left', clickCount: 1 });
        contents.sendInputEvent({ type: 'mouseUp', x: located.x, y: located.y, button: 'left', clickCount: 1 });
      }
    }
    const navigation = watchNavigation(contents);
    if (command.type === 'fill') {
      // The locator selected the field's content: typing replaces it; Backspace empties it.
      if (command.value === '') sendKey(contents, 'Backspace');
      else await contents.insertText(command.value);
    }
    if (command.type === 'press') sendKey(contents, command.key);
    await navigation.settled(timeoutMs);
  }

  /** Runs the in-page locator; a page replaced while it waited (a navigation) is asked again until the time is up. */
  async #locate(
    contents: WebContents,
    command: Exclude<PageCommand, { type: 'goto' }>,
    timeoutMs: number,
    action: LocateAction,
  ): Promise<LocateResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = Math.max(0, deadline - Date.now());
      try {
        return (await contents.executeJavaScript(locateScript(command, left, action), true)) as LocateResult;
      } catch (error) {
        if (contents.isDestroyed() || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async capture(): Promise<string> {
    return (await this.#contents().capturePage()).toDataURL();
  }

  place(bounds: PaneBounds | null): void {
    this.#bounds = bounds;
    const window = this.#window();
    const view = this.#view;
    if (!window || !view) return;
    const [width, height] = window.getContentSize();
    const rect = viewRectFor(bounds, { width: width ?? 0, height: height ?? 0 }, window.webContents.getZoomFactor());
    view.setVisible(rect !== null);
    if (rect) view.setBounds(rect);
  }

  async close(): Promise<void> {
    this.#destroyView();
    this.#onClosed();
  }

  #destroyView(): void {
    this.#closing = true;
    const view = this.#view;
    this.#view = undefined;
    if (!view) return;
    this.#window()?.contentView.removeChildView(view);
    if (!view.webContents.isDestroyed()) view.webContents.close();
  }
}

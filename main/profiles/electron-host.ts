import { session, WebContentsView, type BrowserWindow, type Session, type WebContents } from 'electron';
import type { PaneBounds, ProfileInput } from './types.ts';
import { viewRectFor } from '../shell/bounds.ts';
import { incognitoPartition, persistentPartition } from '../shell/partitions.ts';
import { installObserver } from './observer-channel.ts';
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
    await installObserver(
      {
        send: (method, params) => contents.debugger.sendCommand(method, params),
        onBindingCalled: (listener) =>
          contents.debugger.on('message', (_event, method, params) => {
            if (method === 'Runtime.bindingCalled') listener(params as { name: string; payload: string });
          }),
      },
      (report) => this.#hooks.onWidget(report),
      (action) => this.#hooks.onPageAction?.(action),
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

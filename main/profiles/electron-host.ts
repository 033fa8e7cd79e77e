import { session, WebContentsView, type BrowserWindow, type Session, type WebContents } from 'electron';
import type { PaneBounds, ProfileInput } from './types.ts';
import { viewRectFor } from '../shell/bounds.ts';
import { incognitoPartition, persistentPartition } from '../shell/partitions.ts';
import { installObserver } from './observer-channel.ts';
import { installPolicyInterceptor } from './policy-interceptor.ts';
import { localWidgetOrigins } from './site-policy.ts';
import { installViolationObserver } from './violation-observer.ts';
import type { PageHooks, PageSpec, ProfileHost, ProfilePage, StorageSeed } from './profile-host.ts';

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

/** Locks a profile session down: no permissions granted to customer pages. */
function harden(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
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
    harden(ses);
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
    await installObserver(cdp, (report) => this.#hooks.onWidget(report));
    await installViolationObserver(cdp, (report) => this.#hooks.onPageSecurity?.(report));
    // The site's Content-Security-Policy, widened for the local widget only (site-policy.ts): headers and <meta>, over the same protocol.
    const origins = this.#spec.platformOrigin ? localWidgetOrigins(this.#spec.platformOrigin) : null;
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

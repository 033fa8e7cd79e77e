import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { ProfileInput } from '../api/contract.ts';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium.ts';
import { widgetObserverScript, type PageHooks, type PageSpec, type ProfileHost, type ProfilePage, type StorageSeed } from './profile-host.ts';

export interface ChromiumHostOptions {
  /** Where persistent profiles keep their user-data directories. */
  profilesDir: string;
  /** Stream pictures of each page (browser mode). Off for headless runs that never look. */
  screencast: boolean;
  /** Show real windows (needs a display). Default false. */
  headed: boolean;
}

const BINDING = '__botbenchReport';

/**
 * Profiles as real Chromium storage: a persistent context (its own user-data directory) per
 * persistent profile, a fresh context of one shared browser per incognito window.
 */
export class ChromiumProfileHost implements ProfileHost {
  readonly name = 'chromium' as const;
  readonly #options: ChromiumHostOptions;
  #shared: Promise<Browser> | undefined;
  readonly #pages = new Set<ChromiumPage>();

  constructor(options: Partial<ChromiumHostOptions> & { profilesDir: string }) {
    this.#options = { screencast: false, headed: false, ...options };
  }

  async open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage> {
    const page = new ChromiumPage(
      spec,
      hooks,
      this.#options,
      () => this.#sharedBrowser(),
      () => this.#pages.delete(page),
    );
    this.#pages.add(page);
    try {
      await page.start();
    } catch (error) {
      await page.close();
      throw error;
    }
    return page;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#pages].map((page) => page.close()));
    const shared = this.#shared;
    this.#shared = undefined;
    if (shared) await (await shared).close();
  }

  #sharedBrowser(): Promise<Browser> {
    this.#shared ??= chromium.launch({ executablePath: chromiumExecutable(), headless: !this.#options.headed, args: [...CHROMIUM_ARGS] });
    return this.#shared;
  }
}

/** Chromium's own setting for "block cookies and site data", written before the browser starts. */
export function blockSiteData(userDataDir: string): void {
  const file = join(userDataDir, 'Default', 'Preferences');
  mkdirSync(dirname(file), { recursive: true });
  let preferences: Record<string, unknown> = {};
  try {
    preferences = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // A new profile: no preferences yet.
  }
  const profile = (preferences.profile ?? {}) as Record<string, unknown>;
  const settings = (profile.default_content_setting_values ?? {}) as Record<string, unknown>;
  preferences.profile = { ...profile, default_content_setting_values: { ...settings, cookies: 2 } };
  writeFileSync(file, JSON.stringify(preferences));
}

class ChromiumPage implements ProfilePage {
  readonly #spec: PageSpec;
  readonly #hooks: PageHooks;
  readonly #options: ChromiumHostOptions;
  readonly #sharedBrowser: () => Promise<Browser>;
  readonly #onClosed: () => void;
  #context: BrowserContext | undefined;
  #page: Page | undefined;
  #cdp: CDPSession | undefined;
  #closing = false;

  constructor(spec: PageSpec, hooks: PageHooks, options: ChromiumHostOptions, sharedBrowser: () => Promise<Browser>, onClosed: () => void) {
    this.#spec = spec;
    this.#hooks = hooks;
    this.#options = options;
    this.#sharedBrowser = sharedBrowser;
    this.#onClosed = onClosed;
  }

  async start(seed?: StorageSeed): Promise<void> {
    this.#closing = false;
    const spec = this.#spec;
    if (spec.storage !== 'ephemeral') {
      const dir = join(this.#options.profilesDir, spec.id);
      mkdirSync(dir, { recursive: true });
      // Real blocking, as a user who blocks cookies and site data gets: the page's localStorage throws SecurityError.
      if (spec.storage === 'blocked') blockSiteData(dir);
      this.#context = await chromium.launchPersistentContext(dir, {
        executablePath: chromiumExecutable(),
        headless: !this.#options.headed,
        args: [...CHROMIUM_ARGS],
        viewport: spec.viewport,
      });
    } else {
      this.#context = await (await this.#sharedBrowser()).newContext({ viewport: spec.viewport });
    }
    const context = this.#context;
    await context.exposeBinding(BINDING, (_source, report) => this.#hooks.onWidget(report));
    await context.addInitScript(widgetObserverScript(`window.${BINDING}`));
    context.on('close', () => {
      if (!this.#closing) this.#hooks.onCrash?.('The browser closed unexpectedly.');
    });
    this.#page = context.pages()[0] ?? (await context.newPage());
    this.#page.on('crash', () => this.#hooks.onCrash?.('The page crashed.'));
    if (this.#options.screencast) await this.#startScreencast(this.#page);
    if (seed) {
      // A page of the site's origin without the widget, so the entry is in place before the widget first reads it.
      await this.#page.goto(new URL('/api/health', seed.origin).toString());
      await this.#page.evaluate(
        ({ key, value }) => (value === null ? window.localStorage.removeItem(key) : window.localStorage.setItem(key, value)),
        { key: seed.key, value: seed.value },
      );
    }
    await this.#page.goto(spec.url);
  }

  async #startScreencast(page: Page): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    this.#cdp = cdp;
    cdp.on('Page.screencastFrame', (frame: { data: string; sessionId: number }) => {
      this.#hooks.onFrame?.(`data:image/jpeg;base64,${frame.data}`);
      cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    });
    await cdp.send('Page.startScreencast', {
      format: 'jpeg',
      quality: 70,
      maxWidth: this.#spec.viewport.width,
      maxHeight: this.#spec.viewport.height,
    });
  }

  #live(): Page {
    if (!this.#page || this.#page.isClosed()) throw new Error('This profile’s browser is closed.');
    return this.#page;
  }

  async reload(): Promise<void> {
    await this.#live().reload();
  }

  async restart(seed?: StorageSeed): Promise<void> {
    await this.#shutdown();
    await this.start(seed);
  }

  async clearSiteData(origin: string): Promise<void> {
    const page = this.#live();
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  evaluate<T>(expression: string): Promise<T> {
    return this.#live().evaluate(expression) as Promise<T>;
  }

  async input(input: ProfileInput): Promise<void> {
    const page = this.#live();
    switch (input.type) {
      case 'click':
        await page.mouse.click(input.x, input.y);
        return;
      case 'type':
        await page.keyboard.type(input.text);
        return;
      case 'key':
        await page.keyboard.press(input.key);
        return;
      case 'scroll':
        await page.mouse.move(input.x, input.y);
        await page.mouse.wheel(0, input.deltaY);
        return;
    }
  }

  async capture(): Promise<string> {
    const png = await this.#live().screenshot({ type: 'png' });
    return `data:image/png;base64,${png.toString('base64')}`;
  }

  async close(): Promise<void> {
    await this.#shutdown();
    this.#onClosed();
  }

  async #shutdown(): Promise<void> {
    this.#closing = true;
    await this.#cdp?.detach().catch(() => undefined);
    this.#cdp = undefined;
    const context = this.#context;
    this.#context = undefined;
    this.#page = undefined;
    await context?.close().catch(() => undefined);
  }
}

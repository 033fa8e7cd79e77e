import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nanoid } from 'nanoid';
import { chromium, errors, type Browser, type BrowserContext, type CDPSession, type Locator, type Page, type Request } from 'playwright-core';
import { BotbenchError } from '../platform/errors.ts';
import { makePrivateDir } from '../platform/storage/private-files.ts';
import { discoverBrowser } from './browser-discovery.ts';
import type { PageCommand, ProfileInput } from './types.ts';
import { CLICKABLE, NAVIGATION_GRACE_MS, pageStepError, resolvePageUrl, textTarget, type PageProblem } from './page-commands.ts';
import { chromiumExecutable, chromiumLaunch } from './chromium.ts';
import { FLOWXO_SCRIPTS } from '../common/flowxo-scripts.ts';
import { answeredScriptUrl, beforeAnswering, scriptOf } from './flowxo-routing.ts';
import { installObserver } from './observer-channel.ts';
import { installPolicyInterceptor } from './policy-interceptor.ts';
import { localWidgetOrigins, type LocalWidgetOrigins } from './site-policy.ts';
import { installViolationObserver } from './violation-observer.ts';
import {
  type HostStatus,
  type PageHooks,
  type PageSpec,
  type ProfileHost,
  type ProfilePage,
  type StorageMode,
  type StorageSeed,
  DEFAULT_VIEWPORT,
} from './profile-host.ts';

export interface ChromiumHostOptions {
  /** Where persistent profiles keep their user-data directories. */
  profilesDir: string;
  /** Stream pictures of each page (browser mode). Off for headless runs that never look. */
  screencast: boolean;
  /** Show real windows (needs a display). Default false. */
  headed: boolean;
  /**
   * Keep pages started ahead: one persistent Chromium for the next new persistent profile, and
   * one fresh context (page and renderer made) of the shared browser for the next ephemeral
   * page. Opening a profile then costs a page load, not a browser launch; a taken spare is
   * replaced once the page that took it has loaded. About one idle browser and one renderer of
   * memory; headless only (a headed spare would be an empty window). Default false; browser
   * mode turns it on.
   */
  spare: boolean;
  /**
   * Run the profiles on a browser that is already running instead of launching Chromium here:
   * Playwright's browser-server protocol (`ws://…` from `launchServer` or `npx playwright
   * run-server`) or any Chrome DevTools Protocol endpoint (`http://…` of a Chrome started with
   * --remote-debugging-port, Selenium Grid 4, browserless, Moon). Persistent profiles then keep
   * their cookies and storage as a storage-state file in their directory, loaded into a new
   * context of that browser on every start; blocked storage needs a local Chromium. Default:
   * launch locally.
   */
  remote: RemoteBrowser | null;
  /**
   * More Chromium flags for the browsers started here, e.g.
   * `--host-resolver-rules=MAP shop.example.test 127.0.0.1` (a staging host name served from
   * this machine, as the tests' HTTPS site is). Default none.
   */
  browserArgs: readonly string[];
}

/** A browser running elsewhere that profiles can use (see ChromiumHostOptions.remote). */
export type RemoteBrowser = { protocol: 'playwright'; wsEndpoint: string } | { protocol: 'cdp'; endpointUrl: string };

/** A context made ready for a profile page: the widget observer installed, a page open, reports going to `route.hooks`. */
interface Prepared {
  context: BrowserContext;
  page: Page;
  route: { hooks: PageHooks | null; origins: LocalWidgetOrigins | null };
}

/** A persistent browser started before any profile asked for it, in the directory of the id it will give that profile. */
interface Spare {
  id: string;
  prepared: Promise<Prepared>;
  /** Promised (by newProfileId) to a profile about to open. */
  reserved: boolean;
}

/**
 * Installs what every profile page needs before its first load: the widget observer and its
 * channel (see observer-channel.ts), reporting to whichever page takes the context.
 */
async function prepare(opening: Promise<BrowserContext>): Promise<Prepared> {
  const context = await opening;
  try {
    const route: Prepared['route'] = { hooks: null, origins: null };
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await installObserver(
      {
        send: (method, params) => cdp.send(method as 'Runtime.enable', params),
        onBindingCalled: (listener) => cdp.on('Runtime.bindingCalled', listener),
      },
      (report) => route.hooks?.onWidget(report),
      (action) => route.hooks?.onPageAction?.(action),
    );
    await installViolationObserver(
      {
        send: (method, params) => cdp.send(method as 'Runtime.enable', params),
        onBindingCalled: (listener) => cdp.on('Runtime.bindingCalled', listener),
      },
      (report) => route.hooks?.onPageSecurity?.(report),
    );
    await installPolicyInterceptor(
      {
        send: (method, params) => cdp.send(method as 'Fetch.enable', params),
        onRequestPaused: (listener) => cdp.on('Fetch.requestPaused', listener),
      },
      { origins: () => route.origins, onPolicy: (policy) => route.hooks?.onSitePolicy?.(policy) },
    );
    return { context, page, route };
  } catch (error) {
    // Nobody else holds this browser yet: do not leave it running.
    await context.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Profiles as real Chromium storage: a persistent context (its own user-data directory) per
 * persistent profile, a fresh context of one shared browser per incognito window.
 */
export class ChromiumProfileHost implements ProfileHost {
  readonly name = 'chromium' as const;
  readonly #options: ChromiumHostOptions;
  #shared: Promise<Browser> | undefined;
  #spare: Spare | null = null;
  /** With `spare`: a fresh context of the shared browser, with its page (and renderer process) already made, for the next ephemeral page. */
  #spareContext: Promise<Prepared> | null = null;
  #disposed = false;
  /** The size the last page asked for: spares are made at it, so taking one needs no resize. */
  #viewport: PageSpec['viewport'] = DEFAULT_VIEWPORT;
  readonly #pages = new Set<ChromiumPage>();

  constructor(options: Partial<ChromiumHostOptions> & { profilesDir: string }) {
    this.#options = { screencast: false, headed: false, spare: false, remote: null, browserArgs: [], ...options };
  }

  /** Where profiles run: a remote browser, or a local one if one can be found (looked for again on every call, so Retry sees a browser installed since). */
  status(): HostStatus {
    const remote = this.#options.remote;
    if (remote)
      return { ready: true, browser: remote.protocol === 'cdp' ? `CDP endpoint ${remote.endpointUrl}` : `browser server ${remote.wsEndpoint}` };
    const found = discoverBrowser();
    if (found.found) return { ready: true, browser: found.executable };
    return { ready: false, problem: found.problem, searched: found.searched, fixes: found.fixes, hint: found.hint };
  }

  /**
   * Starts now what the first profiles will need: the shared browser of ephemeral profiles and,
   * with `spare`, a persistent browser for the next new persistent profile. The app calls it at
   * start-up, so the first "New profile" does not wait for a browser launch. Never rejects: a
   * browser that cannot start fails the open that needs it, with its own error.
   */
  async warm(): Promise<void> {
    // No browser yet: nothing to start ahead; the Profiles screen says what is missing.
    if (!this.status().ready) return;
    this.#fillSpares();
    await Promise.allSettled([this.#sharedBrowser(), this.#spare?.prepared, this.#spareContext]);
  }

  newProfileId(storage: StorageMode): string | undefined {
    if (storage !== 'persistent' || !this.#spare || this.#spare.reserved) return undefined;
    this.#spare.reserved = true;
    return this.#spare.id;
  }

  async open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage> {
    this.#viewport = spec.viewport;
    const page = new ChromiumPage(
      spec,
      hooks,
      this.#options,
      () => this.#sharedBrowser(),
      (storage, id) => this.#takeSpare(storage, id),
      () => this.#pages.delete(page),
    );
    this.#pages.add(page);
    try {
      await page.start();
    } catch (error) {
      await page.close();
      throw error;
    } finally {
      this.#fillSpares();
    }
    return page;
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all([...this.#pages].map((page) => page.close()));
    const [spare, spareContext] = [this.#spare, this.#spareContext];
    this.#spare = null;
    this.#spareContext = null;
    await (await spareContext?.catch(() => null))?.context.close().catch(() => undefined);
    if (spare) {
      await (await spare.prepared.catch(() => null))?.context.close().catch(() => undefined);
      // Nobody's profile yet: its directory goes with it.
      rmSync(join(this.#options.profilesDir, spare.id), { recursive: true, force: true });
    }
    const shared = this.#shared;
    this.#shared = undefined;
    if (shared) await (await shared).close();
  }

  #fillSpares(): void {
    if (!this.#options.spare || this.#options.headed || this.#options.remote || this.#disposed) return;
    if (!this.#spare) {
      const id = nanoid(10);
      const prepared = prepare(launchPersistent(join(this.#options.profilesDir, id), this.#options, this.#viewport));
      // Awaited by whoever takes it; until then a failed launch must not be an unhandled rejection.
      prepared.catch(() => undefined);
      this.#spare = { id, prepared, reserved: false };
    }
    if (!this.#spareContext) {
      const viewport = this.#viewport;
      const prepared = prepare(this.#sharedBrowser().then((browser) => browser.newContext({ viewport })));
      prepared.catch(() => undefined);
      this.#spareContext = prepared;
    }
  }

  /** The spare for this page, if there is one. The next starts once this page has loaded (see open), not competing with it for the cores. */
  #takeSpare(storage: StorageMode, id: string): Promise<Prepared> | null {
    let taken: Promise<Prepared> | null = null;
    if (storage === 'ephemeral' && this.#spareContext) {
      taken = this.#spareContext;
      this.#spareContext = null;
    } else if (storage === 'persistent' && this.#spare?.id === id) {
      taken = this.#spare.prepared;
      this.#spare = null;
    }
    return taken;
  }

  #sharedBrowser(): Promise<Browser> {
    this.#shared ??= startBrowser(this.#options);
    return this.#shared;
  }
}

/** Why a page did not load, from Playwright's error (net::ERR_… names the network's reason). */
function loadProblem(error: unknown, url: string): PageProblem {
  if (error instanceof errors.TimeoutError) return { reason: 'load-timeout', url };
  const message = error instanceof Error ? error.message : String(error);
  return { reason: 'unreachable', url, detail: /net::ERR_[A-Z_]+/.exec(message)?.[0] ?? message.split('\n')[0]! };
}

/** Every element a command's selector or text finds, as a Playwright locator (not yet narrowed to visible ones). */
function matching(page: Page, command: Exclude<PageCommand, { type: 'goto' }>, whole = false): Locator {
  const text = textTarget(command);
  if (text === null) return page.locator(command.selector!);
  if (text.exact) return page.getByText(text.text, { exact: true });
  // Playwright's getByText is case-insensitive and collapses spaces, as textTarget() says; a whole-text match is a regular expression.
  if (!whole) return page.getByText(text.text);
  const pattern = text.text
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  return page.getByText(new RegExp(`^\\s*${pattern}\\s*$`, 'i'));
}

/**
 * The element a command acts on: the first visible match, in textTarget()'s order for text. Waits up to `timeoutMs` for one; after that, the plain match, whose action then
 * times out and says why.
 */
async function findTarget(page: Page, command: Exclude<PageCommand, { type: 'goto' }>, timeoutMs: number): Promise<Locator> {
  const any = matching(page, command).locator('visible=true');
  const text = textTarget(command);
  if (text === null) return any.first();
  const whole = text.exact ? any : matching(page, command, true).locator('visible=true');
  // In order: what a user clicks showing exactly the text, anything showing exactly it, anything containing it.
  const ranked = [whole.and(page.locator(CLICKABLE)), whole, ...(text.exact ? [] : [any])];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const candidate of ranked) if ((await candidate.count().catch(() => 0)) > 0) return candidate.first();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return any.first();
}

/** Why a locator action failed: nothing matched, something matched but stayed hidden or read-only, or the selector is not one. */
async function locateProblem(error: unknown, page: Page, command: Exclude<PageCommand, { type: 'goto' }>): Promise<PageProblem> {
  if (!(error instanceof errors.TimeoutError)) {
    // Playwright's first line, without its "locator.fill: Error: " prefix.
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^[\w.]+: (Error: )?/, '');
    if (/selector|parsing|unexpected token/i.test(detail)) return { reason: 'invalid', detail };
    if (command.type === 'fill' && /not an <input>|editable|readonly/i.test(detail)) return { reason: 'not-editable' };
    return { reason: 'failed', detail };
  }
  const all = matching(page, command);
  const matched = await all.count().catch(() => 0);
  if (matched === 0) return { reason: 'none' };
  const shown = await all
    .locator('visible=true')
    .count()
    .catch(() => 0);
  return shown > 0 && command.type === 'fill' ? { reason: 'not-editable' } : { reason: 'hidden', matched };
}

/**
 * Watches for a navigation of the page's main frame that an action starts (a submitted form, a
 * link): settled() waits NAVIGATION_GRACE_MS for one to begin and, if one did, for its page to load.
 */
function watchNavigation(page: Page): { settled(timeoutMs: number): Promise<void>; stop(): void } {
  let started = false;
  const onRequest = (request: Request): void => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) started = true;
  };
  page.on('request', onRequest);
  const stop = (): void => {
    page.off('request', onRequest);
  };
  return {
    stop,
    async settled(timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, NAVIGATION_GRACE_MS));
      stop();
      if (started && !page.isClosed()) await page.waitForLoadState('load', { timeout: timeoutMs }).catch(() => undefined);
    },
  };
}

/** The shared browser: launched here, or reached over the browser-server protocol or CDP. Async, so a missing browser is a rejection, never a throw out of a caller's expression. */
async function startBrowser(options: ChromiumHostOptions): Promise<Browser> {
  const remote = options.remote;
  if (remote?.protocol === 'playwright') return chromium.connect(remote.wsEndpoint);
  if (remote?.protocol === 'cdp') return chromium.connectOverCDP(remote.endpointUrl);
  return chromium.launch({ executablePath: chromiumExecutable(), headless: !options.headed, ...launchSettings(options) });
}

/** chromiumLaunch()'s flags, plus this host's own. */
function launchSettings(options: ChromiumHostOptions): ReturnType<typeof chromiumLaunch> {
  const launch = chromiumLaunch();
  return { ...launch, args: [...launch.args, ...options.browserArgs] };
}

/**
 * Runs the snippet probe in an isolated world of the frame that asked for the script: it reads
 * the page's DOM, but the page's own scripts cannot change the functions it calls.
 */
async function probeFrame(cdp: CDPSession, frameId: string, source: string): Promise<unknown> {
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId, worldName: 'botbench-snippet-probe' });
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: source,
    contextId: executionContextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.text);
  return result.value;
}

/**
 * Chromium's Local Network Access asks the user before a page on a public address reaches a
 * loopback one (the platform). The tester opened this site to test its widget against the
 * platform: the site's origin gets that permission. A remote browser may not know the
 * permission; the page then works as far as its browser lets it.
 */
async function grantLocalNetworkAccess(context: BrowserContext, url: string): Promise<void> {
  const origin = new URL(url).origin;
  if (origin === 'null') return;
  await context.grantPermissions(['local-network-access'], { origin }).catch(() => undefined);
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

async function launchPersistent(
  dir: string,
  options: ChromiumHostOptions,
  viewport: PageSpec['viewport'],
  ignoreHTTPSErrors = false,
): Promise<BrowserContext> {
  // A profile's cookies and storage are the tester's: for their user alone, as the data directory is.
  makePrivateDir(dir);
  return chromium.launchPersistentContext(dir, {
    executablePath: chromiumExecutable(),
    headless: !options.headed,
    ...launchSettings(options),
    viewport,
    ignoreHTTPSErrors,
  });
}

class ChromiumPage implements ProfilePage {
  readonly #spec: PageSpec;
  readonly #hooks: PageHooks;
  readonly #options: ChromiumHostOptions;
  readonly #sharedBrowser: () => Promise<Browser>;
  readonly #takeSpare: (storage: StorageMode, id: string) => Promise<Prepared> | null;
  readonly #onClosed: () => void;
  #context: BrowserContext | undefined;
  #page: Page | undefined;
  #cdp: CDPSession | undefined;
  /** The DevTools session that answers Flow XO's script URLs (see #routeFlowXO). */
  #routing: CDPSession | undefined;
  #closing = false;

  constructor(
    spec: PageSpec,
    hooks: PageHooks,
    options: ChromiumHostOptions,
    sharedBrowser: () => Promise<Browser>,
    takeSpare: (storage: StorageMode, id: string) => Promise<Prepared> | null,
    onClosed: () => void,
  ) {
    this.#spec = spec;
    this.#hooks = hooks;
    this.#options = options;
    this.#sharedBrowser = sharedBrowser;
    this.#takeSpare = takeSpare;
    this.#onClosed = onClosed;
  }

  async start(seed?: StorageSeed): Promise<void> {
    this.#closing = false;
    const spec = this.#spec;
    // A browser started ahead for this page (see ChromiumHostOptions.spare), else one started now; a spare that failed to start gets one more try here.
    const accepts = spec.acceptCertificateOf !== undefined;
    let prepared = spec.storage === 'blocked' ? null : await this.#takeSpare(spec.storage, spec.id)?.catch(() => null);
    // A spare whose browser died while it waited is no use, nor one started without the certificate accepted
    // (a persistent one runs in this profile's very directory): close what is left and start afresh.
    if (prepared && (accepts || prepared.page.isClosed())) {
      await prepared.context.close().catch(() => undefined);
      prepared = null;
    }
    if (prepared) {
      const size = prepared.page.viewportSize();
      if (size?.width !== spec.viewport.width || size.height !== spec.viewport.height) await prepared.page.setViewportSize(spec.viewport);
    } else if (this.#options.remote && spec.storage === 'blocked') {
      throw new BotbenchError(
        'BOTBENCH_ERR_BROWSER',
        'A storage-blocked profile needs a local Chromium (its setting is written before the browser starts); a remote browser cannot block storage.',
      );
    } else if (this.#options.remote && spec.storage === 'persistent') {
      // A remote browser has no user-data directory of ours: the profile's storage travels as a state file.
      const state = this.#stateFile();
      const storageState = existsSync(state) ? state : undefined;
      prepared = await prepare(
        this.#sharedBrowser().then((browser) => browser.newContext({ viewport: spec.viewport, storageState, ignoreHTTPSErrors: accepts })),
      );
    } else if (spec.storage !== 'ephemeral') {
      const dir = join(this.#options.profilesDir, spec.id);
      makePrivateDir(dir);
      // Real blocking, as a user who blocks cookies and site data gets: the page's localStorage throws SecurityError.
      if (spec.storage === 'blocked') blockSiteData(dir);
      prepared = await prepare(launchPersistent(dir, this.#options, spec.viewport, accepts));
    } else {
      prepared = await prepare(this.#sharedBrowser().then((browser) => browser.newContext({ viewport: spec.viewport, ignoreHTTPSErrors: accepts })));
    }
    if (spec.flowxo) await this.#routeFlowXO(prepared.page, spec.flowxo);
    // Local Network Access: a page on a public origin may reach the platform on loopback (its widget socket).
    await grantLocalNetworkAccess(prepared.context, spec.url);
    prepared.route.hooks = this.#hooks;
    prepared.route.origins = spec.flowxo ? localWidgetOrigins(spec.flowxo.platformUrl) : null;
    const { context } = prepared;
    this.#context = context;
    context.on('close', () => {
      if (!this.#closing) this.#hooks.onCrash?.('The browser closed unexpectedly.');
    });
    this.#page = prepared.page;
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

  /**
   * Flow XO's script URLs (and the site's own patterns) answered by the platform: see
   * flowxo-routing.ts. Through the DevTools protocol's Fetch domain with those URL patterns, on a
   * session of its own (the observer's session pauses documents for the site's policy, see
   * policy-interceptor.ts; each session's Fetch patterns are its own), not Playwright's route: a
   * routed context has no HTTP cache, and every request of the site would pass through a handler.
   */
  async #routeFlowXO(page: Page, flowxo: NonNullable<PageSpec['flowxo']>): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    this.#routing = cdp;
    cdp.on('Fetch.requestPaused', (event) => void this.#answerScript(cdp, event, flowxo.platformUrl));
    // CDP's "?" matches one character: a few more requests may pause, and scriptOf lets them go on unchanged.
    const patterns = [...FLOWXO_SCRIPTS, ...flowxo.patterns].map((pattern) => ({ urlPattern: pattern.url, requestStage: 'Request' as const }));
    await cdp.send('Fetch.enable', { patterns });
  }

  async #answerScript(cdp: CDPSession, event: { requestId: string; request: { url: string }; frameId: string }, platformUrl: string): Promise<void> {
    const { requestId, request, frameId } = event;
    const script = scriptOf(this.#spec, request.url);
    try {
      if (!script) return void (await cdp.send('Fetch.continueRequest', { requestId }));
      const answer = await beforeAnswering(this.#hooks, script, request.url, (source) => probeFrame(cdp, frameId, source));
      if (!answer) return void (await cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }));
      let body: string;
      let status: number;
      try {
        const response = await fetch(answeredScriptUrl(platformUrl, script));
        [body, status] = [await response.text(), response.status];
      } catch {
        // The platform is gone: the script fails as an unreachable CDN would.
        return void (await cdp.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionRefused' }));
      }
      await cdp.send('Fetch.fulfillRequest', {
        requestId,
        responseCode: status,
        responseHeaders: [
          { name: 'content-type', value: 'text/javascript; charset=utf-8' },
          { name: 'access-control-allow-origin', value: '*' },
          { name: 'cache-control', value: 'no-cache' },
        ],
        body: Buffer.from(body).toString('base64'),
      });
    } catch {
      // The page closed meanwhile: nothing waits for the answer.
    }
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

  async drive(command: PageCommand, stepTimeoutMs: number): Promise<void> {
    const page = this.#live();
    let timeoutMs = stepTimeoutMs;
    if (command.type === 'goto') {
      const url = resolvePageUrl(command.url, page.url());
      if (url === null)
        throw pageStepError(
          command,
          timeoutMs,
          { reason: 'unreachable', url: command.url, detail: 'not an http, https or file address' },
          page.url(),
        );
      try {
        await page.goto(url, { timeout: timeoutMs });
      } catch (error) {
        throw pageStepError(command, timeoutMs, loadProblem(error, url), page.url());
      }
      return;
    }
    // Playwright's own locators: CSS, or text with the rules of textTarget(); the first visible match.
    const started = Date.now();
    const target = await findTarget(page, command, timeoutMs);
    timeoutMs = Math.max(1, timeoutMs - (Date.now() - started));
    const navigations = watchNavigation(page);
    try {
      switch (command.type) {
        case 'click':
          await target.click({ timeout: timeoutMs });
          break;
        case 'fill':
          await target.fill(command.value, { timeout: timeoutMs });
          break;
        case 'press':
          if (command.selector === undefined) await page.keyboard.press(command.key);
          else await target.press(command.key, { timeout: timeoutMs });
          break;
        case 'waitFor':
          await target.waitFor({ state: 'visible', timeout: timeoutMs });
          break;
      }
    } catch (error) {
      navigations.stop();
      throw pageStepError(command, stepTimeoutMs, await locateProblem(error, page, command), page.isClosed() ? null : page.url());
    }
    await navigations.settled(stepTimeoutMs);
  }

  async capture(): Promise<string> {
    const png = await this.#live().screenshot({ type: 'png' });
    return `data:image/png;base64,${png.toString('base64')}`;
  }

  async close(): Promise<void> {
    await this.#shutdown();
    this.#onClosed();
  }

  /** Where a persistent profile on a remote browser keeps its cookies and storage between starts. */
  #stateFile(): string {
    return join(this.#options.profilesDir, this.#spec.id, 'storage-state.json');
  }

  async #shutdown(): Promise<void> {
    this.#closing = true;
    await this.#cdp?.detach().catch(() => undefined);
    this.#cdp = undefined;
    await this.#routing?.detach().catch(() => undefined);
    this.#routing = undefined;
    const context = this.#context;
    this.#context = undefined;
    this.#page = undefined;
    if (context && this.#options.remote && this.#spec.storage === 'persistent') {
      // What a browser restart keeps: saved before the context goes, loaded by the next start().
      makePrivateDir(dirname(this.#stateFile()));
      await context
        .storageState({ path: this.#stateFile(), indexedDB: true })
        .then(() => chmodSync(this.#stateFile(), 0o600))
        .catch(() => undefined);
    }
    await context?.close().catch(() => undefined);
  }
}

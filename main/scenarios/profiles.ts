import type { Finding, FindingContext } from '../findings/types.ts';
import type { OpenProfileInput, PageCommand, ProfileInput, ProfileSnapshot, RestartIdentity } from '../profiles/types.ts';
import { WIDGET_HANDLE, type PageHooks, type PageSpec, type ProfileHost, type ProfilePage } from '../profiles/profile-host.ts';
import type { SiteSigner } from '../profiles/kinds.ts';
import { ProfileService } from '../profiles/profile-service.ts';
import type { SiteImporter } from '../profiles/site-import.ts';

/** One message bubble as the visitor sees it in the widget. */
export interface VisibleMessage {
  id: string;
  source: string;
  text: string;
}

/** Which bubble a step waits for; every given field must match. */
export interface MessageMatch {
  /** The platform's message id (a webhook answer names it). */
  id?: string | undefined;
  text?: string | undefined;
  contains?: string | undefined;
  source?: string | undefined;
  /** Bubbles already shown before the step, which do not count. */
  exclude?: readonly string[] | undefined;
}

export interface MessageWait {
  found: VisibleMessage | null;
  /** Every bubble the widget showed when the wait ended, for the failure message. */
  shown: VisibleMessage[];
}

/**
 * What the runner needs of profiles: ProfileService's actions, plus reading the widget in a
 * profile's page, so "message arrived in profile P" is what the visitor sees there, whichever
 * platform (in-process or remote) sent it.
 */
export interface ScenarioProfiles {
  open(input: OpenProfileInput): Promise<ProfileSnapshot>;
  reload(id: string): Promise<ProfileSnapshot>;
  restart(id: string, identity?: RestartIdentity): Promise<ProfileSnapshot>;
  clearSiteData(id: string): Promise<ProfileSnapshot>;
  resetConversation(id: string): Promise<ProfileSnapshot>;
  login(id: string, externalUserId: string, userHash?: string): Promise<ProfileSnapshot>;
  logout(id: string): Promise<ProfileSnapshot>;
  sendMessage(id: string, text: string): Promise<ProfileSnapshot>;
  close(id: string): Promise<ProfileSnapshot>;
  list(): ProfileSnapshot[];
  /** Resolves when the profile's widget shows a matching bubble, or after `timeoutMs` with `found: null`. */
  waitForMessage(id: string, match: MessageMatch, timeoutMs: number): Promise<MessageWait>;
  /**
   * Does a page step in the profile's page (ProfilePage.drive), then waits until the page has
   * loaded and its widget, if it has one, has connected or been refused and the profile shows
   * it: the identity the step left is the one its expectations read. Rejects with
   * BOTBENCH_ERR_PAGE_STEP when the step cannot be done.
   */
  drive(id: string, command: PageCommand, timeoutMs: number): Promise<DrivenPage>;
  /** The site integration findings of the profile's page so far (ProfileService.findings). */
  findings(id: string): Finding[];
}

/** Marks the argument object of the in-page wait, so a fake page can read it without running JS. */
export const WAIT_ARGS_MARKER = '/*botbench:wait-for-message*/';

/**
 * Runs in the profile's page: looks at the widget's bubbles (in its open shadow root), and if
 * none matches, listens to the widget's Botbench handle until one does or the time is up. Event-driven, so the
 * wait ends as soon as the message is drawn; bubbles drawn from a welcome's transcript (after a
 * reconnect) are caught by its `state` event. Plain JS: it runs in the page, not in Node.
 */
const IN_PAGE_WAIT = `(args) => {
  const read = () => {
    const root = document.getElementById('fxo-messenger-root')?.shadowRoot;
    if (!root) return [];
    return [...root.querySelectorAll('[data-testid="message"]')].map((node) => ({
      id: node.getAttribute('data-id') ?? '',
      source: node.getAttribute('data-source') ?? '',
      text: node.querySelector('.text')?.textContent ?? '',
    }));
  };
  const matches = (m) =>
    (args.id === undefined || m.id === args.id) &&
    (args.text === undefined || m.text === args.text) &&
    (args.contains === undefined || m.text.includes(args.contains)) &&
    (args.source === undefined || m.source === args.source) &&
    !(args.exclude ?? []).includes(m.id);
  const now = () => { const shown = read(); return { found: shown.find(matches) ?? null, shown }; };
  const first = now();
  if (first.found || args.timeoutMs <= 0) return first;
  return new Promise((resolve) => {
    const offs = [];
    const finish = (result) => { clearTimeout(timer); for (const off of offs) off(); resolve(result); };
    const timer = setTimeout(() => finish(now()), args.timeoutMs);
    const check = () => { const result = now(); if (result.found) finish(result); };
    const widget = (window.FxoMessenger || window.FlowXO || {}).botbench;
    if (widget) offs.push(widget.on('messageReceived', check), widget.on('state', check));
  });
}`;

/** Marks the in-page settle script, so a fake page can answer it without running JS. */
export const SETTLE_MARKER = '/*botbench:settle*/';

/** What the widget in a page settled on, as the page itself says it (null: the page has no widget). */
export interface SettledWidget {
  state: string | null;
  channelId: string | null;
  /** The page's address once it settled. */
  url: string;
}

/** A profile after a page step: its snapshot, and the page it shows now. */
export interface DrivenPage {
  snapshot: ProfileSnapshot;
  url: string;
}

/**
 * Runs in the page after a page step: waits until the document has loaded and then, if the page
 * embeds a Flow XO snippet, until its widget is connected or refused. A page without a snippet
 * answers at once (state null). Plain JS.
 */
const IN_PAGE_SETTLE = `async (timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
  const snippet = () => document.querySelector('script[data-fxo-widget], script[data-connection], script[src*="flowxo.com/"], script[src*="/embed.js"], script[src*="/loader.js"]');
  while (document.readyState !== 'complete' && Date.now() < deadline) await pause();
  for (;;) {
    const widget = ${WIDGET_HANDLE};
    const state = widget && typeof widget.getState === 'function' ? widget.getState() : null;
    if (state && (state.state === 'connected' || state.state === 'refused')) return { state: state.state, channelId: state.channelId ?? null, url: location.href };
    if ((!widget && !snippet()) || Date.now() >= deadline) return { state: state ? state.state : null, channelId: state ? state.channelId ?? null : null, url: location.href };
    await pause();
  }
}`;

/** The expression a page evaluates to wait for a message; its argument follows WAIT_ARGS_MARKER. */
export function waitForMessageScript(match: MessageMatch, timeoutMs: number): string {
  return `(${IN_PAGE_WAIT})(${WAIT_ARGS_MARKER}${JSON.stringify({ ...match, timeoutMs })})`;
}

/** Decorates a ProfileHost so the pages it opens can be found again by profile id. */
class PageTap implements ProfileHost {
  readonly name: ProfileHost['name'];
  readonly pages = new Map<string, ProfilePage>();
  readonly #inner: ProfileHost;

  constructor(inner: ProfileHost) {
    this.#inner = inner;
    this.name = inner.name;
  }

  async open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage> {
    const page = await this.#inner.open(spec, hooks);
    const tapped: ProfilePage = {
      reload: () => page.reload(),
      navigate: (to) => page.navigate(to),
      restart: (seed) => page.restart(seed),
      clearSiteData: (origin) => page.clearSiteData(origin),
      evaluate: (expression) => page.evaluate(expression),
      input: (input: ProfileInput) => page.input(input),
      drive: (command, timeoutMs) => page.drive(command, timeoutMs),
      capture: () => page.capture(),
      place: (bounds) => page.place?.(bounds),
      close: async () => {
        if (this.pages.get(spec.id) === tapped) this.pages.delete(spec.id);
        await page.close();
      },
    };
    this.pages.set(spec.id, tapped);
    return tapped;
  }

  dispose(): Promise<void> {
    return this.#inner.dispose();
  }
}

export interface ScenarioProfilesOptions {
  host: ProfileHost;
  platformUrl: () => string;
  /** Where persistent profiles keep their storage, deleted when the runner closes them. */
  profilesDir?: string | null;
  /** How long opening, reloading or restarting waits for the widget to connect. Default 15 s. */
  connectTimeoutMs?: number;
  /** Signs external user IDs as the site's server would (the platform's `sign`); without it, pages carry no userHash. */
  sign?: SiteSigner;
  /** Imports the bot an own site's snippet names on first sight (the platform's `importer`). */
  importer?: SiteImporter;
  /** What the platform knows for the site integration findings (a local platform's; without it, no guessable-ID or lost-conversation finding). */
  findingContext?: FindingContext | undefined;
}

/**
 * A ProfileService of its own over `host`, with the page access the runner needs. The host
 * stays the caller's: dispose() closes the profiles, not the host.
 */
export function createScenarioProfiles(options: ScenarioProfilesOptions): ScenarioProfiles & { service: ProfileService; dispose(): Promise<void> } {
  const tap = new PageTap(options.host);
  const service = new ProfileService({
    host: tap,
    platformUrl: options.platformUrl,
    profilesDir: options.profilesDir ?? null,
    sign: options.sign,
    importer: options.importer,
    ...(options.findingContext ? { findingContext: options.findingContext } : {}),
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
  });
  const pageOf = (id: string): ProfilePage => {
    const page = tap.pages.get(id);
    if (!page) throw new Error(`The page of profile ${id} is not open.`);
    return page;
  };
  const snapshotOf = (id: string): ProfileSnapshot => {
    const snapshot = service.list().find((p) => p.id === id);
    if (!snapshot) throw new Error(`Profile ${id} is not open.`);
    return snapshot;
  };
  /** Waits for the page and its widget to settle after a page step, and for the profile to show what the widget says. */
  const settle = async (id: string, timeoutMs: number): Promise<DrivenPage> => {
    const deadline = Date.now() + timeoutMs;
    let widget: SettledWidget = { state: null, channelId: null, url: snapshotOf(id).url };
    for (;;) {
      try {
        widget = await pageOf(id).evaluate<SettledWidget>(`(${IN_PAGE_SETTLE})(${SETTLE_MARKER}${Math.max(0, deadline - Date.now())})`);
        break;
      } catch (error) {
        // The page was replaced while it was asked (a navigation): ask the new one, while there is time.
        if (Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    // The widget's report reaches the profile over the observer's channel a moment after the page says it.
    const shows = (snapshot: ProfileSnapshot): boolean =>
      widget.state === 'connected'
        ? snapshot.status === 'connected' && snapshot.channelId === widget.channelId
        : widget.state === 'refused'
          ? snapshot.status === 'error'
          : true;
    const reportBy = Date.now() + 2000;
    while (!shows(snapshotOf(id)) && Date.now() < reportBy) await new Promise((resolve) => setTimeout(resolve, 20));
    return { snapshot: snapshotOf(id), url: widget.url };
  };
  return {
    service,
    open: (input) => service.open(input),
    reload: (id) => service.reload(id),
    restart: (id, identity) => service.restart(id, identity),
    clearSiteData: (id) => service.clearSiteData(id),
    resetConversation: (id) => service.resetConversation(id),
    login: (id, externalUserId, userHash) => service.login(id, externalUserId, userHash),
    logout: (id) => service.logout(id),
    sendMessage: (id, text) => service.sendMessage(id, text),
    close: (id) => service.close(id),
    list: () => service.list(),
    async waitForMessage(id, match, timeoutMs) {
      return pageOf(id).evaluate<MessageWait>(waitForMessageScript(match, timeoutMs));
    },
    async drive(id, command, timeoutMs) {
      await pageOf(id).drive(command, timeoutMs);
      return settle(id, timeoutMs);
    },
    findings: (id) => service.findings({ profileId: id }),
    dispose: () => service.dispose(),
  };
}

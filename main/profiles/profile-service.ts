import { readdirSync, rmSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { nanoid } from 'nanoid';
import type {
  NavigationTarget,
  OpenProfileInput,
  PageAction,
  PaneBounds,
  ProfileAction,
  ProfileInput,
  ProfileSnapshot,
  RestartIdentity,
} from './types.ts';
import { BotbenchError } from '../platform/errors.ts';
import { checkSiteUrl, SITE_URL_EXPECTED } from '../common/site-url.ts';
import { tryParseResponsePath } from '../common/response-path.ts';
import { importNamed, namedBots, type NamedBot, type SiteImporter } from './site-import.ts';
import { siteLoadError } from './site-errors.ts';
import { KIND_INFO } from '../common/profile-kinds.ts';
import { formatResponsePath } from '../common/response-path.ts';
import { channelStorageKey } from '../common/storage-key.ts';
import { siteUrl, withKindDefaults, type SiteSigner } from './kinds.ts';
import {
  DEFAULT_VIEWPORT,
  WIDGET_HANDLE,
  type FlowXOScriptRequest,
  type PageNavigation,
  type ProfileHost,
  type ProfilePage,
  type WidgetReport,
} from './profile-host.ts';
import { appendTimeline } from './timeline.ts';
import { MAX_CALLS_PER_LOAD } from '../common/messenger-calls.ts';
import { NO_CONTEXT, findingsFor, siteOf, summarise } from '../findings/findings.ts';
import type { Finding, FindingContext, PageLoad } from '../findings/types.ts';
import { SitePolicyState } from './site-policy-state.ts';

/** What nanoid(10) makes: the id, and storage directory name, of every profile. */
const PROFILE_ID = /^[\w-]{10}$/;

/** Page loads a profile keeps for its findings (oldest dropped first). */
export const MAX_LOADS_PER_PROFILE = 10;

export type ProfileEvent =
  | { type: 'profile'; profile: ProfileSnapshot }
  | { type: 'frame'; profileId: string; dataUrl: string }
  /** A profile's findings changed (Botbench's site integration findings): ask findings() for them. */
  | { type: 'findings'; profileId: string; site: string };

export interface ProfileServiceOptions {
  host: ProfileHost;
  platformUrl: () => string;
  /** Workspace database that remembers profiles across restarts; null keeps them in memory. */
  workspace: DatabaseSync | null;
  /** Where a persistent profile's storage lives, to delete it when the profile is closed (Chromium adapter). */
  profilesDir: string | null;
  /** How long an action waits for the widget to connect. Default 15 s. */
  connectTimeoutMs: number;
  viewport: { width: number; height: number };
  /**
   * Whether the platform has a widget socket open on this response path. Given, a "connected"
   * report is believed only when it names a path of the profile's bot that the platform has
   * really welcomed: a page that fakes its widget's state cannot put an identity on the
   * timeline that no socket of the platform holds.
   */
  liveWidget?: (responsePath: string) => boolean;
  /** Signs a profile's external user ID as the site's server would; without it, pages carry no userHash. */
  sign: SiteSigner | undefined;
  /** Imports the bots an own site's snippet names; without it, an unknown bot is refused by the platform as usual. */
  importer: SiteImporter | undefined;
  /** How long after its page loaded an own-site profile waits for the page to ask for a Flow XO script. Default 5 s. */
  noWidgetTimeoutMs: number;
  /** What the platform knows for the findings (whether a bot verifies identities, where a login linked a conversation). */
  findingContext: FindingContext;
}

interface Profile {
  snapshot: ProfileSnapshot;
  page: ProfilePage | undefined;
  /** Counts widget reports, so an action waits for one that came after it started. */
  reports: number;
  /** The page load whose reports count; reports of the load before a reload/restart are ignored. */
  loadId: string | null;
  staleLoadId: string | null;
  waiters: Array<{ after: number; resolve: () => void; reject: (error: Error) => void }>;
  busy: boolean;
  /** The page it was opened on: a restart comes back to it, and seeds storage on its origin. */
  openedUrl: string;
  /** The demo page's bot (null on an own site): the only bot that page's widget may report. */
  demoBotId: string | null;
  /** The site's own link or form took the page here: a 'navigated' row once its widget (if any) says who the visitor is. */
  pendingNavigation: string | null;
  /** Own site: the page asked for a Flow XO script (and what its snippet said was dealt with). */
  scriptAsked: boolean;
  /** Own site: why its snippet's script was not answered. */
  snippetError: BotbenchError | null;
  /** What its pages did with the messenger API, load by load (bounded), for the findings. */
  loads: PageLoad[];
  /** The findings as last told, to tell listeners only of a change. */
  findingsKey: string;
  /** The page's Content-Security-Policy as the adapter reports it (snapshot.sitePolicy). */
  sitePolicy: SitePolicyState;
}

/**
 * The profiles the tester has open: opens them on a ProfileHost, keeps each one's identity
 * timeline from what its widget reports, and tells listeners about every change.
 */
export class ProfileService {
  #restored = false;
  readonly #options: ProfileServiceOptions;
  readonly #profiles = new Map<string, Profile>();
  readonly #listeners = new Set<(event: ProfileEvent) => void>();
  readonly #pageActions = new Set<(profileId: string, action: PageAction) => void>();
  #position = 0;

  constructor(options: Partial<ProfileServiceOptions> & Pick<ProfileServiceOptions, 'host' | 'platformUrl'>) {
    this.#options = {
      workspace: null,
      profilesDir: null,
      connectTimeoutMs: 15_000,
      viewport: DEFAULT_VIEWPORT,
      sign: undefined,
      importer: undefined,
      noWidgetTimeoutMs: 5000,
      findingContext: NO_CONTEXT,
      ...options,
    };
  }

  subscribe(listener: (event: ProfileEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** What the tester does inside profiles' pages (clicks, typing), for a recording; not part of the UI's event stream. */
  onPageAction(listener: (profileId: string, action: PageAction) => void): () => void {
    this.#pageActions.add(listener);
    return () => this.#pageActions.delete(listener);
  }

  list(): ProfileSnapshot[] {
    return [...this.#profiles.values()].map((profile) => profile.snapshot);
  }

  /** Opens again the persistent profiles remembered in the workspace (incognito ones are gone, as they should be). */
  /** Opens again the profiles the workspace remembers; once (a second call, e.g. after a browser was found, does nothing). */
  async restore(): Promise<void> {
    if (this.#restored) return;
    this.#restored = true;
    const rows = this.#options.workspace?.prepare('SELECT id, spec, timeline FROM profiles ORDER BY position').all() as
      Array<{ id: string; spec: string; timeline: string }> | undefined;
    this.#sweep(new Set((rows ?? []).map((row) => row.id)));
    for (const row of rows ?? []) {
      const spec = JSON.parse(row.spec) as OpenProfileInput & { label: string };
      await this.#open(row.id, spec, JSON.parse(row.timeline) as ProfileSnapshot['timeline']).catch(() => undefined);
    }
  }

  /**
   * Removes, before anything opens, the storage directories no remembered profile owns: a spare
   * browser's left by a killed app, a scenario's persistent profile. Only names shaped like our
   * profile ids are touched.
   */
  #sweep(kept: ReadonlySet<string>): void {
    const dir = this.#options.profilesDir;
    if (!dir || !this.#options.workspace) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // No profiles directory yet.
    }
    for (const entry of entries) {
      if (entry.isDirectory() && PROFILE_ID.test(entry.name) && !kept.has(entry.name) && !this.#profiles.has(entry.name)) {
        rmSync(join(dir, entry.name), { recursive: true, force: true });
      }
    }
  }

  open(input: OpenProfileInput): Promise<ProfileSnapshot> {
    if (input.siteUrl !== undefined) {
      // Refused before anything opens or is written: a bad URL leaves no profile behind.
      const checked = checkSiteUrl(input.siteUrl);
      if (!checked.ok)
        return Promise.reject(
          new BotbenchError('BOTBENCH_ERR_SITE_URL', `The site URL must be ${SITE_URL_EXPECTED}; ${checked.reason}.`, {
            expected: SITE_URL_EXPECTED,
            field: 'siteUrl',
          }),
        );
      input = { ...input, siteUrl: checked.url };
    } else if (input.botId === undefined) {
      return Promise.reject(
        new BotbenchError('BOTBENCH_ERR_VALIDATION', 'A profile needs a botId (the demo page of that bot) or a siteUrl (your own page).', {
          expected: 'botId or siteUrl',
          field: 'botId',
        }),
      );
    }
    const count = this.list().filter((p) => p.kind === input.kind).length;
    const label = input.label?.trim() || `${KIND_INFO[input.kind].name}${count > 0 ? ` ${count + 1}` : ''}`;
    const id = this.#options.host.newProfileId?.(KIND_INFO[input.kind].storage) ?? nanoid(10);
    return this.#open(id, { ...withKindDefaults(input), label }, []);
  }

  async #open(id: string, input: OpenProfileInput & { label: string }, timeline: ProfileSnapshot['timeline']): Promise<ProfileSnapshot> {
    const kind = KIND_INFO[input.kind];
    const own = input.siteUrl !== undefined;
    const url = siteUrl(this.#options.platformUrl(), input, this.#options.sign);
    const profile: Profile = {
      snapshot: {
        id,
        kind: input.kind,
        label: input.label,
        // An own site's bot is the one its widget connects to (see #onReport).
        botId: input.botId ?? '',
        externalUserId: input.externalUserId ?? null,
        metadata: input.metadata ?? null,
        script: input.script ?? 'embed',
        persistentStorage: kind.storage !== 'ephemeral',
        status: 'opening',
        channelKind: null,
        channelId: null,
        responsePath: null,
        url,
        canGoBack: false,
        canGoForward: false,
        siteUrl: own ? url : null,
        notices: [],
        timeline,
        error: null,
        errorCode: null,
        refusal: null,
        findings: { count: 0, worst: null },
        sitePolicy: null,
      },
      page: undefined,
      loads: [],
      findingsKey: '[]',
      reports: 0,
      loadId: null,
      staleLoadId: null,
      waiters: [],
      busy: true,
      openedUrl: url,
      demoBotId: own ? null : (input.botId ?? null),
      pendingNavigation: null,
      scriptAsked: false,
      snippetError: null,
      sitePolicy: new SitePolicyState(id),
    };
    this.#profiles.set(id, profile);
    // An own site is remembered once it worked: a bad URL or snippet writes nothing to the workspace.
    if (kind.storage !== 'ephemeral' && !own) this.#remember(profile, input);
    this.#publish(profile);
    try {
      const after = profile.reports;
      profile.page = await this.#options.host
        .open(
          {
            id,
            storage: kind.storage,
            url,
            viewport: this.#options.viewport,
            flowxo: { platformUrl: this.#options.platformUrl(), patterns: input.scriptPatterns ?? [] },
            acceptCertificateOf: own && input.acceptCertificate ? new URL(url).origin : undefined,
          },
          {
            onWidget: (report) => this.#onReport(profile, report),
            onFrame: (dataUrl) => this.#emit({ type: 'frame', profileId: id, dataUrl }),
            onCrash: (reason) => this.#update(profile, { status: 'error', error: reason }),
            onFlowXOScript: (request) => this.#onScript(profile, request),
            onPageAction: (action) => {
              for (const listener of this.#pageActions) listener(id, action);
            },
            onNavigate: (navigation) => this.#onNavigate(profile, navigation),
            onLoad: () => void this.#onLoad(profile),
            onSitePolicy: (policy) => {
              profile.sitePolicy.onPolicy(policy);
              this.#updateSitePolicy(profile);
            },
            onPageSecurity: (report) => {
              profile.sitePolicy.onPageSecurity(report);
              this.#updateSitePolicy(profile);
            },
          },
        )
        .catch((error: unknown) => {
          throw (own ? siteLoadError(error, url) : null) ?? error;
        });
      if (own) await this.#scriptAnswered(profile);
      await this.#connected(profile, after);
      this.#record(profile, 'opened');
      if (kind.storage !== 'ephemeral' && own) this.#remember(profile, input);
    } catch (error) {
      this.#recordRefusal(profile, 'opened', error);
      this.#update(profile, {
        status: 'error',
        error: (error as Error).message,
        errorCode: error instanceof BotbenchError ? error.code : 'BOTBENCH_ERR_BROWSER',
      });
      // A persistent own-site profile that never worked leaves no storage behind once its browser is gone.
      if (own && !profile.page && this.#options.profilesDir && kind.storage !== 'ephemeral')
        rmSync(join(this.#options.profilesDir, id), { recursive: true, force: true });
      throw error instanceof BotbenchError
        ? error
        : new BotbenchError('BOTBENCH_ERR_BROWSER', `The profile's browser could not start: ${(error as Error).message}`);
    } finally {
      profile.busy = false;
    }
    return profile.snapshot;
  }

  /**
   * An own site's page asked for a Flow XO script: its snippet is checked, and the bots it names
   * are imported on first sight, before the script is answered. Answers whether to answer it.
   */
  async #onScript(profile: Profile, request: FlowXOScriptRequest): Promise<boolean> {
    // Which widget generation the page loads decides which of Flow XO's hosts its policy must allow.
    profile.sitePolicy.onScriptRequested(request.script === 'embed' ? 'legacy' : 'current');
    this.#updateSitePolicy(profile);
    try {
      const snippets = request.snippets;
      if (!snippets) return true;
      let named: NamedBot[];
      try {
        named = namedBots(snippets, request.script, profile.snapshot.siteUrl !== null);
      } catch (error) {
        profile.snippetError = error as BotbenchError;
        return false;
      }
      const importer = this.#options.importer;
      if (!importer) return true;
      const notices = await importNamed(importer, named, snippets.pageUrl);
      if (notices.length > 0) this.#update(profile, { notices: [...profile.snapshot.notices, ...notices.map((text) => ({ at: Date.now(), text }))] });
      return true;
    } finally {
      profile.scriptAsked = true;
    }
  }

  /** Resolves once an own site's page asked for a Flow XO script and it was answered; rejects with why not. */
  async #scriptAnswered(profile: Profile): Promise<void> {
    const until = Date.now() + this.#options.noWidgetTimeoutMs;
    while (!profile.scriptAsked && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    if (profile.snippetError) throw profile.snippetError;
    if (!profile.scriptAsked) {
      throw new BotbenchError(
        'BOTBENCH_ERR_SITE_NO_WIDGET',
        `${profile.snapshot.url} loaded, but asked for no Flow XO widget script within ${this.#options.noWidgetTimeoutMs} ms: does the page embed the snippet (https://widget.flowxo.com/embed.js with data-fxo-widget, or https://messenger.flowxo.com/loader.js with data-connection)? A self-hosted copy needs its URL among the profile's script patterns.`,
        { expected: 'a page with a Flow XO snippet', field: 'siteUrl' },
      );
    }
  }

  /** Reloads the page, as a visitor pressing F5 does; a page without the widget is recorded as such (see navigate). */
  reload(id: string): Promise<ProfileSnapshot> {
    return this.navigate(id, 'reload');
  }

  /**
   * Closes the browser and opens it again. `same` keeps its storage; `new` starts it without
   * the stored Channel ID; `typed` stores the tester's ID first, so the widget comes back as
   * exactly `{botId}/c/<typed>`.
   */
  restart(id: string, identity: RestartIdentity = { mode: 'same' }): Promise<ProfileSnapshot> {
    return this.#act(
      id,
      'restarted',
      async (page, profile) => {
        if (identity.mode === 'same') return page.restart();
        const key = channelStorageKey(profile.snapshot.botId);
        return page.restart({ origin: new URL(profile.openedUrl).origin, key, value: identity.mode === 'typed' ? identity.channelId : null });
      },
      true,
    );
  }

  /** Clears the site's storage, then reloads, as a visitor clearing their cache and coming back would. */
  clearSiteData(id: string): Promise<ProfileSnapshot> {
    return this.#act(
      id,
      'cleared',
      async (page, profile) => {
        await page.clearSiteData(new URL(profile.snapshot.url).origin);
        await page.reload();
      },
      true,
    );
  }

  /**
   * Takes the page where the pane's address bar says: an address (the site's login page, another
   * site), back, forward, or a reload. Resolves once the new page has loaded and, when it embeds
   * Flow XO's widget, the widget has said who the visitor is; a page without the widget is
   * recorded as such (the visitor's ID stays in the browser's storage for the next page that has it).
   */
  async navigate(id: string, to: NavigationTarget): Promise<ProfileSnapshot> {
    const profile = this.#require(id);
    const page = this.#page(profile);
    if (typeof to === 'object') {
      // Refused before the page moves, with profiles.open's rule and code.
      const checked = checkSiteUrl(to.url);
      if (!checked.ok)
        throw new BotbenchError('BOTBENCH_ERR_SITE_URL', `The address must be ${SITE_URL_EXPECTED}; ${checked.reason}.`, {
          expected: SITE_URL_EXPECTED,
          field: 'to.url',
        });
      to = { url: checked.url };
    }
    const action: ProfileAction = to === 'reload' ? 'reloaded' : 'navigated';
    profile.busy = true;
    profile.staleLoadId = profile.loadId;
    try {
      const after = profile.reports;
      this.#update(profile, { status: 'connecting' });
      await page.navigate(to);
      const note = action === 'navigated' ? `to ${profile.snapshot.url}` : null;
      if (await this.#hasWidget(page)) {
        await this.#connected(profile, after);
        this.#record(profile, action, note);
      } else this.#noWidget(profile, action, note);
    } catch (error) {
      this.#recordRefusal(profile, action, error);
      if (error instanceof BotbenchError && error.code === 'BOTBENCH_ERR_NAVIGATION')
        this.#update(profile, { status: 'error', error: error.message, errorCode: error.code });
      throw error;
    } finally {
      profile.busy = false;
      profile.staleLoadId = null;
      profile.pendingNavigation = null;
    }
    return profile.snapshot;
  }

  /** Whether the loaded page embeds Flow XO's widget (either script); a page that is gone has none. */
  async #hasWidget(page: ProfilePage): Promise<boolean> {
    return page.evaluate<boolean>(`Boolean(${WIDGET_HANDLE})`).catch(() => false);
  }

  /** The page has no widget: nobody's conversation is on screen, though the browser keeps the visitor's ID. */
  #noWidget(profile: Profile, action: ProfileAction, note: string | null): void {
    this.#update(profile, {
      status: 'error',
      error: `No Flow XO widget on ${profile.snapshot.url}: this page does not embed Flow XO's script, so no visitor is connected here.`,
      errorCode: 'BOTBENCH_ERR_SITE_NO_WIDGET',
    });
    const timeline = appendTimeline(
      profile.snapshot.timeline,
      action,
      { channelId: null, responsePath: null },
      [note, 'no widget on this page'].filter(Boolean).join(' — '),
    );
    this.#update(profile, { timeline });
    this.#options.workspace?.prepare('UPDATE profiles SET timeline = ? WHERE id = ?').run(JSON.stringify(timeline), profile.snapshot.id);
  }

  /** Where the page is now. A navigation of the site's own (a link, a form) gets its timeline row once its page is known. */
  #onNavigate(profile: Profile, navigation: PageNavigation): void {
    const moved = navigation.url !== profile.snapshot.url;
    this.#update(profile, { url: navigation.url, canGoBack: navigation.canGoBack, canGoForward: navigation.canGoForward });
    if (moved && !profile.busy) profile.pendingNavigation = navigation.url;
  }

  /** A document the site itself navigated to has loaded: if it has no widget, say so now (one with a widget reports by itself). */
  async #onLoad(profile: Profile): Promise<void> {
    if (profile.busy || profile.pendingNavigation === null || !profile.page) return;
    const url = profile.pendingNavigation;
    if (await this.#hasWidget(profile.page)) return;
    if (profile.busy || profile.pendingNavigation !== url) return;
    profile.pendingNavigation = null;
    this.#noWidget(profile, 'navigated', `to ${url}`);
  }

  /** Presses the widget's reset; a refusal (external user ID) is recorded with its reason. */
  resetConversation(id: string): Promise<ProfileSnapshot> {
    return this.#act(id, 'reset', async (page) => {
      const result = await page.evaluate<{ ok: boolean; message?: string }>(`${WIDGET_HANDLE}.resetConversation()`);
      return result.ok ? null : `refused: ${result.message ?? 'no reason given'}`;
    });
  }

  /** Logs the visitor in, as the page's own login would (the widget's identify, with the site's userHash). */
  login(id: string, externalUserId: string, userHash?: string): Promise<ProfileSnapshot> {
    const options = userHash ? `, ${JSON.stringify({ userHash })}` : '';
    return this.#act(id, 'logged-in', (page) => page.evaluate(`void ${WIDGET_HANDLE}.identify(${JSON.stringify(externalUserId)}${options})`));
  }

  logout(id: string): Promise<ProfileSnapshot> {
    return this.#act(id, 'logged-out', (page) => page.evaluate(`void ${WIDGET_HANDLE}.logout()`));
  }

  async sendMessage(id: string, text: string): Promise<ProfileSnapshot> {
    const profile = this.#require(id);
    await this.#page(profile).evaluate(`${WIDGET_HANDLE}.sendMessage(${JSON.stringify(text)}).then(() => true)`);
    return profile.snapshot;
  }

  async input(id: string, input: ProfileInput): Promise<void> {
    await this.#page(this.#require(id)).input(input);
  }

  /** Where the desktop app shows this profile's live page; a no-op for adapters that only take pictures. */
  place(id: string, bounds: PaneBounds | null): void {
    this.#require(id).page?.place?.(bounds);
  }

  capture(id: string): Promise<string> {
    return this.#page(this.#require(id)).capture();
  }

  /** Closes the profile for good: its window, and a persistent profile's storage too. */
  async close(id: string): Promise<ProfileSnapshot> {
    const profile = this.#require(id);
    await profile.page?.close();
    profile.page = undefined;
    this.#profiles.delete(id);
    this.#options.workspace?.prepare('DELETE FROM profiles WHERE id = ?').run(id);
    if (this.#options.profilesDir && profile.snapshot.persistentStorage)
      rmSync(join(this.#options.profilesDir, id), { recursive: true, force: true });
    this.#update(profile, {
      status: 'closed',
      timeline: appendTimeline(profile.snapshot.timeline, 'closed', { channelId: null, responsePath: null }),
    });
    // Its findings leave with it: a Findings list showing its site reads them again.
    if (profile.findingsKey !== '[]')
      this.#emit({ type: 'findings', profileId: id, site: siteOf(profile.loads.at(-1)?.url ?? profile.snapshot.url) });
    return profile.snapshot;
  }

  /** Closes every window; persistent profiles stay remembered for restore(). */
  async dispose(): Promise<void> {
    await Promise.all([...this.#profiles.values()].map((profile) => profile.page?.close()));
    this.#profiles.clear();
  }

  /** Runs an action and records its outcome; `navigates` means a new page load must report before it counts. */
  async #act(
    id: string,
    action: ProfileAction,
    work: (page: ProfilePage, profile: Profile) => Promise<string | null | void>,
    navigates = false,
  ): Promise<ProfileSnapshot> {
    const profile = this.#require(id);
    const page = this.#page(profile);
    profile.busy = true;
    if (navigates) profile.staleLoadId = profile.loadId;
    try {
      const after = profile.reports;
      this.#update(profile, { status: 'connecting' });
      const note = await work(page, profile);
      // A refused reset changes nothing, so there is no new connection to wait for.
      if (typeof note !== 'string') await this.#connected(profile, after);
      else this.#update(profile, { status: 'connected' });
      this.#record(profile, action, note ?? null);
    } catch (error) {
      this.#recordRefusal(profile, action, error);
      throw error;
    } finally {
      profile.busy = false;
      profile.staleLoadId = null;
    }
    return profile.snapshot;
  }

  /**
   * Botbench's site integration findings: of one profile, or of every open profile whose pages
   * were on `site` (an origin, e.g. "https://shop.example.test"), or of all open profiles.
   */
  findings(query: { profileId?: string | undefined; site?: string | undefined } = {}): Finding[] {
    const profiles = query.profileId !== undefined ? [this.#require(query.profileId)] : [...this.#profiles.values()];
    const loads = profiles.flatMap((profile) => profile.loads);
    const site = query.site === undefined ? undefined : siteOf(query.site);
    // The page's Content-Security-Policy findings (sitePolicy) beside those from its recorded calls.
    const csp = profiles.flatMap((profile) => profile.snapshot.sitePolicy?.findings ?? []);
    return [
      ...findingsFor(site === undefined ? loads : loads.filter((load) => siteOf(load.url) === site), this.#options.findingContext),
      ...csp,
    ].filter((finding) => site === undefined || siteOf(finding.url) === site);
  }

  /** A recorded call: kept with its page load (bounded), and the profile's findings brought up to date. */
  #onCall(profile: Profile, report: WidgetReport): void {
    const call = report.call;
    if (!call) return;
    let load = profile.loads.find((item) => item.loadId === report.loadId);
    if (!load) {
      load = { profileId: profile.snapshot.id, loadId: report.loadId, url: report.page ?? profile.snapshot.url, calls: [], dropped: 0 };
      profile.loads = [...profile.loads, load].slice(-MAX_LOADS_PER_PROFILE);
    }
    if (load.calls.length >= MAX_CALLS_PER_LOAD) {
      load.dropped++;
      return;
    }
    load.calls.push(call);
    this.#refreshFindings(profile);
  }

  #refreshFindings(profile: Profile): void {
    if (!this.#profiles.has(profile.snapshot.id)) return;
    const findings = [...findingsFor(profile.loads, this.#options.findingContext), ...(profile.snapshot.sitePolicy?.findings ?? [])];
    const key = JSON.stringify(findings);
    if (key === profile.findingsKey) return;
    profile.findingsKey = key;
    this.#update(profile, { findings: summarise(findings) });
    const site = siteOf(profile.loads.at(-1)?.url ?? profile.snapshot.url);
    this.#emit({ type: 'findings', profileId: profile.snapshot.id, site });
  }

  #onReport(profile: Profile, report: WidgetReport): void {
    // A recorded call says nothing new about the state (and may come from a page that is unloading): it only counts for the findings.
    if (report.call) {
      this.#onCall(profile, report);
      return;
    }
    // The page being replaced can still report while it unloads; it must not count as the new one.
    if (report.loadId === profile.staleLoadId) return;
    if (report.state === 'connected' && !this.#platformKnows(profile, report)) return;
    profile.loadId = report.loadId;
    profile.reports++;
    const status = report.state === 'connected' ? 'connected' : report.state === 'refused' ? 'error' : 'connecting';
    const changedOutsideAction =
      !profile.busy && report.state === 'connected' && profile.snapshot.channelId !== null && report.channelId !== profile.snapshot.channelId;
    const previousKind = profile.snapshot.channelKind;
    this.#update(profile, {
      status,
      ...(report.state === 'connected'
        ? {
            botId: this.#botOf(profile, report),
            channelId: report.channelId,
            responsePath: report.responsePath,
            channelKind: report.kind === 'external' ? ('external' as const) : ('anonymous' as const),
            error: null,
            errorCode: null,
            refusal: null,
          }
        : {}),
      // A refused widget is in nobody's conversation: it keeps no Channel ID.
      ...(report.state === 'refused'
        ? {
            error: `The platform refused this widget: ${report.error ?? 'see the log'}`,
            errorCode: 'BOTBENCH_ERR_WIDGET_REFUSED',
            refusal: { code: report.errorCode ?? 'BOTBENCH_ERR_WIDGET_REFUSED', message: report.error ?? 'see the log' },
            channelId: null,
            responsePath: null,
            channelKind: null,
          }
        : {}),
    });
    // A connected widget means its script loaded, which the policy findings take into account.
    if (report.state === 'connected') this.#updateSitePolicy(profile);
    // A page the site navigated to by itself (a link, its login form): where it went, and who the visitor is there.
    const navigatedTo = !profile.busy && report.state === 'connected' ? profile.pendingNavigation : null;
    if (navigatedTo !== null) profile.pendingNavigation = null;
    const where = navigatedTo === null ? '' : `, on ${navigatedTo}`;
    if (changedOutsideAction) {
      // The page changed who the visitor is by itself: its login/logout buttons, or the widget's reset.
      if (previousKind === 'anonymous' && report.kind === 'external') this.#record(profile, 'logged-in', `from the page${where}`);
      else if (previousKind === 'external' && report.kind === 'anonymous') this.#record(profile, 'logged-out', `from the page${where}`);
      else if (navigatedTo !== null) this.#record(profile, 'navigated', `to ${navigatedTo}`);
      else this.#record(profile, 'reset', 'from the widget’s own controls');
    } else if (navigatedTo !== null) this.#record(profile, 'navigated', `to ${navigatedTo}`);
    if (report.state === 'connected' || report.state === 'refused') {
      const done = profile.waiters.filter((w) => profile.reports > w.after);
      profile.waiters = profile.waiters.filter((w) => profile.reports <= w.after);
      // A refusal is an answer too: no need to wait out the timeout.
      for (const waiter of done) {
        if (report.state === 'connected') waiter.resolve();
        else waiter.reject(this.#refused(profile, report.error ?? 'see the log'));
      }
    }
  }

  #platformKnows(profile: Profile, report: WidgetReport): boolean {
    const live = this.#options.liveWidget;
    if (!live) return true;
    return (
      report.channelId !== null &&
      report.responsePath === formatResponsePath(this.#botOf(profile, report), report.channelId) &&
      live(report.responsePath)
    );
  }

  /**
   * The bot a report is about: the demo page's own bot while the profile shows that page; on an
   * own site, or any page the address bar or the site took it to, the one its widget connected to.
   */
  #botOf(profile: Profile, report: WidgetReport): string {
    if (profile.demoBotId !== null && profile.snapshot.url === profile.openedUrl) return profile.demoBotId;
    const parsed = tryParseResponsePath(report.responsePath);
    return parsed.ok ? parsed.value.botId : profile.snapshot.botId;
  }

  #refused(profile: Profile, reason: string): BotbenchError {
    return new BotbenchError('BOTBENCH_ERR_WIDGET_REFUSED', `The platform refused the widget in "${profile.snapshot.label}": ${reason}`, {
      expected: 'an identity the bot accepts (see the refusal code on the profile)',
    });
  }

  /** Resolves once the widget reports "connected" after report number `after`. */
  #connected(profile: Profile, after: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        profile.waiters = profile.waiters.filter((w) => w !== waiter);
        reject(
          new BotbenchError(
            'BOTBENCH_ERR_PROFILE_TIMEOUT',
            `The widget in "${profile.snapshot.label}" did not connect within ${this.#options.connectTimeoutMs} ms.`,
          ),
        );
      }, this.#options.connectTimeoutMs);
      const waiter = {
        after,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (profile.snapshot.status === 'connected' && profile.reports > after) waiter.resolve();
      // Refused before anyone waited (a page whose widget is refused while it still loads): that is the answer already.
      else if (profile.snapshot.refusal !== null && profile.reports > after) waiter.reject(this.#refused(profile, profile.snapshot.refusal.message));
      else profile.waiters.push(waiter);
    });
  }

  /** An action the platform refused still gets its timeline row: no Channel ID, and why. */
  #recordRefusal(profile: Profile, action: ProfileAction, error: unknown): void {
    if (!(error instanceof BotbenchError) || error.code !== 'BOTBENCH_ERR_WIDGET_REFUSED' || profile.snapshot.refusal === null) return;
    this.#record(profile, action, `refused: ${profile.snapshot.refusal.message}`);
  }

  #record(profile: Profile, action: ProfileAction, note: string | null = null): void {
    const timeline = appendTimeline(profile.snapshot.timeline, action, profile.snapshot, note);
    this.#update(profile, { timeline });
    this.#options.workspace?.prepare('UPDATE profiles SET timeline = ? WHERE id = ?').run(JSON.stringify(timeline), profile.snapshot.id);
  }

  #remember(profile: Profile, input: OpenProfileInput & { label: string }): void {
    this.#options.workspace
      ?.prepare('INSERT INTO profiles (id, position, spec, timeline) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(profile.snapshot.id, this.#position++, JSON.stringify(input), JSON.stringify(profile.snapshot.timeline));
  }

  /** The snapshot's sitePolicy from what the page reported; the widget having connected counts as its script having loaded. */
  #updateSitePolicy(profile: Profile): void {
    const sitePolicy = profile.sitePolicy.snapshot(profile.snapshot.channelId !== null);
    if (JSON.stringify(sitePolicy) === JSON.stringify(profile.snapshot.sitePolicy)) return;
    this.#update(profile, { sitePolicy });
    this.#refreshFindings(profile);
  }

  #update(profile: Profile, change: Partial<ProfileSnapshot>): void {
    profile.snapshot = { ...profile.snapshot, ...change };
    this.#publish(profile);
  }

  #publish(profile: Profile): void {
    this.#emit({ type: 'profile', profile: profile.snapshot });
  }

  #emit(event: ProfileEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #require(id: string): Profile {
    const profile = this.#profiles.get(id);
    if (profile) return profile;
    throw new BotbenchError('BOTBENCH_ERR_PROFILE_NOT_FOUND', `No open profile has id ${JSON.stringify(id)}.`, {
      expected: 'the id of an open profile',
    });
  }

  #page(profile: Profile): ProfilePage {
    if (profile.page) return profile.page;
    throw new BotbenchError('BOTBENCH_ERR_BROWSER', `The browser of "${profile.snapshot.label}" is not running.`, { expected: 'an open profile' });
  }
}

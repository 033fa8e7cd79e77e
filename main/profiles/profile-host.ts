import type { FlowXOScript, ScriptPattern } from '../common/flowxo-scripts.ts';
import type { HostStatus, PageAction, PaneBounds, ProfileInput, StorageMode } from './types.ts';
import type { ObservedPolicy } from './site-policy.ts';
import type { PageSecurityReport } from './violation-observer.ts';

/**
 * One ProfileHost interface, two adapters: Chromium through playwright-core (tests, browser
 * mode) and Electron session partitions (the desktop app). An adapter only drives browser
 * pages on isolated storage; timelines, labels and events live in ProfileService above it.
 */
export interface ProfileHost {
  readonly name: 'chromium' | 'electron';
  /**
   * Opens a page on its own storage: `persistent` storage outlives restart(), `ephemeral` does
   * not, and `blocked` storage refuses the page (as with third-party storage blocked), so every
   * load is a new visitor.
   */
  open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage>;
  /**
   * The id a new profile with this storage should take, when the host has already started its
   * storage (a spare browser, see ChromiumHostOptions.spare); undefined: any new id will do.
   * The caller opens that id next.
   */
  newProfileId?(storage: StorageMode): string | undefined;
  /**
   * Whether pages can open (a browser was found, or the host embeds its own); looked at again on
   * every call. Absent: always ready.
   */
  status?(): HostStatus;
  /** Starts ahead what the first pages will need (ChromiumHostOptions.spare); never rejects. */
  warm?(): Promise<void>;
  /** Closes every page and browser this host started. */
  dispose(): Promise<void>;
}

export type { HostStatus, StorageMode } from './types.ts';

/** One storage entry to set (or remove, with null) on the site's origin before the page loads: "restart with this ID". */
export interface StorageSeed {
  origin: string;
  key: string;
  value: string | null;
}

/** The size of a profile's page unless the workbench asks for another: a phone-sized column, as panes show it. */
export const DEFAULT_VIEWPORT: PageSpec['viewport'] = { width: 420, height: 680 };

export interface PageSpec {
  /** Stable profile id; persistent storage is keyed by it (a directory or a `persist:` partition). */
  id: string;
  storage: StorageMode;
  url: string;
  viewport: { width: number; height: number };
  /**
   * Flow XO's script URLs (main/common/flowxo-scripts.ts) are answered by the platform at
   * `platformUrl`, plus these patterns of the site's own. Absent: the page's requests go to the
   * network as they are (a page that loads the platform’s own /embed.js needs nothing).
   */
  flowxo?: { platformUrl: string; patterns: readonly ScriptPattern[] } | undefined;
  /**
   * An https site whose certificate the tester accepted (self-signed, a staging CA): its
   * certificate errors are ignored for that origin only. Others still fail to load.
   */
  acceptCertificateOf?: string | undefined;
}

/** The Flow XO snippets found in the page that asked for a Flow XO script (see snippetProbe). */
export interface SiteSnippets {
  pageUrl: string;
  /** Every `data-fxo-widget` value of the page's script tags, in document order. */
  embedCodes: string[];
  /** Every `data-connection` value of the page's script tags. */
  connections: string[];
}

/** A request for one of Flow XO's scripts, about to be answered by the platform. */
export interface FlowXOScriptRequest {
  script: FlowXOScript;
  url: string;
  /** What the page's snippets say, or null when the page could not be read in time. */
  snippets: SiteSnippets | null;
}

/** What the widget in a page reports, pushed by the page itself (no polling from main). */
export interface WidgetReport {
  /** Random per page load: tells a report of the page before a reload from one after it. */
  loadId: string;
  state: string;
  channelId: string | null;
  responsePath: string | null;
  kind: string | null;
  /** The platform's last error message to this widget (e.g. why it refused the hello). */
  error?: string | null;
  /** That error's stable code (e.g. BOTBENCH_ERR_IDENTITY). */
  errorCode?: string | null;
}

export interface PageHooks {
  onWidget(report: WidgetReport): void;
  /** A new picture of the page (browser mode's live view); adapters that embed the page live may never call it. */
  onFrame?(dataUrl: string): void;
  /** The page or its browser went away without being asked to. */
  onCrash?(reason: string): void;
  /** The main document's Content-Security-Policy as the site sent it, and what Botbench added for the local widget; once per document. */
  onSitePolicy?(policy: ObservedPolicy): void;
  /** A violation the browser reported for a Flow XO URL, or the Flow XO script tags of the page. */
  onPageSecurity?(report: PageSecurityReport): void;
  /** The tester clicked or typed in the page (its recorder script, page-recorder.ts): what a recording turns into page steps. */
  onPageAction?(action: PageAction): void;
  /**
   * The page asked for a Flow XO script (PageSpec.flowxo). The host answers it once this
   * settles (or after SCRIPT_HOOK_TIMEOUT_MS), so the bots it names can be imported first;
   * false: the request fails instead, as a blocked script would (a malformed snippet).
   */
  onFlowXOScript?(request: FlowXOScriptRequest): Promise<boolean>;
}

export interface ProfilePage {
  reload(): Promise<void>;
  /** Closes the browser and opens it again on the same storage (ephemeral storage starts empty), optionally seeding one entry first. */
  restart(seed?: StorageSeed): Promise<void>;
  /** Drops everything the origin stored, as "clear browsing data" does. */
  clearSiteData(origin: string): Promise<void>;
  /** Runs a function body in the page and returns its (JSON) result. */
  evaluate<T>(expression: string): Promise<T>;
  input(input: ProfileInput): Promise<void>;
  /** A PNG of the page, as a data URL. */
  capture(): Promise<string>;
  /** Desktop app: show the live page over this rectangle of the window, or hide it (null). Browser pages ignore it. */
  place?(bounds: PaneBounds | null): void;
  close(): Promise<void>;
}

/**
 * The widget's Botbench handle in a page, whichever Flow XO script it embeds: `FxoMessenger.botbench`
 * (legacy embed.js) or `FlowXO.botbench` (current loader.js). JS source of an expression.
 */
export const WIDGET_HANDLE = '(window.FxoMessenger || window.FlowXO || {}).botbench';

/**
 * Script run in every profile page before its own scripts: once the widget has started, pass
 * its identity and state to `reportFunction` (JS source of a function each adapter provides).
 * It listens to Botbench's own handle (its `state` event carries the whole state object), so
 * the page's documented events (legacy stateChanged's state string, FlowXO's events) are
 * exactly what Flow XO gives. It only listens; the page behaves as it would without it.
 */
export function widgetObserverScript(reportFunction: string): string {
  return `(() => {
    const report = ${reportFunction};
    const loadId = Math.random().toString(36).slice(2);
    let error = null;
    let errorCode = null;
    const attach = () => {
      const widget = ${WIDGET_HANDLE};
      if (!widget || typeof widget.on !== 'function') return false;
      const send = () => { try { const s = widget.getState(); report({ loadId, state: s.state, channelId: s.channelId, responsePath: s.responsePath, kind: s.kind, error, errorCode }); } catch {} };
      widget.on('state', send);
      widget.on('error', (e) => { error = e && e.message ? String(e.message) : null; errorCode = e && e.code ? String(e.code) : null; });
      send();
      return true;
    };
    if (!attach()) { const timer = setInterval(() => { if (attach()) clearInterval(timer); }, 25); }
  })();`;
}

import type { FlowXOScript, ScriptPattern } from '../common/flowxo-scripts.ts';
import type { HostStatus, PageAction, PageCommand, PaneBounds, ProfileInput, StorageMode } from './types.ts';
import type { ObservedPolicy } from './site-policy.ts';
import type { PageSecurityReport } from './violation-observer.ts';
import type { MessengerCall } from '../common/messenger-calls.ts';

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
  /**
   * A recorded call to the messenger API (or the platform's answer, or what the observer saw),
   * for the findings. A report carrying one says nothing new about the state: only the call counts.
   */
  call?: MessengerCall | undefined;
  /** The page's address, sent with a call (pages navigate; the profile's URL is only where it started). */
  page?: string | undefined;
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
  /**
   * Does a scenario's page step as the site's user would (main/profiles/page-commands.ts), waiting
   * up to `timeoutMs` for its element, text or page; a navigation it starts has loaded when it
   * resolves. Rejects with BOTBENCH_ERR_PAGE_STEP saying what it expected, never with a bare
   * browser error.
   */
  drive(command: PageCommand, timeoutMs: number): Promise<void>;
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

/** How long after the page's load event a widget script that has not started counts as never started. */
export const NEVER_STARTED_MS = 6000;

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
    let widget = null;
    const now = () => Math.round(performance.now());
    const api = () => (window.FlowXO && !window.FxoMessenger ? 'current' : 'legacy');
    // A call report carries the state as it is, but only its call counts (ProfileService).
    const sendCall = (call) => { try { const s = widget ? widget.getState() : null; report({ loadId, state: s ? s.state : 'absent', channelId: s ? s.channelId : null, responsePath: s ? s.responsePath : null, kind: s ? s.kind : null, call, page: String(location.href).slice(0, 2048) }); } catch {} };
    const attach = () => {
      const handle = ${WIDGET_HANDLE};
      if (!handle || typeof handle.on !== 'function') return false;
      widget = handle;
      const send = () => { try { const s = widget.getState(); report({ loadId, state: s.state, channelId: s.channelId, responsePath: s.responsePath, kind: s.kind, error, errorCode }); } catch {} };
      widget.on('state', send);
      widget.on('error', (e) => { error = e && e.message ? String(e.message) : null; errorCode = e && e.code ? String(e.code) : null; });
      if (typeof widget.calls === 'function') { for (const call of widget.calls()) sendCall(call); widget.on('call', sendCall); }
      send();
      return true;
    };
    // What the widget cannot record, because it did not exist yet or at all (Botbench's findings):
    // the page calling the API before the script defined it, a login form sent, a script that never started.
    if (typeof window.addEventListener === 'function' && typeof document !== 'undefined') {
      window.addEventListener('error', (e) => {
        if (widget) return;
        const message = String((e && e.message) || '');
        const named = /\\b(FxoMessenger|FlowXO)\\b/.exec(message);
        const reading = /reading '(setConfig|identify|logout|sendMessage|on|off|toggle|open|close|create|destroy)'/.exec(message);
        if (!named && !reading) return;
        sendCall({ at: now(), api: named && named[1] === 'FlowXO' ? 'current' : 'legacy', by: 'browser', method: 'page-error', args: [reading ? reading[1] : null], widgetState: 'absent', error: { message: message.slice(0, 500) } });
      }, true);
      document.addEventListener('submit', (e) => {
        try {
          const form = e.target;
          if (!form || typeof form.querySelector !== 'function' || !form.querySelector('input[type=password]')) return;
          sendCall({ at: now(), api: api(), by: 'browser', method: 'login-form', args: [{ action: String(form.action || '').slice(0, 300) }], widgetState: widget ? String(widget.getState().state) : 'absent' });
        } catch {}
      }, true);
      window.addEventListener('load', () => setTimeout(() => {
        if (widget) return;
        const tag = document.querySelector('script[src*="embed.js"], script[src*="loader.js"]');
        if (!tag) return;
        const src = String(tag.src).slice(0, 500);
        sendCall({ at: now(), api: /loader\\.js/.test(src) ? 'current' : 'legacy', by: 'browser', method: 'never-started', args: [{ src }], widgetState: 'absent' });
      }, ${NEVER_STARTED_MS}));
    }
    if (!attach()) { const timer = setInterval(() => { if (attach()) clearInterval(timer); }, 25); }
  })();`;
}

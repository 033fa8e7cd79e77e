/**
 * What a Profile is as the rest of the workbench sees it: its kind, its snapshot and identity
 * timeline, and what a tester can do to it. Types only, with no runtime imports, so the contract
 * (main/api/contract.ts) re-exports them to the workbench UI.
 */
export type { ProfileKind, StorageMode } from '../common/profile-kinds.ts';
export type { ScriptPattern } from '../common/flowxo-scripts.ts';
import type { ScriptPattern } from '../common/flowxo-scripts.ts';
import type { ProfileKind } from '../common/profile-kinds.ts';
import type { Finding, FindingSummary, ViolationReport } from '../findings/types.ts';

/** The Bot Framework Emulator's most-asked identity feature: what a restarted browser comes back as. */
export type RestartIdentity = { mode: 'same' } | { mode: 'new' } | { mode: 'typed'; channelId: string };

/** What the tester did to a profile; each adds a row to its identity timeline. */
export type ProfileAction = 'opened' | 'reloaded' | 'restarted' | 'cleared' | 'reset' | 'logged-in' | 'logged-out' | 'closed';

export interface OpenProfileInput {
  kind: ProfileKind;
  /** The bot of the platform's demo page. With `siteUrl` it is optional: the page's own snippet names its bot. */
  botId?: string | undefined;
  /** Shown on the pane; defaults to the kind's name and a number. */
  label?: string | undefined;
  /** For external-id, impersonator and login (defaults to "User123", main/profiles/kinds.ts withKindDefaults). */
  externalUserId?: string | undefined;
  /** For metadata (defaults to {"myUserId":"123"}). */
  metadata?: Record<string, unknown> | undefined;
  /** Which Flow XO script the page embeds: legacy embed.js (`FxoMessenger`, the default) or current loader.js (`FlowXO`). */
  script?: WidgetScript | undefined;
  /**
   * The user's own page (http, https or a local HTML file) instead of the platform's demo page.
   * The page's own snippet then decides the visitor's identity; the kind decides only the storage.
   */
  siteUrl?: string | undefined;
  /**
   * More URLs the profile's browser answers with the platform's widget script, besides Flow XO's
   * own (a site that self-hosts or proxies it). `*` matches any run of characters.
   */
  scriptPatterns?: ScriptPattern[] | undefined;
  /** The tester accepts the https site's certificate (self-signed, a staging CA): its certificate errors are ignored for this profile's site. */
  acceptCertificate?: boolean | undefined;
}

/** Something Botbench did for a profile that the tester should know, e.g. "Imported bot 645731a0… from https://shop.example.test". */
export interface ProfileNotice {
  at: number;
  text: string;
}

/** Flow XO's two widget generations. */
export type WidgetScript = 'embed' | 'loader';

export interface TimelineEntry {
  at: number;
  action: ProfileAction;
  channelId: string | null;
  responsePath: string | null;
  /** True when the Channel ID differs from the previous row's: drawn as a break in the line. */
  changed: boolean;
  /** Why, when it is not obvious (e.g. "refused: …", "from the widget's own button"). */
  note: string | null;
}

export type ProfileStatus = 'opening' | 'connected' | 'connecting' | 'closed' | 'error';

/** Why the platform refused a profile's widget, as the platform's error frame said it. */
export interface WidgetRefusal {
  /** The platform's stable code, e.g. BOTBENCH_ERR_IDENTITY. */
  code: string;
  message: string;
}

export interface ProfileSnapshot {
  id: string;
  kind: ProfileKind;
  label: string;
  botId: string;
  externalUserId: string | null;
  metadata: Record<string, unknown> | null;
  /** Whether its storage outlives a restart (persistent, other-device, external-id, metadata) or not (incognito). */
  persistentStorage: boolean;
  status: ProfileStatus;
  /** anonymous or external, as the widget last reported. */
  channelKind: 'anonymous' | 'external' | null;
  channelId: string | null;
  responsePath: string | null;
  /** The page the profile shows. */
  url: string;
  /** The tester's own site the profile opened (OpenProfileInput.siteUrl); null for the platform's demo page. */
  siteUrl: string | null;
  /** What Botbench did for this profile along the way (bots imported on first sight), oldest first. */
  notices: ProfileNotice[];
  /** Which Flow XO script that page embeds. */
  script: WidgetScript;
  timeline: TimelineEntry[];
  error: string | null;
  /** The error's stable code (main/platform/errors.ts), e.g. BOTBENCH_ERR_SITE_NO_WIDGET; null without an error or a code. */
  errorCode: string | null;
  /** Set while the platform refuses the widget (status "error"); the profile is then in nobody's conversation. */
  refusal: WidgetRefusal | null;
  /** Botbench's site integration findings from this profile's page loads (ProfileService.findings gives them whole). */
  findings: FindingSummary;
  /** The page's Content-Security-Policy, once its document has loaded; null before, or when the host cannot read it. */
  sitePolicy: SitePolicySnapshot | null;
}

/**
 * A site's Content-Security-Policy in a profile (Botbench's view; Flow XO has none): the policy as
 * the site sent it, what Botbench added so the locally answered widget loads and connects, and
 * what the site's own policy would block in production (docs/own-site.md).
 */
export interface SitePolicySnapshot {
  /** Each policy of the document, as the site sent it. Empty: the page has no policy. */
  policies: Array<{ source: 'header' | 'meta'; disposition: 'enforce' | 'report'; text: string }>;
  /** What Botbench added, per directive ("script-src: http://127.0.0.1:5000 …"); empty when the policy already let the local widget through. */
  added: string[];
  /** Violations the browser reported for Flow XO URLs in this document (the site's own policy runs report-only beside the adjusted one). */
  violations: ViolationReport[];
  /** CSP_BLOCKS_FLOWXO_SCRIPT / CSP_BLOCKS_FLOWXO_SOCKET: what the site's own policy would block in production. */
  findings: Finding[];
}

/** A pointer or keyboard action forwarded to a profile's page (browser mode shows pictures, not live pages). */
export type ProfileInput =
  | { type: 'click'; x: number; y: number }
  | { type: 'type'; text: string }
  | { type: 'key'; key: string }
  | { type: 'scroll'; x: number; y: number; deltaY: number };

/**
 * A page step of a scenario (Botbench's): drives the site in a profile's page as its user would.
 * A selector is CSS (`#email`, `form button[type=submit]`) or `text=<what the element shows>`
 * (case-insensitive, spaces collapsed; `text="Log in"` for the exact text); the first visible
 * match is used. A `goto` URL may be relative to the page the profile shows.
 */
export type PageCommand =
  | { type: 'goto'; url: string }
  | { type: 'click'; selector: string }
  | { type: 'fill'; selector: string; value: string }
  | { type: 'press'; key: string; selector?: string | undefined }
  | { type: 'waitFor'; selector: string; text?: undefined }
  | { type: 'waitFor'; text: string; selector?: undefined };

/** A rectangle in the workbench window's CSS pixels. */
export interface PaneBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether a ProfileHost can open profiles, and with what; what the Profiles screen shows when it cannot. */
export type HostStatus = { ready: true; browser: string } | { ready: false; problem: string; searched: string[]; fixes: string[]; hint: string };

/**
 * What the tester did inside a profile's page, as the page's recorder script saw it (Botbench's,
 * for recording scenarios): a click or typing into a field, named by a selector that finds the
 * element again (test id, id, name, label or text, as Playwright's codegen prefers; never
 * coordinates), a key pressed, or a navigation.
 */
export type PageAction =
  | { type: 'click'; selector: string }
  | { type: 'fill'; selector: string; value: string }
  | { type: 'press'; key: string; selector?: string | undefined }
  | { type: 'goto'; url: string };

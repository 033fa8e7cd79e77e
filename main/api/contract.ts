/**
 * The one contract between the workbench UI and main: every method and event, defined once.
 * Main implements it (main/api/services.ts); two transports carry it, Electron IPC (preload) and
 * WebSocket (browser mode, tests), both driven by API_METHODS, so they cannot drift.
 * It defines only methods, events and frames; the domain types are their owners' (profiles/, lab/,
 * scenarios/, workspace/, the platform's model) and re-exported from here. Types only, apart from
 * the allow-list and two names: the renderer imports it with `import type`.
 */
import type { Person, PersonChannel, PersonIdentity, PersonSendInput, PersonSendResult } from '../lab/types.ts';
import type {
  Bin,
  BinRequest,
  Bot,
  BotContents,
  BotSettings,
  ChannelType,
  Flow,
  LogEntry,
  LogQuery,
  Message,
  PlatformEvent,
  User,
  UserStatus,
} from '../platform/model.ts';
import type { HostStatus, OpenProfileInput, PaneBounds, ProfileInput, ProfileSnapshot, RestartIdentity } from '../profiles/types.ts';
import type { Finding } from '../findings/types.ts';
import type { RecordedScenario, RecordingStatus, RunSummary, ScenarioInfo, ScenarioProgress } from '../scenarios/types.ts';
import type { ConflictPolicy, ImportPreview, WebhookHistoryEntry, WebhookRequest, WorkspaceExportOptions } from '../workspace/types.ts';
import type { Environment, EnvironmentVariable, RequestCollection } from '../workspace/saved-requests.ts';
import type { BulkMode, BulkProgress, CollectionImportPreview, CurlImport } from './webhook-request.ts';

// The domain types belong to their owners; the contract re-exports them so a caller of the API finds
// every type a method takes or returns here.
export type * from '../findings/types.ts';
export type * from '../lab/types.ts';
export type * from '../platform/model.ts';
export type * from '../profiles/types.ts';
export type * from '../scenarios/types.ts';
export type * from '../workspace/types.ts';
export type * from '../workspace/saved-requests.ts';
export type * from './webhook-request.ts';

/** A file the UI saves for the tester (an export). */
export interface ExportedFile {
  fileName: string;
  content: string;
  mime: string;
}

/** What a change to the saved collections answers: all of them, and the id the change made or touched. */
export interface CollectionsChange {
  collections: RequestCollection[];
  id: string;
}

export interface WorkbenchInfo {
  version: string;
  mode: 'electron' | 'browser';
  platformUrl: string;
  dataDir: string | null;
  /** Whether profiles can open: the browser they run in, or what is missing and how to get it. */
  browser: HostStatus;
}

/** Every method: its parameters (one object or none) and its result. */
export interface ApiMethods {
  'workbench.info': { params: void; result: WorkbenchInfo };
  'bots.list': { params: void; result: Bot[] };
  'bots.create': {
    params: { name: string; botId?: string | undefined; embedCode?: string | undefined; connectionId?: string | undefined };
    result: Bot;
  };
  'bots.update': { params: { botId: string; name?: string | undefined; settings?: Partial<BotSettings> | undefined }; result: Bot };
  /** What a site's server would compute for this external user ID: HMAC-SHA256(identity secret, id), hex. */
  'bots.identityHash': { params: { botId: string; externalUserId: string }; result: { userHash: string } };
  /** What deleting the bot would remove, for the confirmation. */
  'bots.contents': { params: { botId: string }; result: BotContents };
  /** Deletes the bot with its users, transcripts, flows and log entries; answers what was removed. */
  'bots.delete': { params: { botId: string }; result: BotContents };
  'profiles.list': { params: void; result: ProfileSnapshot[] };
  'profiles.open': { params: OpenProfileInput; result: ProfileSnapshot };
  'profiles.reload': { params: { id: string }; result: ProfileSnapshot };
  /** Restart the browser keeping its ID (default), with a new ID, or with an ID the tester types. */
  'profiles.restart': { params: { id: string; identity?: RestartIdentity | undefined }; result: ProfileSnapshot };
  'profiles.clearSiteData': { params: { id: string }; result: ProfileSnapshot };
  'profiles.resetConversation': { params: { id: string }; result: ProfileSnapshot };
  'profiles.close': { params: { id: string }; result: ProfileSnapshot };
  'profiles.sendMessage': { params: { id: string; text: string }; result: ProfileSnapshot };
  /** Logs the visitor in mid-session, as the page's own login would (signed when the bot verifies identities). */
  'profiles.login': { params: { id: string; externalUserId: string }; result: ProfileSnapshot };
  'profiles.logout': { params: { id: string }; result: ProfileSnapshot };
  'profiles.input': { params: { id: string; input: ProfileInput }; result: void };
  'profiles.capture': { params: { id: string }; result: { dataUrl: string } };
  /** Desktop app: where a pane's picture area is in the window (CSS px), or null to hide its live page. Ignored in browser mode. */
  'profiles.place': { params: { id: string; bounds: PaneBounds | null }; result: void };
  /** Looks for a browser again (after installing one); once there is one, the remembered profiles open. */
  'profiles.retryBrowser': { params: void; result: HostStatus };
  /**
   * Botbench's site integration findings (not a Flow XO feature): of one profile, of every open
   * profile whose pages were on a site (an origin or any URL on it), or of all open profiles.
   */
  'findings.list': { params: { profileId?: string | undefined; site?: string | undefined }; result: Finding[] };
  'persons.list': { params: void; result: Person[] };
  'persons.create': { params: { name: string; channels?: PersonChannel[] | undefined }; result: Person };
  'persons.update': { params: { id: string; name?: string | undefined; channels?: PersonChannel[] | undefined }; result: Person };
  'persons.delete': { params: { id: string }; result: Person };
  'persons.addDevice': { params: { personId: string; name: string; profileId?: string | null | undefined }; result: Person };
  'persons.updateDevice': {
    params: { personId: string; deviceId: string; name?: string | undefined; profileId?: string | null | undefined };
    result: Person;
  };
  'persons.removeDevice': { params: { personId: string; deviceId: string }; result: Person };
  /** The person writes to a bot from a device over a simulated authenticated channel; the provider POSTs it to the platform. */
  'persons.send': { params: PersonSendInput; result: PersonSendResult };
  /** Every cell of every person's identity matrix, for these bots (default: all). */
  'persons.identities': { params: { botIds?: string[] | undefined }; result: PersonIdentity[] };
  'users.list': { params: { botId?: string | undefined; q?: string | undefined }; result: User[] };
  'users.transcript': { params: { responsePath: string }; result: Message[] };
  /** Flow XO's users "Export": the users the filter shows, as CSV (columns in docs/api.md). */
  'users.exportCsv': { params: { botId?: string | undefined; q?: string | undefined }; result: { fileName: string; content: string; mime: string } };
  /** Flow XO's "Clear attributes": removes every custom attribute stored for the user. */
  'users.clearAttributes': { params: { responsePath: string }; result: User };
  /** Flow XO's "Make active/unreachable". */
  'users.setStatus': { params: { responsePath: string; status: UserStatus }; result: User };
  /** The Users API's create-a-user call: a new user, or the existing one renamed (`created` false). */
  'users.create': {
    params: { botId: string; channelId: string; name?: string | undefined; channel?: ChannelType | undefined };
    result: { user: User; created: boolean };
  };
  'log.query': { params: LogQuery; result: LogEntry[] };
  /** Sends one request; `environmentId` picks the environment whose variables fill it. */
  'webhooks.send': { params: WebhookRequest; result: WebhookHistoryEntry };
  'webhooks.history': { params: void; result: WebhookHistoryEntry[] };
  /** Turns a pasted cURL command into a composer request, with what could not be mapped. `botId`: the target when the URL is not a known bot's. */
  'webhooks.parseCurl': { params: { command: string; botId?: string | undefined }; result: CurlImport };
  /** The history as a HAR 1.2 file. */
  'webhooks.exportHar': { params: void; result: ExportedFile };
  /** Starts a bulk send (progress streams as `bulk` events); refused beyond its bounds or while one runs. */
  'webhooks.bulk': { params: { request: WebhookRequest; mode: BulkMode }; result: BulkProgress };
  'webhooks.bulkStop': { params: { runId: string }; result: BulkProgress };
  'collections.list': { params: void; result: RequestCollection[] };
  'collections.create': { params: { name: string }; result: CollectionsChange };
  'collections.rename': { params: { id: string; name: string }; result: RequestCollection[] };
  'collections.delete': { params: { id: string }; result: RequestCollection[] };
  'collections.addFolder': { params: { collectionId: string; parentId: string | null; name: string }; result: CollectionsChange };
  /** Saves a new request (no id) or replaces a saved one. */
  'collections.saveRequest': {
    params: { collectionId: string; parentId: string | null; id?: string | undefined; name: string; request: WebhookRequest };
    result: CollectionsChange;
  };
  'collections.renameItem': { params: { id: string; name: string }; result: RequestCollection[] };
  /** Moves a folder or request to `index` among the children of `parentId` (null: the collection's top level). */
  'collections.moveItem': { params: { id: string; parentId: string | null; index: number }; result: RequestCollection[] };
  'collections.duplicateItem': { params: { id: string }; result: CollectionsChange };
  'collections.deleteItem': { params: { id: string }; result: RequestCollection[] };
  /** The collection as a Postman Collection v2.1 file. */
  'collections.export': { params: { id: string }; result: ExportedFile };
  /** What importing this file (Postman Collection v2.1 or HAR 1.2) would add; nothing is written. */
  'collections.previewImport': { params: { text: string; botId?: string | undefined }; result: CollectionImportPreview };
  /** Imports the file as a new collection: all of it, or nothing. */
  'collections.import': { params: { text: string; botId?: string | undefined }; result: CollectionsChange };
  'environments.list': { params: void; result: Environment[] };
  /** Creates (no id) or replaces an environment. */
  'environments.save': {
    params: { id?: string | undefined; name: string; variables: EnvironmentVariable[] };
    result: { environments: Environment[]; id: string };
  };
  'environments.delete': { params: { id: string }; result: Environment[] };
  /** The workspace (or chosen bots) as one file to hand to a colleague (docs/api.md, "Workspace files"). */
  'workspace.export': { params: WorkspaceExportOptions; result: { fileName: string; content: string } };
  /** What importing a workspace file would add, replace or skip; changes nothing. */
  'workspace.previewImport': { params: { text: string; fileName: string; onConflict: ConflictPolicy }; result: ImportPreview };
  /** Imports a workspace file, all of it or nothing; answers what it did. */
  'workspace.import': { params: { text: string; fileName: string; onConflict: ConflictPolicy }; result: ImportPreview };
  'flows.list': { params: { botId: string }; result: Flow[] };
  /** Definitions are checked by the platform's flow schema; a bad one is refused whole with the path of the bad field. */
  'flows.create': { params: { botId: string; definition: unknown }; result: Flow };
  'flows.update': { params: { id: string; definition: unknown }; result: Flow };
  'flows.delete': { params: { id: string }; result: Flow };
  /** Replaces all of a bot's flows with an exported set (the result of flows.list, or just definitions). */
  'flows.import': { params: { botId: string; flows: unknown[] }; result: Flow[] };
  /** Checks a definition as the editor types, without saving it. */
  'flows.validate': { params: { definition: unknown }; result: { ok: true } | { ok: false; error: ApiErrorPayload } };
  'bins.list': { params: void; result: Bin[] };
  'bins.create': { params: { name: string; response?: Partial<Bin['response']> | undefined }; result: Bin };
  'bins.update': { params: { id: string; name?: string | undefined; response?: Partial<Bin['response']> | undefined }; result: Bin };
  /** Newest first. */
  'bins.requests': { params: { id: string }; result: BinRequest[] };
  /** The built-in identity scenarios (the seed's story). */
  'scenarios.list': { params: void; result: ScenarioInfo[] };
  /** Checks a scenario file (JSON or YAML, by its name) without running it. */
  'scenarios.check': { params: { text: string; source: string }; result: ScenarioInfo };
  /** Runs scenarios (progress streams as `scenario` events) and answers when all are done. */
  'scenarios.run': {
    /** keepBots: keep each scenario's bot after the run (deleted by default). */
    params: { scenarios: Array<{ source: string; text: string }>; concurrency?: number | undefined; keepBots?: boolean | undefined };
    result: { runId: string; summary: RunSummary };
  };
  'scenarios.cancel': { params: { runId: string }; result: void };
  /** A finished run's report, to save as a file. */
  'scenarios.report': {
    params: { runId: string; reporter: 'list' | 'junit' | 'markdown' | 'html' };
    result: { fileName: string; content: string; mime: string };
  };
  /** Starts recording what the tester does (profiles, their pages, webhooks) as a scenario (Botbench's); a recording in progress starts afresh. */
  'recording.start': { params: void; result: RecordingStatus };
  /** Stops recording and answers the scenario as YAML, to review, save and run; refused when nothing was recorded. */
  'recording.stop': { params: { name?: string | undefined }; result: RecordedScenario };
  'recording.status': { params: void; result: RecordingStatus };
}

export type ApiMethod = keyof ApiMethods;
export type ApiParams<M extends ApiMethod> = ApiMethods[M]['params'];
export type ApiResult<M extends ApiMethod> = ApiMethods[M]['result'];

/** The allow-list both transports check: a name not here is refused before any handler runs. */
export const API_METHODS = [
  'workbench.info',
  'bots.list',
  'bots.create',
  'bots.update',
  'bots.identityHash',
  'bots.contents',
  'bots.delete',
  'profiles.list',
  'profiles.open',
  'profiles.reload',
  'profiles.restart',
  'profiles.clearSiteData',
  'profiles.resetConversation',
  'profiles.close',
  'profiles.sendMessage',
  'profiles.login',
  'profiles.logout',
  'profiles.input',
  'profiles.capture',
  'profiles.place',
  'profiles.retryBrowser',
  'findings.list',
  'persons.list',
  'persons.create',
  'persons.update',
  'persons.delete',
  'persons.addDevice',
  'persons.updateDevice',
  'persons.removeDevice',
  'persons.send',
  'persons.identities',
  'users.list',
  'users.transcript',
  'users.exportCsv',
  'users.clearAttributes',
  'users.setStatus',
  'users.create',
  'log.query',
  'webhooks.send',
  'webhooks.history',
  'webhooks.parseCurl',
  'webhooks.exportHar',
  'webhooks.bulk',
  'webhooks.bulkStop',
  'collections.list',
  'collections.create',
  'collections.rename',
  'collections.delete',
  'collections.addFolder',
  'collections.saveRequest',
  'collections.renameItem',
  'collections.moveItem',
  'collections.duplicateItem',
  'collections.deleteItem',
  'collections.export',
  'collections.previewImport',
  'collections.import',
  'environments.list',
  'environments.save',
  'environments.delete',
  'workspace.export',
  'workspace.previewImport',
  'workspace.import',
  'flows.list',
  'flows.create',
  'flows.update',
  'flows.delete',
  'flows.import',
  'flows.validate',
  'bins.list',
  'bins.create',
  'bins.update',
  'bins.requests',
  'scenarios.list',
  'scenarios.check',
  'scenarios.run',
  'scenarios.cancel',
  'scenarios.report',
  'recording.start',
  'recording.stop',
  'recording.status',
] as const satisfies readonly ApiMethod[];

/** Events main pushes to the UI as they happen; nothing polls. */
export type WorkbenchEvent =
  | PlatformEvent
  | { type: 'profile'; profile: ProfileSnapshot }
  | { type: 'frame'; profileId: string; dataUrl: string }
  /** A profile's findings changed; `site` is the origin of its page. Ask findings.list for them. */
  | { type: 'findings'; profileId: string; site: string }
  | { type: 'webhook'; entry: WebhookHistoryEntry }
  /** A bulk send's progress, about ten times a second and once at its end. */
  | { type: 'bulk'; progress: BulkProgress }
  /** The identity lab's people changed (created, renamed, devices, channels, deleted). */
  | { type: 'persons'; persons: Person[] }
  | { type: 'scenario'; runId: string; progress: ScenarioProgress }
  /** Recording started, took a step, or stopped. */
  | { type: 'recording'; status: RecordingStatus };

/** The client the renderer gets, whatever the transport. */
export interface WorkbenchClient {
  call<M extends ApiMethod>(method: M, ...params: ApiParams<M> extends void ? [] : [ApiParams<M>]): Promise<ApiResult<M>>;
  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
}

/** The error a failed call rejects with, across either transport. */
export interface ApiErrorPayload {
  code: string;
  message: string;
  expected?: string | undefined;
  field?: string | undefined;
}

// Compile-time check that the allow-list names every method of ApiMethods.
type Unlisted = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
export const _everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** WebSocket transport (browser mode): the first frame authenticates, then requests and events. */
export type WsClientFrame = { type: 'auth'; token: string } | { type: 'call'; id: number; method: ApiMethod; params?: unknown };
export type WsServerFrame =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number | null; error: ApiErrorPayload }
  | { type: 'event'; event: WorkbenchEvent };

/** The IPC channel main pushes WorkbenchEvents on (the methods use their own names as channels). */
export const EVENT_CHANNEL = 'botbench:event';

/** What an IPC call resolves with: errors travel as data, because Electron drops an Error's own fields. */
export type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorPayload };

/** Path of the workbench WebSocket on the browser-mode UI server. */
export const WS_API_PATH = '/api/ws';

/**
 * What preload exposes as `window.botbench` in Electron: one function per method (generated
 * from API_METHODS), and the event subscription. Nothing raw.
 */
export interface PreloadApi {
  methods: { [M in ApiMethod]: (params?: ApiParams<M>) => Promise<ApiResult<M>> };
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
}

/**
 * `window.FlowXO`: Flow XO's current messenger API (support articles "Web Messenger Javascript
 * Api" and "Web Messenger Metadata") as a thin layer over the widget core. One FlowXO object per
 * page; every loader.js tag on it adds a connection (its `data-connection`).
 */
import { createBotbenchHandle, type BotbenchHandle } from './botbench-api.ts';
import { createCallLog, errorOf, recordPlatformAnswers, type CallLog } from './call-log.ts';
import { createWidgetCore, isPlainObject, isValidId, validateMetadata, type DisplayConfig, type IdentityConfig, type WidgetCore } from './core.ts';
import { CONNECTION_ID_PATTERN } from '../../main/common/ids.ts';
import { EMBED_THEME_PATTERN } from '../../main/common/theme-colour.ts';
import { MAX_PROFILE_TEXT } from '../../main/common/widget-frames.ts';
import { platformOrigin, widgetSocketUrl } from './platform-origin.ts';
import { createStorage } from './storage.ts';
import { createView } from './view.ts';

/** What `onFlowXOInit` may return (each part optional). */
export interface InitResult {
  member?: Member | undefined;
  config?: { primaryColor?: string; header?: { title?: string } } | undefined;
  /** Metadata for an anonymous visitor (no member). Botbench also accepts it here: the stored copy of the metadata article is cut before its list of developer APIs. */
  metadata?: Record<string, unknown> | undefined;
}

export interface Member {
  /** The visitor's stable ID: their Channel ID, so their response path is `{Bot ID}/c/{id}`. */
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** Botbench's own (identity verification), not a Flow XO key. */
  userHash?: string | undefined;
}

export type CurrentEvents = {
  open: { connectionId: string };
  close: { connectionId: string };
  userMessage: { connectionId: string; message: string; messageId: string; createdAt: number };
  agentMessage: { connectionId: string; message: string; messageId: string; createdAt: number };
};
export type CurrentEventName = keyof CurrentEvents;
export const CURRENT_EVENTS: readonly CurrentEventName[] = ['open', 'close', 'userMessage', 'agentMessage'];

export interface FlowXOApi {
  open(connectionId?: string): void;
  close(connectionId?: string): void;
  toggle(connectionId?: string): void;
  isOpen(connectionId?: string): boolean;
  on<E extends CurrentEventName>(event: E, fn: (payload: CurrentEvents[E]) => void): () => void;
  off<E extends CurrentEventName>(event: E, fn: (payload: CurrentEvents[E]) => void): void;
  /** The visitor logged in: they become `{Bot ID}/c/{id}`, with name and email on their user record. */
  identify(member: Member): void;
  /** The visitor logged out: back to the anonymous ID this browser keeps. */
  logout(): void;
  /** Botbench's own handle on the first connection (null until it starts). */
  readonly botbench: BotbenchHandle | null;
}

/** How long loader.js waits for onFlowXOInit before it starts anonymous. */
export const INIT_TIMEOUT_MS = 5000;
/** Where loader.js adds a connection to the page's FlowXO, whichever copy of the script installed it. */
const ADD = Symbol.for('botbench.flowxo.addConnection');

type Handler = (payload: never) => void;
type WidgetWindow = Window & { FlowXO?: FlowXOApi & { [ADD]?: (script: HTMLScriptElement) => void }; onFlowXOInit?: unknown };

interface ConnectionInfo {
  connectionId: string;
  botId: string;
  name: string;
  theme: string;
}

interface Connection {
  id: string;
  core: WidgetCore | null;
  /** Open state asked for before the widget existed. */
  wantOpen: boolean | null;
}

/** The automatic part of the metadata (the article's visitorInfo); geo needs a CDN's headers, so it stays empty offline. */
function visitorInfo(platformHost: string): Record<string, unknown> {
  return {
    geo: {},
    environment: {
      network: { origin: location.origin, host: platformHost },
      userAgent: { raw: navigator.userAgent, language: navigator.language },
      page: { url: location.href, referrer: document.referrer, title: document.title },
    },
  };
}

/** Checks a member object; returns a message saying what was expected, or null when it is fine. */
function memberProblem(member: unknown): string | null {
  if (!isPlainObject(member)) return 'member must be an object like { id: "user-42", name: "Ada", email: "ada@example.com", metadata: { … } }';
  if (!isValidId(member.id))
    return `member.id must be a non-empty string without whitespace or "/", e.g. "user-42"; got ${JSON.stringify(member.id) ?? String(member.id)}`;
  for (const key of ['name', 'email'] as const) {
    const value = member[key];
    if (value != null && (typeof value !== 'string' || value.length > MAX_PROFILE_TEXT))
      return `member.${key} must be a string of at most ${MAX_PROFILE_TEXT} characters`;
  }
  if (member.metadata != null && !isPlainObject(member.metadata)) return 'member.metadata must be a plain object';
  return null;
}

function displayFrom(config: unknown): { display: DisplayConfig; problem: string | null } {
  if (config == null) return { display: {}, problem: null };
  if (!isPlainObject(config))
    return { display: {}, problem: 'config must be an object like { primaryColor: "#4F46E5", header: { title: "Support" } }' };
  const display: DisplayConfig = {};
  const { primaryColor, header } = config;
  if (primaryColor !== undefined) {
    if (typeof primaryColor !== 'string' || !EMBED_THEME_PATTERN.test(primaryColor))
      return { display, problem: 'config.primaryColor must be a hex colour like "#4F46E5"' };
    display.theme = primaryColor;
  }
  if (header !== undefined) {
    if (!isPlainObject(header) || (header.title !== undefined && typeof header.title !== 'string'))
      return { display, problem: 'config.header must be { title: "…" }' };
    if (typeof header.title === 'string') display.title = header.title;
  }
  return { display, problem: null };
}

/** Calls onFlowXOInit and waits for it, at most INIT_TIMEOUT_MS; any failure is a console error and an anonymous start. */
async function runInit(win: WidgetWindow, connectionId: string, log: CallLog): Promise<InitResult> {
  const init = win.onFlowXOInit;
  if (init === undefined) return {};
  const widgetState = 'starting';
  const recordInit = (result: unknown, error?: { code: string; message: string }): void => {
    log.record({ by: 'page', method: 'onFlowXOInit', args: [connectionId], result, widgetState, ...(error ? { error } : {}) });
  };
  if (typeof init !== 'function') {
    recordInit(undefined, { code: 'NOT_A_FUNCTION', message: `window.onFlowXOInit is ${typeof init}, not a function.` });
    console.error('FlowXO: window.onFlowXOInit must be a function like async (connectionId) => ({ member, config }); starting anonymous.');
    return {};
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), INIT_TIMEOUT_MS)));
    const result = await Promise.race([Promise.resolve().then(() => (init as (id: string) => unknown).call(win, connectionId)), timeout]);
    if (result === 'timeout') {
      recordInit(undefined, { code: 'TIMEOUT', message: `onFlowXOInit did not settle within ${INIT_TIMEOUT_MS / 1000} s.` });
      console.error(
        `FlowXO: onFlowXOInit("${connectionId}") did not settle within ${INIT_TIMEOUT_MS / 1000} s; expected it to resolve to { member, config }. Starting anonymous.`,
      );
      return {};
    }
    recordInit(result);
    if (result == null) return {};
    if (!isPlainObject(result)) {
      console.error(
        `FlowXO: onFlowXOInit("${connectionId}") must resolve to an object like { member: { id, name, email, metadata }, config }; got ${typeof result}. Starting anonymous.`,
      );
      return {};
    }
    const out: InitResult = {};
    if (result.member != null) {
      const problem = memberProblem(result.member);
      if (problem) console.error(`FlowXO: onFlowXOInit("${connectionId}"): ${problem}. Starting anonymous.`);
      else out.member = result.member as unknown as Member;
    }
    if (result.config != null) out.config = result.config as InitResult['config'];
    if (result.metadata != null) out.metadata = result.metadata as Record<string, unknown>;
    return out;
  } catch (error) {
    recordInit(undefined, { code: 'THREW', message: errorOf(error).message });
    console.error(
      `FlowXO: onFlowXOInit("${connectionId}") threw or rejected; expected it to resolve to { member, config }. Starting anonymous.`,
      error,
    );
    return {};
  } finally {
    clearTimeout(timer);
  }
}

/** Installs window.FlowXO (once per page) and returns it. */
export function installFlowXO(win: WidgetWindow): FlowXOApi {
  if (win.FlowXO && typeof win.FlowXO[ADD] === 'function') return win.FlowXO;
  const handlers = new Map<string, Set<Handler>>();
  const connections = new Map<string, Connection>();
  /** identify/logout before a connection started: applied when it does, over onFlowXOInit's member. */
  let identity: IdentityConfig | null = null;
  let first: BotbenchHandle | null = null;
  const log = createCallLog('current', () => {
    const started = [...connections.values()].find((connection) => connection.core);
    return started?.core ? started.core.getState().state : 'starting';
  });

  function emit<E extends CurrentEventName>(event: E, payload: CurrentEvents[E]): void {
    for (const fn of [...(handlers.get(event) ?? [])]) {
      try {
        (fn as (payload: CurrentEvents[E]) => void)(payload);
      } catch (error) {
        console.error(`FlowXO: an "${event}" handler threw`, error);
      }
    }
  }

  /** The connections a call names: one (by ID) or, without an ID, all of them. */
  function pick(method: string, connectionId: string | undefined): Connection[] {
    if (connectionId === undefined) return [...connections.values()];
    const found = connections.get(connectionId);
    if (!found) {
      const known = [...connections.keys()].map((id) => `"${id}"`).join(', ') || 'none yet';
      console.error(
        `FlowXO.${method}: no messenger has connection ID "${String(connectionId)}"; expected one of the page's data-connection values (${known}).`,
      );
      return [];
    }
    return [found];
  }

  const setOpen = (method: string, connectionId: string | undefined, open: (current: boolean) => boolean): void => {
    for (const connection of pick(method, connectionId)) {
      if (connection.core) connection.core.setOpen(open(connection.core.getState().open));
      else connection.wantOpen = open(connection.wantOpen ?? false);
    }
  };

  function memberIdentity(member: Member): IdentityConfig {
    const config: IdentityConfig = {
      externalUserId: member.id,
      name: member.name ?? null,
      email: member.email ?? null,
      userHash: member.userHash ?? null,
    };
    return config;
  }

  async function addConnection(script: HTMLScriptElement): Promise<void> {
    const connectionId = script.getAttribute('data-connection');
    if (connectionId === null || !CONNECTION_ID_PATTERN.test(connectionId)) {
      console.error(
        `FlowXO: loader.js needs data-connection="<your connection ID>" (1 to 64 letters, digits, "-" or "_"); got ${connectionId === null ? 'none' : JSON.stringify(connectionId)}. This messenger is not started.`,
      );
      return;
    }
    if (connections.has(connectionId)) return;
    const connection: Connection = { id: connectionId, core: null, wantOpen: null };
    connections.set(connectionId, connection);
    const src = new URL(script.src || location.href, location.href);
    const [info, init] = await Promise.all([fetchConnection(src, connectionId), runInit(win, connectionId, log)]);
    if (!info) {
      connections.delete(connectionId);
      return;
    }

    const { display, problem } = displayFrom(init.config);
    if (problem) console.error(`FlowXO: onFlowXOInit("${connectionId}"): ${problem}; the default look is used.`);
    const core = createWidgetCore({
      botId: info.botId,
      socketUrl: widgetSocketUrl(platformOrigin(src)),
      storage: createStorage(),
      page: () => location.href,
      view: (widget) => createView(widget, info.theme),
      label: 'FlowXO',
      display,
    });
    // All metadata is merged and sent when the visitor connects: the automatic visitorInfo, then the developer's keys.
    let developer: Record<string, unknown> = {};
    for (const [where, value] of [
      ['FlowXO: onFlowXOInit metadata', init.metadata],
      ['FlowXO: onFlowXOInit member.metadata', init.member?.metadata],
    ] as const) {
      if (value == null) continue;
      try {
        developer = { ...developer, ...validateMetadata(value, where) };
      } catch (error) {
        console.error(`${(error as Error).message} It is left out.`);
      }
    }
    const start: IdentityConfig = { metadata: { visitorInfo: visitorInfo(src.host), ...developer } };
    if (init.member) Object.assign(start, memberIdentity(init.member));
    if (identity) Object.assign(start, identity);
    core.configure(start);
    core.on('open', (open) => emit(open ? 'open' : 'close', { connectionId }));
    core.on('messageSent', (message) =>
      emit('userMessage', { connectionId, message: message.text, messageId: message.id, createdAt: message.createdAt }),
    );
    core.on('messageReceived', (message) =>
      emit('agentMessage', { connectionId, message: message.text, messageId: message.id, createdAt: message.createdAt }),
    );
    connection.core = core;
    recordPlatformAnswers(core, log);
    first ??= createBotbenchHandle(
      core,
      'loader',
      {
        identify: (id, options) => api.identify({ id, ...(options?.userHash ? { userHash: options.userHash } : {}) }),
        logout: () => api.logout(),
      },
      log,
    );
    core.create();
    if (connection.wantOpen !== null) core.setOpen(connection.wantOpen);
    document.dispatchEvent(new CustomEvent('flowxo:ready', { detail: { connectionId } }));
  }

  const api: FlowXOApi & { [ADD]: (script: HTMLScriptElement) => void } = {
    open: (connectionId) => setOpen('open', connectionId, () => true),
    close: (connectionId) => setOpen('close', connectionId, () => false),
    toggle: (connectionId) => setOpen('toggle', connectionId, (current) => !current),
    isOpen(connectionId) {
      return pick('isOpen', connectionId).some((connection) => connection.core?.getState().open ?? connection.wantOpen ?? false);
    },
    on(event, fn) {
      if (typeof fn !== 'function') throw new TypeError(`FlowXO.on("${String(event)}", fn) expects a function.`);
      if (!CURRENT_EVENTS.includes(event))
        console.warn(`FlowXO.on: "${String(event)}" is not an event the messenger emits; it emits ${CURRENT_EVENTS.join(', ')}.`);
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(fn as Handler);
      return () => api.off(event, fn);
    },
    off(event, fn) {
      handlers.get(event)?.delete(fn as Handler);
    },
    identify(member) {
      const problem = memberProblem(member);
      if (problem) {
        console.error(`FlowXO.identify: ${problem}; the visitor stays as they are.`);
        return;
      }
      identity = memberIdentity(member);
      const metadata = member.metadata == null ? null : validateMetadata(member.metadata, 'FlowXO.identify');
      for (const connection of connections.values()) {
        if (!connection.core) continue;
        const next: IdentityConfig = { ...identity };
        if (metadata) next.metadata = { ...connection.core.getState().metadata, ...metadata };
        connection.core.configure(next);
      }
    },
    logout() {
      identity = { externalUserId: null, userHash: null, name: null, email: null };
      for (const connection of connections.values()) connection.core?.configure(identity);
    },
    get botbench() {
      return first;
    },
    [ADD]: (script) => {
      void addConnection(script);
    },
  };
  // The page's FlowXO records its calls; the workbench's handle (identify/logout above) goes to the unrecorded ones.
  const recorded = { ...api } as Record<string | symbol, unknown>;
  Object.defineProperty(recorded, 'botbench', { get: () => first, enumerable: true });
  for (const method of RECORDED) recorded[method] = log.wrap(method, api[method] as (...args: unknown[]) => unknown);
  win.FlowXO = recorded as unknown as typeof api;
  return win.FlowXO;
}

/** The FlowXO methods whose every call is recorded (isOpen is a read and is not). */
const RECORDED = ['open', 'close', 'toggle', 'on', 'off', 'identify', 'logout'] as const;

/** Asks the platform which bot a connection ID belongs to (it creates one on first sight); retries while it cannot be reached. */
async function fetchConnection(src: URL, connectionId: string): Promise<ConnectionInfo | null> {
  const url = `${platformOrigin(src).origin}/messenger/connections/${encodeURIComponent(connectionId)}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url);
      if (response.ok) return (await response.json()) as ConnectionInfo;
      if (response.status >= 400 && response.status < 500) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        console.error(
          `FlowXO: the platform refused connection "${connectionId}": ${body?.error?.message ?? response.status}. This messenger is not started.`,
        );
        return null;
      }
    } catch {
      // The platform is not reachable (yet): try again.
    }
    if (attempt === 0) console.error(`FlowXO: could not reach ${url}; retrying until it answers.`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
  }
}

/** Runs for each loader.js tag: the page's FlowXO (installed by the first) adds this tag's connection. */
export function addLoaderScript(win: WidgetWindow, script: HTMLScriptElement | null): void {
  const flowxo = installFlowXO(win) as FlowXOApi & { [ADD]: (script: HTMLScriptElement) => void };
  if (!script) {
    console.error(
      'FlowXO: loader.js could not find its own <script> tag; expected <script src=".../loader.js" data-connection="<your connection ID>">.',
    );
    return;
  }
  flowxo[ADD](script);
}

export type { WidgetWindow };

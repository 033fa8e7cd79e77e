/**
 * `window.FxoMessenger`: Flow XO's legacy Web Messenger API (support article "Web Messenger API")
 * as a thin layer over the widget core. What Flow XO documents behaves as documented; what
 * Botbench adds (identify, logout, resetConversation, the identity events, `botbench`) is
 * extra and never changes what a documented call or event gives a page.
 */
import { EMBED_THEME_PATTERN } from '../../main/common/theme-colour.ts';
import { createBotbenchHandle, type BotbenchHandle } from './botbench-api.ts';
import { createCallLog, recordPlatformAnswers, type CallLog } from './call-log.ts';
import {
  isPlainObject,
  validateIdentity,
  type DisplayConfig,
  type CoreEvents,
  type MessengerState,
  type ReceivedMessage,
  type ResetResult,
  type SentMessage,
  type WidgetCore,
} from './core.ts';

/** The state strings `stateChanged` gives and `getState().state` holds. */
export type LegacyStateName = MessengerState['state'];

/** setConfig's keys: Flow XO's display settings, its identity keys, and Botbench's userHash. */
export interface LegacyConfig {
  externalUserId?: string | null;
  metadata?: Record<string, unknown> | null;
  /** Botbench's own (identity verification), not a Flow XO key. */
  userHash?: string | null;
  headerText?: string;
  theme?: string;
  fullscreen?: boolean;
  welcomeText?: string;
}

/** The display keys setConfig applies to the UI, with what each expects. */
const DISPLAY_KEYS = {
  headerText: 'a string',
  theme: 'a hex colour like "#1f6feb"',
  fullscreen: 'true or false',
  welcomeText: 'a string',
} as const;
const IDENTITY_KEYS = ['externalUserId', 'metadata', 'userHash'] as const;
/** Every key setConfig knows; any other is a console warning naming these. */
export const LEGACY_CONFIG_KEYS: readonly string[] = [...IDENTITY_KEYS, ...Object.keys(DISPLAY_KEYS)];

/** getState(): "the state and config of the current messenger", plus Botbench's identity fields. */
export interface LegacyState extends MessengerState {
  config: LegacyConfig;
}

/** Flow XO's documented events and their payloads, then Botbench's extra ones. */
export interface LegacyEvents {
  created: LegacyState;
  destroyed: LegacyState;
  messageReceived: ReceivedMessage;
  /** The message as stored, with the metadata passed to sendMessage (if any). */
  messageSent: SentMessage;
  configChanged: LegacyConfig;
  /** The state as a string: 'connecting', 'connected', 'disconnected', … */
  stateChanged: LegacyStateName;
  // Botbench's own:
  identityChanged: CoreEvents['identityChanged'];
  conversationReset: CoreEvents['conversationReset'];
  resetRefused: CoreEvents['resetRefused'];
  error: CoreEvents['error'];
}
export type LegacyEventName = keyof LegacyEvents;
export const LEGACY_DOCUMENTED_EVENTS = ['created', 'destroyed', 'messageReceived', 'messageSent', 'configChanged', 'stateChanged'] as const;

export interface FxoMessengerApi {
  /** Sends a message as the user; `metadata` reaches the trigger of the flows it starts. */
  sendMessage(text: string, metadata?: Record<string, unknown>): Promise<SentMessage>;
  /** Sets the config for the current and future messengers. */
  setConfig(config: LegacyConfig): void;
  getState(): LegacyState;
  create(): void;
  destroy(): void;
  /** Destroys the existing messenger, or else creates one. */
  toggle(): void;
  on<E extends LegacyEventName>(event: E, fn: (payload: LegacyEvents[E]) => void): () => void;
  off<E extends LegacyEventName>(event: E, fn: (payload: LegacyEvents[E]) => void): void;
  /** Botbench's own: logs the visitor in mid-session, as setConfig({ externalUserId, userHash }). */
  identify(externalUserId: string, options?: { userHash?: string }): void;
  /** Botbench's own: back to the anonymous Channel ID this browser keeps. */
  logout(): void;
  /** Botbench's own: the widget's "Reset conversation" button. */
  resetConversation(): Promise<ResetResult>;
  /** Botbench's own handle for the workbench (the same on both scripts). */
  readonly botbench: BotbenchHandle;
}

type Handler = (payload: never) => void;

/** A deep copy, so a page cannot change the widget's config through what it was given. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function displayOf(config: Record<string, unknown>): DisplayConfig {
  const display: DisplayConfig = {};
  const { headerText, theme, fullscreen, welcomeText } = config;
  if (headerText !== undefined) {
    if (typeof headerText !== 'string') throw new TypeError(`FxoMessenger.setConfig: headerText must be ${DISPLAY_KEYS.headerText}.`);
    display.title = headerText;
  }
  if (theme !== undefined) {
    if (typeof theme !== 'string' || !EMBED_THEME_PATTERN.test(theme))
      throw new TypeError(`FxoMessenger.setConfig: theme must be ${DISPLAY_KEYS.theme}.`);
    display.theme = theme;
  }
  if (fullscreen !== undefined) {
    if (typeof fullscreen !== 'boolean') throw new TypeError(`FxoMessenger.setConfig: fullscreen must be ${DISPLAY_KEYS.fullscreen}.`);
    display.fullscreen = fullscreen;
  }
  if (welcomeText !== undefined) {
    if (typeof welcomeText !== 'string') throw new TypeError(`FxoMessenger.setConfig: welcomeText must be ${DISPLAY_KEYS.welcomeText}.`);
    display.welcomeText = welcomeText;
  }
  return display;
}

/** The methods whose every call is recorded (Botbench's record of the page's use of the API; getState is a read and is not). */
const RECORDED = ['sendMessage', 'setConfig', 'create', 'destroy', 'toggle', 'on', 'off', 'identify', 'logout', 'resetConversation'] as const;

/**
 * FxoMessenger for a page. `log` records the page's calls; the workbench's own actions (the
 * `botbench` handle) go to the unrecorded methods, so they never count as the page's.
 */
export function createFxoMessenger(core: WidgetCore, log: CallLog = createCallLog('legacy', () => core.getState().state)): FxoMessengerApi {
  const handlers = new Map<string, Set<Handler>>();
  let config: LegacyConfig = {};
  let lastState: LegacyStateName = core.getState().state;

  const getState = (): LegacyState => ({ ...core.getState(), config: clone(config) });

  function emit<E extends LegacyEventName>(event: E, payload: LegacyEvents[E]): void {
    for (const fn of [...(handlers.get(event) ?? [])]) {
      try {
        (fn as (payload: LegacyEvents[E]) => void)(payload);
      } catch (error) {
        // A page's handler bug must not stop the widget (nor the other handlers).
        console.error(`FxoMessenger: a "${event}" handler threw`, error);
      }
    }
  }

  core.on('state', (state) => {
    if (state.state === lastState) return;
    lastState = state.state;
    emit('stateChanged', state.state);
  });
  core.on('created', () => emit('created', getState()));
  core.on('destroyed', () => emit('destroyed', getState()));
  core.on('messageReceived', (message) => emit('messageReceived', message));
  // Typed in the UI or sent with sendMessage: either way the visitor sent it.
  core.on('messageSent', (message) => emit('messageSent', message));
  core.on('identityChanged', (payload) => emit('identityChanged', payload));
  core.on('conversationReset', (payload) => emit('conversationReset', payload));
  core.on('resetRefused', (payload) => emit('resetRefused', payload));
  core.on('error', (payload) => emit('error', payload));

  const api: FxoMessengerApi = {
    sendMessage: (text, metadata) => core.sendMessage(text, metadata),

    setConfig(next) {
      if (!isPlainObject(next)) {
        throw new TypeError('FxoMessenger.setConfig expects an object like { externalUserId: "User123", metadata: { … }, headerText: "Support" }.');
      }
      const unknown = Object.keys(next).filter((key) => !LEGACY_CONFIG_KEYS.includes(key));
      if (unknown.length) {
        console.warn(
          `FxoMessenger.setConfig: ignored ${unknown.map((key) => `"${key}"`).join(', ')}; the keys it knows are ${LEGACY_CONFIG_KEYS.join(', ')}.`,
        );
      }
      // Validate everything before applying anything, so a bad call changes nothing.
      const identity = validateIdentity(next as Record<string, unknown>, 'FxoMessenger.setConfig');
      const display = displayOf(next as Record<string, unknown>);
      const known = Object.fromEntries(Object.entries(next).filter(([key]) => LEGACY_CONFIG_KEYS.includes(key)));
      config = { ...config, ...(clone(known) as LegacyConfig) };
      if (Object.keys(display).length) core.display(display);
      if (Object.keys(identity).length) core.configure(identity);
      emit('configChanged', clone(config));
    },

    getState,
    create: () => core.create(),
    destroy: () => core.destroy(),

    toggle() {
      if (core.isCreated()) core.destroy();
      else core.create();
    },

    on(event, fn) {
      if (typeof fn !== 'function') throw new TypeError(`FxoMessenger.on("${String(event)}", fn) expects a function.`);
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(fn as Handler);
      return () => api.off(event, fn);
    },

    off(event, fn) {
      handlers.get(event)?.delete(fn as Handler);
    },

    identify(id, options) {
      api.setConfig({ externalUserId: id, userHash: options?.userHash ?? null });
    },

    logout() {
      api.setConfig({ externalUserId: null, userHash: null });
    },

    resetConversation: () => core.resetConversation(),

    botbench: createBotbenchHandle(
      core,
      'embed',
      {
        identify: (id, options) => api.identify(id, options),
        logout: () => api.logout(),
      },
      log,
    ),
  };
  recordPlatformAnswers(core, log);
  const recorded = { ...api } as Record<string, unknown>;
  for (const method of RECORDED) recorded[method] = log.wrap(method, api[method] as (...args: unknown[]) => unknown);
  return recorded as unknown as FxoMessengerApi;
}

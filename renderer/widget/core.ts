import { createConnection, type Connection } from './connection.ts';
import { isChannelId } from '../../main/common/ids.ts';
import { channelStorageKey } from '../../main/common/storage-key.ts';
import {
  MAX_ID,
  MAX_METADATA_BYTES,
  MAX_PAGE,
  MAX_PROFILE_TEXT,
  MAX_TEXT,
  PROTOCOL_VERSION,
  type ClientFrame,
  type ServerFrame,
  type WireMessage,
} from '../../main/common/widget-frames.ts';
import type { WidgetStorage } from './storage.ts';

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'refused';

export interface MessengerState {
  state: ConnectionState;
  botId: string;
  channelId: string | null;
  responsePath: string | null;
  kind: 'anonymous' | 'external' | null;
  externalUserId: string | null;
  metadata: Record<string, unknown> | null;
  storage: 'local' | 'memory';
  open: boolean;
}

/** Who the visitor is, as the page says: the identity part of either script's configuration. */
export interface IdentityConfig {
  externalUserId?: string | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
  /** Botbench's own: HMAC-SHA256(identity secret, externalUserId) as hex, from the site's server, for bots that verify identities. */
  userHash?: string | null | undefined;
  /** The current messenger's member name and email, kept on the user record. */
  name?: string | null | undefined;
  email?: string | null | undefined;
}

/** What the chat UI shows: Flow XO's display settings a page may change at run time. */
export interface DisplayConfig {
  /** Header text (Flow XO's "Header Text"; the current messenger's header.title). */
  title?: string | undefined;
  /** Theme colour as #hex (Flow XO's "Theme Color"; the current messenger's primaryColor). */
  theme?: string | undefined;
  /** The panel fills the window. */
  fullscreen?: boolean | undefined;
  /** Shown in an empty conversation instead of the bot's greeting (Flow XO's "Welcome Text"). */
  welcomeText?: string | undefined;
}

export interface ReceivedMessage {
  id: string;
  text: string;
  source: WireMessage['source'];
  createdAt: number;
}

export interface SentMessage {
  id: string;
  text: string;
  createdAt: number;
  /** What the page passed to sendMessage(text, metadata), if anything. */
  metadata?: Record<string, unknown>;
}

export type ResetResult = { ok: true; channelId: string } | { ok: false; code: string; message: string };

/** What the core tells the API layers; each layer maps these onto the events its script documents. */
export interface CoreEvents {
  /** Anything getState() reports changed. */
  state: MessengerState;
  messageReceived: ReceivedMessage;
  messageSent: SentMessage;
  identityChanged: { channelId: string; responsePath: string; kind: 'anonymous' | 'external'; previousChannelId: string | null };
  conversationReset: { channelId: string; responsePath: string; previousChannelId: string | null };
  resetRefused: { code: string; message: string };
  error: { code: string; message: string };
  /** The chat panel opened or closed. */
  open: boolean;
  /** The UI was mounted and the connection started (create), or both were stopped (destroy). */
  created: MessengerState;
  destroyed: MessengerState;
  display: DisplayConfig;
}

export type CoreEventName = keyof CoreEvents;
type Handler = (payload: never) => void;

/**
 * The widget core both scripts share: connection, the anonymous ID in storage, the outbox and
 * acks, and the chat UI. embed.js (legacy-api.ts) and loader.js (current-api.ts) are thin layers over it.
 */
export interface WidgetCore {
  /** Changes who the visitor is (re-identifies on the open socket) and/or their metadata. Throws a TypeError saying what was expected. */
  configure(config: IdentityConfig): void;
  /** Changes what the UI shows. */
  display(config: DisplayConfig): void;
  getDisplay(): DisplayConfig;
  /** `metadata` reaches the trigger of the flows this message starts, over the connection's metadata. */
  sendMessage(text: string, metadata?: Record<string, unknown>): Promise<SentMessage>;
  getState(): MessengerState;
  on<E extends CoreEventName>(event: E, fn: (payload: CoreEvents[E]) => void): () => void;
  off<E extends CoreEventName>(event: E, fn: (payload: CoreEvents[E]) => void): void;
  /** Mounts the UI and connects; a no-op while created. */
  create(): void;
  /** Unmounts the UI and disconnects; a no-op while not created. */
  destroy(): void;
  isCreated(): boolean;
  setOpen(open: boolean): void;
  resetConversation(): Promise<ResetResult>;
}

/** What the view needs from the messenger, and what it is told. */
export interface ViewModel {
  bot: { name: string; greeting: string } | null;
  transcript: readonly WireMessage[];
  pending: readonly { clientId: string; text: string }[];
  notice: string;
  /** Bumped whenever the notice is set, so the same text shown again is noticed. */
  noticeSeq: number;
}

export interface View {
  mount(): void;
  unmount(): void;
  /** Something changed: state, transcript, pending messages or the notice. */
  update(state: MessengerState, model: ViewModel): void;
  /** The page changed what the UI shows (header, colour, fullscreen, welcome text). */
  display(config: DisplayConfig): void;
}

export interface MessengerOptions {
  botId: string;
  socketUrl: string;
  storage: WidgetStorage;
  /** The page URL reported in hello (the server keeps it for the log). */
  page: () => string;
  view?: (core: WidgetCore) => View;
  connect?: typeof createConnection;
  /** How the page names this widget in console messages: "FxoMessenger" or "FlowXO". */
  label?: string;
  display?: DisplayConfig;
}

export const RESET_EXTERNAL = 'BOTBENCH_ERR_RESET_EXTERNAL';
const NOT_CONNECTED = 'BOTBENCH_ERR_NOT_CONNECTED';
const RATE_LIMIT = 'BOTBENCH_ERR_RATE_LIMIT';
/** The platform's own rule for Channel IDs and external user IDs (main/common/ids.ts), well-formedness included. */
export const isValidId = isChannelId;

/** An object literal (or Object.create(null)), from this window or another one (an iframe's). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Copies a metadata object after checking it is plain, JSON-serialisable and small enough; throws a TypeError saying so. */
export function validateMetadata(metadata: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(metadata)) throw new TypeError(`${where}: metadata must be a plain object like { "plan": "pro" }.`);
  let json: string | undefined;
  try {
    json = JSON.stringify(metadata);
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new TypeError(`${where}: metadata must be JSON-serialisable (no cycles or BigInt).`);
  if (new TextEncoder().encode(json).length > MAX_METADATA_BYTES)
    throw new TypeError(`${where}: metadata must serialise to at most ${MAX_METADATA_BYTES} bytes of JSON; got ${json.length}.`);
  return JSON.parse(json) as Record<string, unknown>;
}

const optionalText = (value: unknown, key: string, where: string): string | null => {
  if (value == null) return null;
  if (typeof value !== 'string' || value.length > MAX_PROFILE_TEXT)
    throw new TypeError(`${where}: ${key} must be a string of at most ${MAX_PROFILE_TEXT} characters.`);
  return value;
};

/** Checks the identity keys of a configuration (only those present); throws a TypeError that says what was expected. */
export function validateIdentity(config: Record<string, unknown>, where: string): IdentityConfig {
  const { externalUserId, metadata, userHash } = config;
  if (userHash != null && (typeof userHash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(userHash))) {
    throw new TypeError(`${where}: userHash must be 64 hex characters (HMAC-SHA256 of the externalUserId, computed by your server).`);
  }
  if (externalUserId != null && !isValidId(externalUserId)) {
    throw new TypeError(
      `${where}: externalUserId must be a non-empty string of at most ${MAX_ID} characters without whitespace or "/", e.g. "User123"; got ${JSON.stringify(externalUserId) ?? String(externalUserId)}.`,
    );
  }
  const result: IdentityConfig = {};
  if ('externalUserId' in config) result.externalUserId = externalUserId as string | null | undefined;
  if ('userHash' in config) result.userHash = userHash as string | null | undefined;
  if ('metadata' in config) result.metadata = metadata == null ? null : validateMetadata(metadata, where);
  if ('name' in config) result.name = optionalText(config.name, 'name', where);
  if ('email' in config) result.email = optionalText(config.email, 'email', where);
  return result;
}

export { isPlainObject };

interface PendingSend {
  text: string;
  metadata: Record<string, unknown> | undefined;
  /** Sent on the current socket, awaiting its `sent` frame. */
  inflight: boolean;
  resolve(message: SentMessage): void;
  reject(error: Error): void;
}

/** An error a sendMessage promise rejects with; `code` is the platform's error code. */
export class MessengerError extends Error {
  code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'MessengerError';
    this.code = code;
  }
}

export function createWidgetCore(options: MessengerOptions): WidgetCore {
  const { botId, storage } = options;
  const label = options.label ?? 'FxoMessenger';
  const storageKey = channelStorageKey(botId);
  const handlers = new Map<string, Set<Handler>>();
  const seen = new Set<string>();
  const pending = new Map<string, PendingSend>();
  let pendingAcks: string[] = [];
  let ackTimer: ReturnType<typeof setTimeout> | undefined;

  let state: ConnectionState = 'idle';
  let channelId: string | null = null;
  let responsePath: string | null = null;
  let kind: 'anonymous' | 'external' | null = null;
  let externalUserId: string | null = null;
  let metadata: Record<string, unknown> | null = null;
  let userHash: string | null = null;
  let name: string | null = null;
  let email: string | null = null;
  let display: DisplayConfig = { ...options.display };
  let open = false;
  let created = false;
  /** Channel ID of the last welcome, for identityChanged (a reset moves channelId before its welcome). */
  let welcomedChannelId: string | null = null;
  /** A hello went out on this socket and its welcome has not arrived. */
  let awaitingWelcome = false;
  let resetWaiters: ((result: ResetResult) => void)[] = [];
  let resetSent = false;
  let transcript: WireMessage[] = [];
  let bot: ViewModel['bot'] = null;
  let notice = '';
  let noticeSeq = 0;
  let lastSnapshot = '';
  let clientSeq = 0;
  let connection: Connection | null = null;
  let view: View | null = null;

  const getState = (): MessengerState => ({
    state,
    botId,
    channelId,
    responsePath,
    kind,
    externalUserId,
    metadata: metadata ? { ...metadata } : null,
    storage: storage.kind,
    open,
  });

  function emit<E extends CoreEventName>(event: E, payload: CoreEvents[E]): void {
    const set = handlers.get(event);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as (payload: CoreEvents[E]) => void)(payload);
      } catch (error) {
        // A page's handler bug must not stop the widget (nor the other handlers).
        console.error(`${label}: a "${event}" handler threw`, error);
      }
    }
  }

  /** Redraws the view, and emits stateChanged when anything getState() reports changed. */
  function changed(): void {
    const snapshot = getState();
    view?.update(snapshot, {
      bot,
      transcript,
      pending: [...pending].map(([clientId, item]) => ({ clientId, text: item.text })),
      notice,
      noticeSeq,
    });
    const key = JSON.stringify(snapshot);
    if (key !== lastSnapshot) {
      lastSnapshot = key;
      emit('state', snapshot);
    }
  }

  function setNotice(text: string): void {
    notice = text;
    noticeSeq++;
  }

  function send(frame: ClientFrame): boolean {
    return connection?.send(frame) ?? false;
  }

  function sendHello(): void {
    const hello: Extract<ClientFrame, { type: 'hello' }> = { type: 'hello', v: PROTOCOL_VERSION, botId };
    if (externalUserId !== null) {
      hello.externalUserId = externalUserId;
      if (userHash !== null) hello.userHash = userHash;
    } else {
      const stored = storage.get(storageKey);
      // An unusable stored value would make the server reject the whole hello: start afresh instead.
      if (isValidId(stored)) hello.channelId = stored;
    }
    if (metadata) hello.metadata = metadata;
    if (name !== null) hello.name = name;
    if (email !== null) hello.email = email;
    const page = options.page();
    if (page) hello.page = page.slice(0, MAX_PAGE);
    awaitingWelcome = true;
    if (send(hello)) {
      state = 'connecting';
      changed();
    }
  }

  function flushAcks(): void {
    ackTimer = undefined;
    while (pendingAcks.length) send({ type: 'ack', ids: pendingAcks.splice(0, 500) });
  }

  function ack(id: string): void {
    pendingAcks.push(id);
    ackTimer ??= setTimeout(flushAcks, 0);
  }

  /** Sends queued messages (and a queued reset) once welcomed. */
  function flushOutbox(): void {
    if (state !== 'connected' || awaitingWelcome) return;
    for (const [clientId, item] of pending) {
      if (item.inflight) continue;
      const frame: Extract<ClientFrame, { type: 'message' }> = { type: 'message', clientId, text: item.text };
      if (item.metadata) frame.metadata = item.metadata;
      if (send(frame)) item.inflight = true;
    }
    if (resetWaiters.length && !resetSent) resetSent = send({ type: 'reset' });
  }

  function settleReset(result: ResetResult): void {
    const waiters = resetWaiters;
    resetWaiters = [];
    resetSent = false;
    for (const resolve of waiters) resolve(result);
  }

  /** Messages sent on a socket that went away may or may not have been stored: the caller decides. */
  function failInflight(code: string, message: string, all: boolean): boolean {
    let failed = false;
    for (const [clientId, item] of pending) {
      if (all || item.inflight) {
        pending.delete(clientId);
        item.reject(new MessengerError(code, message));
        failed = true;
      }
    }
    return failed;
  }

  function onWelcome(frame: Extract<ServerFrame, { type: 'welcome' }>): void {
    awaitingWelcome = false;
    const previous = welcomedChannelId;
    welcomedChannelId = frame.channelId;
    channelId = frame.channelId;
    responsePath = frame.responsePath;
    kind = frame.kind;
    // Only an anonymous ID is this browser's to remember; an external one belongs to the site.
    if (frame.kind === 'anonymous') storage.set(storageKey, frame.channelId);
    bot = { name: frame.bot.name, greeting: frame.bot.greeting };
    transcript = frame.transcript.slice();
    for (const message of transcript) seen.add(message.id);
    if (notice && state !== 'connected') setNotice('');
    state = 'connected';
    connection?.resetBackoff();
    if (frame.channelId !== previous) {
      emit('identityChanged', { channelId: frame.channelId, responsePath: frame.responsePath, kind: frame.kind, previousChannelId: previous });
    }
    if (resetSent) settleReset({ ok: true, channelId: frame.channelId });
    changed();
    flushOutbox();
  }

  /** A further page of the welcome's transcript (the server pages a long one): older than anything sent after it. */
  function onTranscriptPage(messages: readonly WireMessage[]): void {
    let added = false;
    for (const message of messages) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      transcript.push(message);
      added = true;
    }
    if (added) changed();
  }

  function onMessage(message: WireMessage): void {
    if (message.direction === 'in') {
      // The visitor's own message, sent from another window of the same user: shown, not received.
      if (!seen.has(message.id)) {
        seen.add(message.id);
        transcript.push(message);
        changed();
      }
      return;
    }
    ack(message.id);
    if (seen.has(message.id)) return;
    seen.add(message.id);
    transcript.push(message);
    changed();
    emit('messageReceived', { id: message.id, text: message.text, source: message.source, createdAt: message.createdAt });
  }

  function onSent(clientId: string, message: WireMessage): void {
    const item = pending.get(clientId);
    pending.delete(clientId);
    const stored: SentMessage = { id: message.id, text: message.text, createdAt: message.createdAt };
    if (item?.metadata) stored.metadata = item.metadata;
    if (!seen.has(message.id)) {
      seen.add(message.id);
      transcript.push(message);
    }
    changed();
    item?.resolve(stored);
    emit('messageSent', stored);
  }

  function onReset(frame: Extract<ServerFrame, { type: 'reset' }>): void {
    const previous = channelId;
    channelId = frame.channelId;
    responsePath = frame.responsePath;
    storage.set(storageKey, frame.channelId);
    transcript = [];
    seen.clear();
    setNotice('');
    // The welcome for the new Channel ID follows at once.
    awaitingWelcome = true;
    resetSent = resetWaiters.length > 0;
    changed();
    emit('conversationReset', { channelId: frame.channelId, responsePath: frame.responsePath, previousChannelId: previous });
  }

  function onError(frame: Extract<ServerFrame, { type: 'error' }>): void {
    const { code, message, ref } = frame;
    emit('error', { code, message });
    if (code === RATE_LIMIT) {
      // The frame was dropped. A dropped hello is retried; anything else the visitor can resend.
      if (awaitingWelcome && (!ref || ref === 'hello')) setTimeout(() => awaitingWelcome && state === 'connecting' && sendHello(), 1000);
      return;
    }
    if (ref === 'hello' || (awaitingWelcome && !ref)) {
      // The server turned the hello down (unknown bot, bad config): retrying would only repeat that.
      // A frame that fails validation comes back without a ref; before the welcome it can only be the hello.
      disconnect();
      state = 'refused';
      setNotice(message);
      failInflight(code, message, true);
      settleReset({ ok: false, code, message });
      changed();
      return;
    }
    if (ref === 'reset' || code === RESET_EXTERNAL) {
      if (code === RESET_EXTERNAL) emit('resetRefused', { code, message });
      setNotice(message);
      settleReset({ ok: false, code, message });
      changed();
      return;
    }
    const item = ref ? pending.get(ref) : undefined;
    if (item && ref) {
      pending.delete(ref);
      item.reject(new MessengerError(code, message));
    }
    setNotice(message);
    changed();
  }

  function onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        onWelcome(frame);
        return;
      case 'transcript':
        onTranscriptPage(frame.messages);
        return;
      case 'message':
        onMessage(frame.message);
        return;
      case 'sent':
        onSent(frame.clientId, frame.message);
        return;
      case 'reset':
        onReset(frame);
        return;
      case 'error':
        onError(frame);
        return;
    }
  }

  function connect(): void {
    if (connection) return;
    const connectTo = options.connect ?? createConnection;
    connection = connectTo(options.socketUrl, {
      open: sendHello,
      frame: onFrame,
      close() {
        awaitingWelcome = false;
        state = 'disconnected';
        const lost = 'The connection closed before your message was confirmed; please send it again.';
        if (failInflight(NOT_CONNECTED, lost, false)) setNotice(lost);
        settleReset({ ok: false, code: NOT_CONNECTED, message: 'The connection closed during the reset.' });
        changed();
      },
    });
    state = 'connecting';
    changed();
    connection.start();
  }

  function disconnect(): void {
    connection?.stop();
    connection = null;
    awaitingWelcome = false;
    clearTimeout(ackTimer);
    ackTimer = undefined;
    pendingAcks = [];
  }

  const core: WidgetCore = {
    configure(config) {
      const valid = validateIdentity(config as Record<string, unknown>, `${label}`);
      if ('externalUserId' in valid) externalUserId = valid.externalUserId ?? null;
      if ('userHash' in valid) userHash = valid.userHash ?? null;
      if ('metadata' in valid) metadata = valid.metadata ?? null;
      if ('name' in valid) name = valid.name ?? null;
      if ('email' in valid) email = valid.email ?? null;
      if (state === 'refused' && created) {
        // New settings might be acceptable: try again from scratch.
        disconnect();
        setNotice('');
        connect();
      } else if (connection && (state === 'connected' || state === 'connecting')) {
        // Re-identify on the same socket (or on open, if it is still opening).
        sendHello();
      }
      changed();
    },

    display(config) {
      display = { ...display, ...config };
      view?.display(display);
      emit('display', { ...display });
    },

    getDisplay: () => ({ ...display }),

    sendMessage(text, messageMetadata) {
      if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT) {
        return Promise.reject(new TypeError(`${label}.sendMessage expects a non-empty string of at most ${MAX_TEXT} characters.`));
      }
      let extra: Record<string, unknown> | undefined;
      try {
        extra = messageMetadata == null ? undefined : validateMetadata(messageMetadata, `${label}.sendMessage`);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      if (state === 'refused') return Promise.reject(new MessengerError(NOT_CONNECTED, notice || 'The platform refused this widget.'));
      return new Promise<SentMessage>((resolve, reject) => {
        const clientId = `c${Date.now().toString(36)}${(++clientSeq).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
        pending.set(clientId, { text, metadata: extra, inflight: false, resolve, reject });
        changed();
        flushOutbox();
      });
    },

    getState,

    on(event, fn) {
      if (typeof fn !== 'function') throw new TypeError(`${label}.on("${String(event)}", fn) expects a function.`);
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(fn as Handler);
      return () => core.off(event, fn);
    },

    off(event, fn) {
      handlers.get(event)?.delete(fn as Handler);
    },

    create() {
      if (created) return;
      created = true;
      if (!view && options.view) {
        view = options.view(core);
        view.display(display);
        view.mount();
      }
      connect();
      changed();
      emit('created', getState());
    },

    destroy() {
      if (!created) return;
      created = false;
      disconnect();
      view?.unmount();
      view = null;
      state = 'idle';
      open = false;
      failInflight(NOT_CONNECTED, 'The widget was destroyed before this message was sent.', true);
      settleReset({ ok: false, code: NOT_CONNECTED, message: 'The widget was destroyed.' });
      changed();
      emit('destroyed', getState());
    },

    isCreated: () => created,

    setOpen(next) {
      if (open === next) return;
      open = next;
      changed();
      emit('open', open);
    },

    resetConversation() {
      return new Promise<ResetResult>((resolve) => {
        if (state !== 'connected' && state !== 'connecting') {
          resolve({ ok: false, code: NOT_CONNECTED, message: 'The widget is not connected; reset once it is.' });
          return;
        }
        resetWaiters.push(resolve);
        flushOutbox();
      });
    },
  };
  return core;
}

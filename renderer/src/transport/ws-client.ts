import type { ApiMethod, WorkbenchClient, WorkbenchEvent, WsClientFrame, WsServerFrame } from '../../../main/api/contract.ts';
import { ApiError, CLIENT_ERROR } from './api-error.ts';
import type { ConnectionState } from './connection.ts';

/** The part of a WebSocket the client uses, so tests can hand it a fake. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export interface WsClientOptions {
  url: string;
  token: string;
  /** Default: `new WebSocket(url)`. */
  createSocket?: ((url: string) => SocketLike) | undefined;
  /** Reconnect delays double from initialMs up to maxMs. Default 500 ms → 10 s. */
  backoff?: { initialMs: number; maxMs: number } | undefined;
}

/** The WebSocket transport's client: a WorkbenchClient plus what the connection banner needs. */
export interface WsWorkbenchClient extends WorkbenchClient {
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Skips the wait of the current backoff. */
  reconnectNow(): void;
  close(): void;
}

interface Pending {
  frame: string;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: ApiError) => void;
}

/**
 * Browser mode's transport (frames in main/api/contract.ts): authenticate first, wait for
 * `ready`, then calls and events. Reconnects with exponential backoff; calls made while
 * disconnected wait for the next `ready`, calls in flight when the link drops fail.
 */
export function createWsClient(options: WsClientOptions): WsWorkbenchClient {
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 10_000 };
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let ready = false;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let state: ConnectionState = { status: 'connecting', attempt: 0, retryAt: null, message: null };

  function setState(next: ConnectionState): void {
    state = next;
    for (const listener of connectionListeners) listener(next);
  }

  function send(frame: WsClientFrame): void {
    socket?.send(JSON.stringify(frame));
  }

  function connect(): void {
    timer = null;
    setState({ status: 'connecting', attempt, retryAt: null, message: null });
    let ws: SocketLike;
    try {
      ws = createSocket(options.url);
    } catch (error) {
      scheduleReconnect(`Could not open ${options.url}: ${(error as Error).message}`);
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket === ws) send({ type: 'auth', token: options.token });
    };
    ws.onmessage = (event) => {
      if (socket === ws && typeof event.data === 'string') onFrame(event.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      onDisconnect();
    };
    // A close event always follows an error; it does the work.
    ws.onerror = () => undefined;
  }

  function onFrame(data: string): void {
    let frame: WsServerFrame;
    try {
      frame = JSON.parse(data) as WsServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'ready':
        ready = true;
        attempt = 0;
        for (const entry of pending.values()) {
          if (entry.sent) continue;
          socket?.send(entry.frame);
          entry.sent = true;
        }
        setState({ status: 'connected', attempt: 0, retryAt: null, message: null });
        break;
      case 'result':
        settle(frame.id, (entry) => entry.resolve(frame.result));
        break;
      case 'error':
        if (frame.id !== null) settle(frame.id, (entry) => entry.reject(new ApiError(frame.error)));
        else if (!ready) refuse(`${frame.error.code}: ${frame.error.message}`);
        break;
      case 'event':
        for (const listener of listeners) {
          try {
            listener(frame.event);
          } catch (error) {
            console.error('A workbench event listener failed', error);
          }
        }
        break;
    }
  }

  function settle(id: number, fn: (entry: Pending) => void): void {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    fn(entry);
  }

  /** The server refused the token: retrying cannot help, so stop and say so. */
  function refuse(message: string): void {
    stopped = true;
    rejectPending(() => true, new ApiError({ code: 'BOTBENCH_ERR_UNAUTHORIZED', message }));
    setState({ status: 'refused', attempt, retryAt: null, message });
    const ws = socket;
    socket = null;
    ws?.close();
  }

  function rejectPending(which: (entry: Pending) => boolean, error: ApiError): void {
    for (const [id, entry] of pending) {
      if (!which(entry)) continue;
      pending.delete(id);
      entry.reject(error);
    }
  }

  function onDisconnect(): void {
    ready = false;
    rejectPending(
      (entry) => entry.sent,
      new ApiError({ code: CLIENT_ERROR.disconnected, message: 'The connection to Botbench dropped before the answer came.' }),
    );
    if (!stopped) scheduleReconnect('The connection to Botbench was lost.');
  }

  function scheduleReconnect(message: string): void {
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
    attempt++;
    setState({ status: 'disconnected', attempt, retryAt: Date.now() + delay, message });
    timer = setTimeout(connect, delay);
  }

  connect();

  return {
    call: ((method: ApiMethod, params?: unknown) =>
      new Promise<unknown>((resolve, reject) => {
        if (state.status === 'refused') {
          reject(new ApiError({ code: 'BOTBENCH_ERR_UNAUTHORIZED', message: state.message ?? 'The workbench server refused this page.' }));
          return;
        }
        const id = nextId++;
        const entry: Pending = { frame: JSON.stringify({ type: 'call', id, method, params } satisfies WsClientFrame), sent: false, resolve, reject };
        pending.set(id, entry);
        if (ready && socket) {
          socket.send(entry.frame);
          entry.sent = true;
        }
      })) as WorkbenchClient['call'],
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connection: () => state,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    reconnectNow() {
      if (state.status === 'connected' || state.status === 'connecting') return;
      if (timer !== null) clearTimeout(timer);
      stopped = false;
      connect();
    },
    close() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      const ws = socket;
      socket = null;
      ws?.close();
      ready = false;
    },
  };
}

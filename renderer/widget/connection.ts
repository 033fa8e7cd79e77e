import type { ClientFrame, ServerFrame } from '../../main/common/widget-frames.ts';

export interface ConnectionHandlers {
  /** The socket opened: time to say hello. */
  open(): void;
  frame(frame: ServerFrame): void;
  /** The socket closed or could not open; a retry is already scheduled. */
  close(): void;
}

export interface Connection {
  /** Opens the socket (if not already open or opening) and keeps it open until stop(). */
  start(): void;
  /** Closes the socket and cancels any retry. */
  stop(): void;
  /** Sends a frame; false when the socket is not open. */
  send(frame: ClientFrame): boolean;
  /** The server accepted us: the next disconnect retries quickly again. */
  resetBackoff(): void;
}

const BASE_DELAY = 250;
const MAX_DELAY = 5000;
const JITTER = 0.2;

/** Delay before retry number `attempt` (0-based): 250 ms doubling to 5 s, ±20 % so many widgets do not reconnect in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.min(attempt, 10));
  return Math.round(base * (1 - JITTER + random() * 2 * JITTER));
}

/** A WebSocket that speaks JSON frames and reconnects with backoff until stopped. */
export function createConnection(url: string, handlers: ConnectionHandlers): Connection {
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let running = false;

  const onOnline = (): void => {
    // The browser regained the network: retry now rather than at the end of a long delay.
    if (running && !socket) {
      clearTimeout(retry);
      open();
    }
  };

  const scheduleRetry = (): void => {
    clearTimeout(retry);
    retry = setTimeout(open, backoffDelay(attempt++));
  };

  const dropped = (): void => {
    socket = null;
    if (!running) return;
    scheduleRetry();
    handlers.close();
  };

  function open(): void {
    retry = undefined;
    if (!running || socket) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      // A bad URL or a page policy refusing the connection: treated like a drop.
      dropped();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket === ws) handlers.open();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (socket !== ws || typeof event.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data) as ServerFrame;
      } catch {
        return;
      }
      if (frame && typeof frame === 'object' && typeof frame.type === 'string') handlers.frame(frame);
    };
    // An error is always followed by close; close alone decides what happens next.
    ws.onclose = () => {
      if (socket === ws) dropped();
    };
  }

  return {
    start() {
      if (running) return;
      running = true;
      attempt = 0;
      addEventListener('online', onOnline);
      open();
    },
    stop() {
      running = false;
      clearTimeout(retry);
      removeEventListener('online', onOnline);
      const ws = socket;
      socket = null;
      if (ws) {
        ws.onopen = ws.onmessage = ws.onclose = null;
        try {
          ws.close(1000);
        } catch {
          // Already closing.
        }
      }
    },
    send(frame) {
      if (!socket || socket.readyState !== 1) return false;
      try {
        socket.send(JSON.stringify(frame));
        return true;
      } catch {
        return false;
      }
    },
    resetBackoff() {
      attempt = 0;
    },
  };
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { nanoid } from 'nanoid';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BotbenchError, describeValue } from './errors.ts';
import type { WidgetConnection } from './hub.ts';
import type { Platform } from './platform.ts';
import { TRANSCRIPT_PAGE_BYTES, WIDGET_CLOSE, type ClientFrame, type ServerFrame, type WireMessage } from '../common/widget-frames.ts';
import { clientFrameSchema, METADATA_EXPECTED } from './widget-protocol.ts';

export const WIDGET_SOCKET_PATH = '/widget';

export interface WidgetSocketOptions {
  /** Largest frame accepted, in bytes; bigger ones close the socket with 1009. */
  maxFrameBytes: number;
  /** Frames a connection may send per second before it gets BOTBENCH_ERR_RATE_LIMIT errors. */
  maxFramesPerSecond: number;
  /** Widget connections held at once; more are refused with HTTP 503 at the upgrade. */
  maxConnections: number;
  /** Widget connections one remote address may hold; more from it are refused with 503, so one client cannot take every slot. */
  maxConnectionsPerAddress: number;
  /** Bytes a connection may have waiting to be sent; past it the socket is closed with 4008 (the client does not read). */
  maxBufferedBytes: number;
  /** Hellos a connection may send in a burst, refilled at `hellosPerSecond`; more get BOTBENCH_ERR_RATE_LIMIT. */
  helloBurst: number;
  hellosPerSecond: number;
  /** Milliseconds a new socket has to send its first valid hello; then it is closed with 4408. */
  helloTimeoutMs: number;
  /** Refuses an upgrade with the error's status (e.g. a request --host exposes that lacks the token); undefined lets it in. */
  authorize?: (request: IncomingMessage) => BotbenchError | undefined;
}

/** Below this many bytes in the socket's own buffer, frames waiting behind a page go out. */
const LOW_WATER_BYTES = TRANSCRIPT_PAGE_BYTES;
/** After a close for a full buffer, the socket is cut if the close frame is not through by then (the client is not reading). */
const CLOSE_GRACE_MS = 2000;

/** The oldest messages that fit in `pageBytes` of JSON (at least one), and the rest. */
export function takePage(messages: readonly WireMessage[], pageBytes = TRANSCRIPT_PAGE_BYTES): [WireMessage[], WireMessage[]] {
  let size = 0;
  let count = 0;
  for (const message of messages) {
    // The text plus a bound on the rest of the message's JSON (ids, names, a timestamp).
    size += Buffer.byteLength(JSON.stringify(message.text)) + 160;
    if (size > pageBytes && count > 0) break;
    count++;
  }
  return [messages.slice(0, count), messages.slice(count)];
}

/** Reads one frame: JSON of a known shape, or an error that says what was expected. */
export function parseClientFrame(data: RawData | string): ClientFrame {
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    throw new BotbenchError('BOTBENCH_ERR_FRAME', `A frame must be JSON; got ${describeValue(data.toString())}.`, {
      expected: 'a JSON object with "type": "hello" | "message" | "ack" | "reset"',
    });
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'frame';
  throw new BotbenchError('BOTBENCH_ERR_FRAME', `${where}: ${issue.message}.`, {
    expected: where === 'metadata' ? METADATA_EXPECTED : 'a frame as described in docs/api.md (Widget protocol)',
    field: where,
  });
}

/** A frame waiting to go out, or the rest of a welcome's transcript, paged as it goes out. */
type Outgoing = { data: string; bytes: number } | { pages: WireMessage[] };

/**
 * One widget socket with flow control. Frames wait here and go out while the socket's own
 * buffer is below a page; a welcome's transcript goes out a page at a time behind it. A client
 * that stops reading is closed once what waits for it passes the bound, checked before each send.
 */
class SocketConnection implements WidgetConnection {
  readonly id = nanoid(10);
  readonly socket: WebSocket;
  readonly source: string | undefined;
  readonly #maxBufferedBytes: number;
  readonly #queue: Outgoing[] = [];
  #queuedBytes = 0;
  #closing = false;
  windowStart = 0;
  framesInWindow = 0;
  hellos: number;
  hellosAt = Date.now();
  greeted = false;

  constructor(socket: WebSocket, source: string | undefined, options: WidgetSocketOptions) {
    this.socket = socket;
    this.source = source;
    this.#maxBufferedBytes = options.maxBufferedBytes;
    this.hellos = options.helloBurst;
  }

  send(frame: ServerFrame): void {
    if (this.#closing || this.socket.readyState !== this.socket.OPEN) return;
    if (this.#queuedBytes + this.socket.bufferedAmount > this.#maxBufferedBytes) {
      this.#overflow();
      return;
    }
    if (frame.type === 'welcome') {
      // A new welcome replaces the transcript the widget shows: pages of an earlier one still waiting are dropped.
      const stale = this.#queue.findIndex((item) => 'pages' in item);
      if (stale >= 0) this.#queue.splice(stale, 1);
      const [first, rest] = takePage(frame.transcript);
      this.#enqueue(rest.length > 0 ? { ...frame, transcript: first, more: true } : frame);
      if (rest.length > 0) this.#queue.push({ pages: rest });
    } else {
      this.#enqueue(frame);
    }
    this.#pump();
  }

  /** Frames are still waiting for this client (or its socket's buffer is full): it has not read what it was sent. */
  get congested(): boolean {
    return this.#queue.length > 0 || this.socket.bufferedAmount >= LOW_WATER_BYTES;
  }

  #enqueue(frame: ServerFrame): void {
    const data = JSON.stringify(frame);
    const bytes = Buffer.byteLength(data);
    this.#queue.push({ data, bytes });
    this.#queuedBytes += bytes;
  }

  /** Frames go out while the socket's buffer is low; each write's callback sends the next ones. */
  #pump = (): void => {
    while (this.#queue.length > 0 && !this.#closing && this.socket.readyState === this.socket.OPEN && this.socket.bufferedAmount < LOW_WATER_BYTES) {
      const head = this.#queue[0]!;
      if ('pages' in head) {
        const [page, rest] = takePage(head.pages);
        head.pages = rest;
        if (rest.length === 0) this.#queue.shift();
        this.socket.send(JSON.stringify({ type: 'transcript', messages: page, more: rest.length > 0 } satisfies ServerFrame), this.#written);
      } else {
        this.#queue.shift();
        this.#queuedBytes -= head.bytes;
        this.socket.send(head.data, this.#written);
      }
    }
  };

  #written = (error?: Error): void => {
    if (!error && this.#queue.length > 0) this.#pump();
  };

  #overflow(): void {
    this.#closing = true;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    closeAndCut(this.socket, WIDGET_CLOSE.SEND_BUFFER_FULL, 'send buffer full: the client does not read');
  }
}

/**
 * Closes with a code, then cuts the connection if the client has not answered the close within
 * the grace period (ws would wait 30 s): a client that reads nothing never takes the close frame,
 * and cutting frees its buffers and its slot.
 */
function closeAndCut(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
}

/** The widget's WebSocket endpoint: frames in, platform calls, frames out. A bad frame gets an error frame, never a crash. */
export function attachWidgetSocket(server: Server, platform: Platform, options: WidgetSocketOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
  const perAddress = new Map<string, number>();

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== WIDGET_SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const refusal = options.authorize?.(request);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.code}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const address = request.socket.remoteAddress ?? '';
    if (wss.clients.size >= options.maxConnections || (perAddress.get(address) ?? 0) >= options.maxConnectionsPerAddress) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Counted from here, not from 'connection': upgrades in flight count too.
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    let counted = true;
    const release = (): void => {
      if (!counted) return;
      counted = false;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    };
    socket.once('close', release);
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.once('close', release);
      wss.emit('connection', ws, request);
    });
  });

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const connection = new SocketConnection(socket, request.socket.remoteAddress, options);
    // A socket that never says hello holds a slot for nothing.
    const helloTimer = setTimeout(() => {
      if (!connection.greeted) closeAndCut(socket, WIDGET_CLOSE.HELLO_TIMEOUT, 'no hello in time');
    }, options.helloTimeoutMs);
    helloTimer.unref();
    socket.on('message', (data, isBinary) => {
      const now = Date.now();
      if (now - connection.windowStart >= 1000) {
        connection.windowStart = now;
        connection.framesInWindow = 0;
      }
      if (++connection.framesInWindow > options.maxFramesPerSecond) {
        connection.send({
          type: 'error',
          code: 'BOTBENCH_ERR_RATE_LIMIT',
          message: `More than ${options.maxFramesPerSecond} frames in a second; this one was dropped.`,
        });
        return;
      }
      let frame: ClientFrame | undefined;
      try {
        if (isBinary) throw new BotbenchError('BOTBENCH_ERR_FRAME', 'Binary frames are not accepted.', { expected: 'a text frame of JSON' });
        frame = parseClientFrame(data);
        if (frame.type === 'hello') takeHello(connection, options);
        handle(platform, connection, frame);
        if (frame.type === 'hello') connection.greeted = true;
      } catch (error) {
        const botbench = error instanceof BotbenchError ? error : new BotbenchError('BOTBENCH_ERR_INTERNAL', 'Botbench failed to handle this frame.');
        const body = botbench.toBody().error;
        const ref = refOf(frame ?? data);
        connection.send({ type: 'error', ...body, ...(ref ? { ref } : {}) });
        if (!(error instanceof BotbenchError)) console.error('widget frame failed', error);
      }
    });
    socket.on('close', () => {
      clearTimeout(helloTimer);
      platform.disconnect(connection);
    });
    socket.on('error', () => socket.terminate());
  });

  return wss;
}

/**
 * A hello costs a user lookup and a transcript read (up to ~2.4 MB): each connection has a bucket
 * of them, and a client that has not read its last welcome yet gets no new one.
 */
function takeHello(connection: SocketConnection, options: WidgetSocketOptions): void {
  if (connection.congested) {
    throw new BotbenchError('BOTBENCH_ERR_RATE_LIMIT', 'The previous welcome has not been read yet; this hello was dropped.', {
      expected: 'a hello once the frames already sent have been read',
    });
  }
  const now = Date.now();
  connection.hellos = Math.min(options.helloBurst, connection.hellos + ((now - connection.hellosAt) / 1000) * options.hellosPerSecond);
  connection.hellosAt = now;
  if (connection.hellos < 1) {
    throw new BotbenchError(
      'BOTBENCH_ERR_RATE_LIMIT',
      `More than ${options.helloBurst} hellos in a burst (then ${options.hellosPerSecond} a second) on one connection; this one was dropped.`,
      { expected: 'one hello per connection, and one more per identity change' },
    );
  }
  connection.hellos -= 1;
}

/**
 * What an error frame refers to, so the widget can match it: a message's clientId, else the
 * frame type. Read from the raw JSON too, so a frame that failed validation still gets one.
 */
function refOf(frame: ClientFrame | RawData): string | undefined {
  let value: unknown = frame;
  if (Buffer.isBuffer(frame) || Array.isArray(frame) || frame instanceof ArrayBuffer) {
    try {
      value = JSON.parse(frame.toString());
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { clientId, type } = value as { clientId?: unknown; type?: unknown };
  const ref = typeof clientId === 'string' && type === 'message' ? clientId : type;
  return typeof ref === 'string' && ref.length <= 64 ? ref : undefined;
}

function handle(platform: Platform, connection: WidgetConnection, frame: ClientFrame): void {
  switch (frame.type) {
    case 'hello':
      platform.hello(connection, frame);
      return;
    case 'message':
      platform.visitorMessage(connection, frame.clientId, frame.text, frame.metadata);
      return;
    case 'ack':
      void platform.ack(connection, frame.ids);
      return;
    case 'reset':
      platform.reset(connection);
      return;
  }
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { nanoid } from 'nanoid';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BotbenchError, describeValue } from './errors.ts';
import type { WidgetConnection } from './hub.ts';
import type { Platform } from './platform.ts';
import type { ClientFrame, ServerFrame } from '../common/widget-frames.ts';
import { clientFrameSchema } from './widget-protocol.ts';

export const WIDGET_SOCKET_PATH = '/widget';

export interface WidgetSocketOptions {
  /** Largest frame accepted, in bytes; bigger ones close the socket with 1009. */
  maxFrameBytes: number;
  /** Frames a connection may send per second before it gets BOTBENCH_ERR_RATE_LIMIT errors. */
  maxFramesPerSecond: number;
  /** Widget connections held at once; more are refused with HTTP 503 at the upgrade. */
  maxConnections: number;
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
    expected: 'a frame as described in docs/api.md (Widget protocol)',
    field: where,
  });
}

class SocketConnection implements WidgetConnection {
  readonly id = nanoid(10);
  readonly socket: WebSocket;
  windowStart = 0;
  framesInWindow = 0;

  constructor(socket: WebSocket) {
    this.socket = socket;
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }
}

/** The widget's WebSocket endpoint: frames in, platform calls, frames out. A bad frame gets an error frame, never a crash. */
export function attachWidgetSocket(server: Server, platform: Platform, options: WidgetSocketOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== WIDGET_SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (wss.clients.size >= options.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  wss.on('connection', (socket: WebSocket) => {
    const connection = new SocketConnection(socket);
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
        handle(platform, connection, frame);
      } catch (error) {
        const botbench = error instanceof BotbenchError ? error : new BotbenchError('BOTBENCH_ERR_INTERNAL', 'Botbench failed to handle this frame.');
        const body = botbench.toBody().error;
        const ref = refOf(frame ?? data);
        connection.send({ type: 'error', ...body, ...(ref ? { ref } : {}) });
        if (!(error instanceof BotbenchError)) console.error('widget frame failed', error);
      }
    });
    socket.on('close', () => platform.disconnect(connection));
    socket.on('error', () => socket.terminate());
  });

  return wss;
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

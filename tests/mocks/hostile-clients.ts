import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * Clients that misbehave on purpose, written on raw TCP so they can do what a well-behaved
 * library will not: never read, send half a request, flood. Loopback only.
 */

/** Opens a TCP connection to `url`'s host and port (optionally from another loopback source address). */
export function openTcp(url: string, localAddress?: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port), ...(localAddress ? { localAddress } : {}) });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when the socket is closed (by either side); `within` rejects after that many ms. */
export function closed(socket: Socket, within: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return resolve();
    const timer = setTimeout(() => reject(new Error(`socket still open after ${within} ms`)), within);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A masked client text frame (RFC 6455 §5.2). */
export function clientTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x81, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([
            Buffer.from([0x81, 0x80 | 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(length));
              return b;
            })(),
          ]);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

/** A server frame read from a raw stream: its opcode, and its payload (for a close frame, the code). */
export interface RawFrame {
  opcode: number;
  payload: Buffer;
}

/** Reads unmasked server frames out of a byte stream; returns the frames and the unread rest. */
export function parseServerFrames(buffer: Buffer): { frames: RawFrame[]; rest: Buffer } {
  const frames: RawFrame[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    const opcode = buffer[offset]! & 0x0f;
    let length = buffer[offset + 1]! & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if (buffer.length - offset < header + length) break;
    frames.push({ opcode, payload: buffer.subarray(offset + header, offset + header + length) });
    offset += header + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/**
 * A widget socket on raw TCP: the upgrade is done, then the caller decides whether it reads.
 * `pause()` stops reading (the kernel buffers fill, then the server's); `frames()` reads what
 * arrived once resumed.
 */
export class RawWidgetSocket {
  readonly socket: Socket;
  #buffer = Buffer.alloc(0);
  readonly received: RawFrame[] = [];

  private constructor(socket: Socket, rest: Buffer) {
    this.socket = socket;
    this.#take(rest);
    socket.on('data', (chunk: Buffer) => this.#take(chunk));
  }

  #take(chunk: Buffer): void {
    const { frames, rest } = parseServerFrames(Buffer.concat([this.#buffer, chunk]));
    this.#buffer = Buffer.from(rest);
    this.received.push(...frames);
  }

  /** Opens `/widget` and completes the upgrade; rejects with the status line if the server refuses it. */
  static async open(url: string, options: { localAddress?: string; headers?: Record<string, string> } = {}): Promise<RawWidgetSocket> {
    const socket = await openTcp(url, options.localAddress);
    const { host } = new URL(url);
    const extra = Object.entries(options.headers ?? {})
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(
      `GET /widget HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
    );
    const head = await new Promise<Buffer>((resolve, reject) => {
      let got = Buffer.alloc(0);
      const onData = (chunk: Buffer): void => {
        got = Buffer.concat([got, chunk]);
        if (got.includes('\r\n\r\n')) {
          socket.off('data', onData);
          resolve(got);
        }
      };
      socket.on('data', onData);
      socket.once('close', () => reject(new Error(`closed during the upgrade: ${got.toString().split('\r\n')[0] ?? ''}`)));
      socket.once('error', reject);
    });
    const end = head.indexOf('\r\n\r\n') + 4;
    const status = head.subarray(0, head.indexOf('\r\n')).toString();
    if (!status.includes(' 101 ')) {
      socket.destroy();
      throw new Error(status);
    }
    return new RawWidgetSocket(socket, head.subarray(end));
  }

  send(frame: unknown): void {
    this.socket.write(clientTextFrame(typeof frame === 'string' ? frame : JSON.stringify(frame)));
  }

  /** Stops reading: what the server sends piles up in the kernel, then in the server. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** The close code of a close frame received, if any. */
  get closeCode(): number | undefined {
    const close = this.received.find((frame) => frame.opcode === 0x8);
    return close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : undefined;
  }

  /** JSON of the text frames received. */
  json(): Array<{ type: string } & Record<string, unknown>> {
    return this.received.filter((frame) => frame.opcode === 0x1).map((frame) => JSON.parse(frame.payload.toString()) as { type: string });
  }

  destroy(): void {
    this.socket.destroy();
  }
}

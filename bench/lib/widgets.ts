import { WebSocket } from 'ws';
import { monotonicMs } from './load.ts';

/** What a bench widget hears: a message frame's id and text, when it arrived (monotonicMs(), comparable across processes). */
export type OnMessage = (id: string, text: string, at: number) => void;

/**
 * A widget as the platform sees it, without a browser: a `ws` socket that says hello with its
 * own Channel ID, and acknowledges what it receives the way embed.js does (ids batched until
 * the end of the turn). Works against the platform and the bare server alike.
 */
export class BenchWidget {
  readonly socket: WebSocket;
  responsePath = '';
  onMessage: OnMessage | undefined;
  #acks: string[] = [];
  #ackTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(socket: WebSocket) {
    this.socket = socket;
  }

  /** Opens `/widget` and completes the hello; resolves once the welcome arrived. */
  static connect(baseUrl: string, hello: { botId: string; externalUserId?: string }, timeoutMs = 30_000): Promise<BenchWidget> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/widget`, { perMessageDeflate: false });
    const widget = new BenchWidget(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`no welcome within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        socket.terminate();
        reject(new Error(`upgrade refused with HTTP ${response.statusCode}`));
      });
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, ...hello })));
      socket.on('message', (data) => {
        const at = monotonicMs();
        const frame = JSON.parse(data.toString()) as {
          type: string;
          responsePath?: string;
          message?: { id: string; text: string };
        };
        if (frame.type === 'welcome') {
          clearTimeout(timer);
          widget.responsePath = frame.responsePath ?? '';
          resolve(widget);
        } else if (frame.type === 'message' && frame.message) {
          widget.onMessage?.(frame.message.id, frame.message.text, at);
          widget.#ack(frame.message.id);
        } else if (frame.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`error frame: ${data.toString()}`));
        }
      });
    });
  }

  #ack(id: string): void {
    this.#acks.push(id);
    this.#ackTimer ??= setTimeout(() => {
      this.#ackTimer = undefined;
      while (this.#acks.length) {
        const ids = this.#acks.splice(0, 500);
        if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'ack', ids }));
      }
    }, 0);
  }

  close(): void {
    clearTimeout(this.#ackTimer);
    this.socket.terminate();
  }
}

/** Connects `count` widgets, `concurrency` handshakes at a time. */
export async function connectWidgets(
  baseUrl: string,
  count: number,
  hello: (index: number) => { botId: string; externalUserId?: string },
  concurrency = 50,
): Promise<BenchWidget[]> {
  const widgets: BenchWidget[] = new Array<BenchWidget>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      widgets[index] = await BenchWidget.connect(baseUrl, hello(index));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return widgets;
}

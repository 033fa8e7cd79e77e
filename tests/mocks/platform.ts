import { WebSocket } from 'ws';
import type { Bot } from '../../main/platform/model.ts';
import { build, type PlatformOptions, type PlatformServer } from '../../main/platform/server.ts';
import type { ClientFrame, ServerFrame } from '../../main/common/widget-frames.ts';

export const TOKEN = 'test-token-0123456789';

/** A listening platform on a free port with an in-memory (or given) data dir. Close it after the test. */
export async function startPlatform(options: Partial<PlatformOptions> = {}): Promise<PlatformServer> {
  const server = await build({ token: TOKEN, ...options });
  await server.listen();
  return server;
}

export async function api<T = unknown>(server: PlatformServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function createBot(server: PlatformServer, body: Record<string, unknown> = { name: 'Test bot' }): Promise<Bot> {
  const { status, body: bot } = await api<Bot>(server, 'POST', '/api/bots', body);
  if (status !== 201) throw new Error(`creating a bot answered ${status}: ${JSON.stringify(bot)}`);
  return bot;
}

export async function postWebhook(bot: Bot, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: any }> {
  const response = await fetch(bot.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** A real WebSocket widget client speaking the widget protocol, recording every frame it gets. */
export class WidgetClient {
  readonly frames: ServerFrame[] = [];
  readonly socket: WebSocket;
  readonly #waiters: Array<{ test: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }> = [];
  #syncs = 0;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      this.frames.push(frame);
      for (const waiter of [...this.#waiters]) {
        if (waiter.test(frame)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
  }

  static async open(server: PlatformServer): Promise<WidgetClient> {
    return WidgetClient.openUrl(server.url);
  }

  /** Opens a socket to the platform at `url` (`http://host:port`), e.g. one running in a child process. */
  static async openUrl(url: string): Promise<WidgetClient> {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/widget`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new WidgetClient(socket);
  }

  /** Like `connect`, for the platform at `url`: opens a socket, says hello, resolves with the welcome frame. */
  static async connectUrl(
    url: string,
    hello: Partial<Extract<ClientFrame, { type: 'hello' }>> & { botId: string },
  ): Promise<{ client: WidgetClient; welcome: Extract<ServerFrame, { type: 'welcome' }> }> {
    const client = await WidgetClient.openUrl(url);
    const welcome = client.next('welcome');
    client.send({ type: 'hello', v: 1, ...hello });
    return { client, welcome: await welcome };
  }

  /** Opens a socket and says hello; resolves with the welcome frame. */
  static async connect(
    server: PlatformServer,
    hello: Partial<Extract<ClientFrame, { type: 'hello' }>> & { botId: string },
  ): Promise<{ client: WidgetClient; welcome: Extract<ServerFrame, { type: 'welcome' }> }> {
    const client = await WidgetClient.open(server);
    const welcome = client.next('welcome');
    client.send({ type: 'hello', v: 1, ...hello });
    return { client, welcome: await welcome };
  }

  send(frame: ClientFrame | Record<string, unknown> | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame of a type (one already received and not yet awaited is not returned: call before acting). */
  next<T extends ServerFrame['type']>(type: T, timeoutMs = 5000): Promise<Extract<ServerFrame, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${type}" frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`)),
        timeoutMs,
      );
      this.#waiters.push({
        test: (frame) => frame.type === type,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame as Extract<ServerFrame, { type: T }>);
        },
      });
    });
  }

  /** The next frame that passes `test` (call before acting, as with `next`). */
  nextWhere(test: (frame: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`)),
        timeoutMs,
      );
      this.#waiters.push({
        test,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  /**
   * Resolves once every frame the platform sent before answering this call has arrived: it sends
   * a frame of an unknown type and waits for the error frame that names it. Frames are handled in
   * order on one socket, so anything the earlier frames caused (welcome, queued messages) is in.
   * That error frame is not kept in `frames`.
   */
  async sync(timeoutMs = 5000): Promise<void> {
    const ref = `sync-${++this.#syncs}`;
    const answered = this.nextWhere((frame) => frame.type === 'error' && frame.ref === ref, timeoutMs);
    this.send({ type: ref });
    await answered;
    this.frames.splice(
      this.frames.findLastIndex((frame) => frame.type === 'error' && frame.ref === ref),
      1,
    );
  }

  messages(): string[] {
    return this.frames.flatMap((frame) => (frame.type === 'message' ? [frame.message.text] : []));
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** Waits until `check` holds, polling briefly; for state that changes after a socket event. */
export async function eventually<T>(check: () => T | false | undefined | Promise<T | false | undefined>, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  let lastError: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const value = await check();
      if (value !== false && value !== undefined) return value as T;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
}

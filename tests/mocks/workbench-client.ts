import { WebSocket } from 'ws';
import type { ApiErrorPayload, WorkbenchEvent, WsServerFrame } from '../../main/api/contract.ts';

/** A test client of the workbench WebSocket transport: calls, and every event it received. */
export class WsWorkbenchClient {
  readonly events: WorkbenchEvent[] = [];
  readonly socket: WebSocket;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: ApiErrorPayload) => void }>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as WsServerFrame;
      if (frame.type === 'event') this.events.push(frame.event);
      if (frame.type === 'result') this.#pending.get(frame.id)?.resolve(frame.result);
      if (frame.type === 'error' && frame.id !== null) this.#pending.get(frame.id)?.reject(frame.error);
    });
  }

  static async connect(url: string, token: string, origin?: string): Promise<WsWorkbenchClient> {
    const socket = new WebSocket(url, origin ? { origin } : {});
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const ready = new Promise<WsServerFrame>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()) as WsServerFrame)));
    socket.send(JSON.stringify({ type: 'auth', token }));
    const first = await ready;
    if (first.type !== 'ready') throw Object.assign(new Error('not ready'), { frame: first });
    return new WsWorkbenchClient(socket);
  }

  call<T = any>(method: string, params?: unknown): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ type: 'call', id, method, ...(params === undefined ? {} : { params }) }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

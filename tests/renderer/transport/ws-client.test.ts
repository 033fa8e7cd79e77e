import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkbenchEvent, WsClientFrame, WsServerFrame } from '../../../main/api/contract.ts';
import type { ConnectionState } from '../../../renderer/src/transport/connection.ts';
import { createWsClient, type SocketLike } from '../../../renderer/src/transport/ws-client.ts';

/** A socket the test drives: it records what the client sends and plays the server's frames. */
class FakeSocket implements SocketLike {
  readonly sent: WsClientFrame[] = [];
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as WsClientFrame);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.(new Event('open'));
  }
  receive(frame: WsServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  drop(): void {
    this.onclose?.({} as CloseEvent);
  }
}

let sockets: FakeSocket[];
const latest = () => sockets.at(-1)!;

function connect() {
  const states: ConnectionState[] = [];
  const client = createWsClient({
    url: 'ws://127.0.0.1:5173/api/ws',
    token: 'secret',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoff: { initialMs: 100, maxMs: 400 },
  });
  client.onConnection((state) => states.push(state));
  return { client, states };
}

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('createWsClient()', () => {
  it('authenticates first and sends calls only after the server is ready', async () => {
    const { client, states } = connect();
    const pending = client.call('bots.list');
    latest().open();
    expect(latest().sent).toEqual([{ type: 'auth', token: 'secret' }]);
    latest().receive({ type: 'ready' });
    expect(latest().sent[1]).toEqual({ type: 'call', id: 1, method: 'bots.list' });
    latest().receive({ type: 'result', id: 1, result: [] });
    await expect(pending).resolves.toEqual([]);
    expect(states.at(-1)?.status).toBe('connected');
  });

  it('rejects with the error code, message and expected form the server sent', async () => {
    const { client } = connect();
    latest().open();
    latest().receive({ type: 'ready' });
    const pending = client.call('users.transcript', { responsePath: 'nope' });
    latest().receive({
      type: 'error',
      id: 1,
      error: { code: 'BOTBENCH_ERR_RESPONSE_PATH', message: 'responsePath must be …', expected: '{Bot ID}/c/{Channel ID}' },
    });
    await expect(pending).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_RESPONSE_PATH',
      message: 'responsePath must be …',
      expected: '{Bot ID}/c/{Channel ID}',
    });
  });

  it('hands events to every listener', () => {
    const { client } = connect();
    const events: WorkbenchEvent[] = [];
    client.onEvent((event) => events.push(event));
    latest().open();
    latest().receive({ type: 'ready' });
    latest().receive({ type: 'event', event: { type: 'frame', profileId: 'p1', dataUrl: 'data:,' } });
    expect(events).toEqual([{ type: 'frame', profileId: 'p1', dataUrl: 'data:,' }]);
  });

  it('reconnects with growing delays, failing calls in flight and keeping queued ones', async () => {
    const { client, states } = connect();
    latest().open();
    latest().receive({ type: 'ready' });
    const inFlight = client.call('profiles.list');
    latest().drop();
    await expect(inFlight).rejects.toMatchObject({ code: 'BOTBENCH_ERR_DISCONNECTED' });
    expect(states.at(-1)).toMatchObject({ status: 'disconnected', attempt: 1 });

    const queued = client.call('bots.list');
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    latest().open();
    latest().receive({ type: 'ready' });
    const call = latest().sent.find((f) => f.type === 'call');
    expect(call).toMatchObject({ method: 'bots.list' });
    latest().receive({ type: 'result', id: (call as { id: number }).id, result: ['bot'] });
    await expect(queued).resolves.toEqual(['bot']);
    expect(states.at(-1)).toMatchObject({ status: 'connected', attempt: 0 });
  });

  it('stops retrying when the token is refused and says so', async () => {
    const { client, states } = connect();
    latest().open();
    latest().receive({ type: 'error', id: null, error: { code: 'BOTBENCH_ERR_UNAUTHORIZED', message: 'Bad token.' } });
    expect(states.at(-1)).toMatchObject({ status: 'refused', message: 'BOTBENCH_ERR_UNAUTHORIZED: Bad token.' });
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    await expect(client.call('bots.list')).rejects.toMatchObject({ code: 'BOTBENCH_ERR_UNAUTHORIZED' });
  });
});

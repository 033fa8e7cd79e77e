import { describe, expect, it } from 'vitest';
import { connectEvents, createAppStore } from '../../../renderer/src/store/index.ts';
import { FakeClient } from '../../mocks/fake-client.ts';
import { makeBin, makeBinRequest } from '../fixtures.ts';

function setup(client = new FakeClient()) {
  const store = createAppStore(client);
  connectEvents(store);
  return { store, client };
}

describe('the bins slice', () => {
  it('loads the bins and the first one’s requests, newest first', async () => {
    const client = new FakeClient({
      'bins.list': () => [makeBin({ id: 'a', requests: 2 }), makeBin({ id: 'b' })],
      'bins.requests': () => [makeBinRequest(5, { binId: 'a' }), makeBinRequest(4, { binId: 'a' })],
    });
    const { store } = setup(client);
    await store.getState().loadBins();
    expect(store.getState().selectedBinId).toBe('a');
    expect(client.paramsOf('bins.requests')).toEqual([{ id: 'a' }]);
    expect(store.getState().binRequests.map((r) => r.seq)).toEqual([5, 4]);
  });

  it('prepends a captured request of the selected bin only, and counts it for every bin', async () => {
    const client = new FakeClient({ 'bins.requests': () => [makeBinRequest(1, { binId: 'a' })] });
    const { store } = setup(client);
    client.emit({ type: 'bin', bin: makeBin({ id: 'a', requests: 1 }) });
    client.emit({ type: 'bin', bin: makeBin({ id: 'b', requests: 0 }) });
    await store.getState().selectBin('a');

    client.emit({ type: 'binRequest', request: makeBinRequest(2, { binId: 'a', method: 'POST' }) });
    client.emit({ type: 'binRequest', request: makeBinRequest(3, { binId: 'b' }) });
    client.emit({ type: 'binRequest', request: makeBinRequest(2, { binId: 'a', method: 'POST' }) });

    const state = store.getState();
    expect(state.binRequests.map((r) => [r.seq, r.method])).toEqual([
      [2, 'POST'],
      [1, 'GET'],
    ]);
    expect(state.bins.map((b) => [b.id, b.requests])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('replaces a bin on a bin event (its response was edited elsewhere)', () => {
    const { store, client } = setup();
    client.emit({ type: 'bin', bin: makeBin({ id: 'a' }) });
    client.emit({
      type: 'bin',
      bin: makeBin({ id: 'a', response: { status: 503, body: 'down', contentType: 'text/plain', delayMs: 1500, rules: [] } }),
    });
    expect(store.getState().bins).toHaveLength(1);
    expect(store.getState().bins[0]!.response).toEqual({ status: 503, body: 'down', contentType: 'text/plain', delayMs: 1500, rules: [] });
  });

  it('creates a bin with its response and selects it', async () => {
    const client = new FakeClient({
      'bins.create': ({ name, response }) => makeBin({ id: 'new', name, response: { ...makeBin().response, ...response } }),
      'bins.requests': () => [],
    });
    const { store } = setup(client);
    await store.getState().createBin('Slow back end', { status: 202, delayMs: 800 });
    expect(client.paramsOf('bins.create')).toEqual([{ name: 'Slow back end', response: { status: 202, delayMs: 800 } }]);
    expect(store.getState().selectedBinId).toBe('new');
    expect(store.getState().bins[0]!.response.status).toBe(202);
  });
});

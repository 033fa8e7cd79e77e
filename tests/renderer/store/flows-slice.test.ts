import { describe, expect, it, vi } from 'vitest';
import { connectEvents, createAppStore } from '../../../renderer/src/store/index.ts';
import { newFlowKey } from '../../../renderer/src/store/flows-slice.ts';
import { FakeClient } from '../../mocks/fake-client.ts';
import { BOT_ID, makeFlow } from '../fixtures.ts';

function setup(client = new FakeClient()) {
  const store = createAppStore(client);
  connectEvents(store);
  return { store, client };
}

const OTHER_BOT = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describe('the flows slice', () => {
  it('replaces a bot’s whole list on a flows event, leaving other bots’ alone', () => {
    const { store, client } = setup();
    client.emit({ type: 'flows', botId: BOT_ID, flows: [makeFlow({ id: 'a' }), makeFlow({ id: 'b' })] });
    client.emit({ type: 'flows', botId: OTHER_BOT, flows: [makeFlow({ id: 'c', botId: OTHER_BOT })] });
    client.emit({ type: 'flows', botId: BOT_ID, flows: [makeFlow({ id: 'b', name: 'Renamed' })] });
    const { flowsByBot } = store.getState();
    expect(flowsByBot[BOT_ID]!.map((f) => [f.id, f.name])).toEqual([['b', 'Renamed']]);
    expect(flowsByBot[OTHER_BOT]!.map((f) => f.id)).toEqual(['c']);
  });

  it('creates a flow for the bot and adds what main returns at the end of its list', async () => {
    const definition = { name: 'New', enabled: true, trigger: { type: 'conversation' }, actions: [{ type: 'send', text: 'Welcome' }] };
    const client = new FakeClient({ 'flows.create': () => makeFlow({ id: 'new', name: 'New', trigger: { type: 'conversation' } }) });
    const { store } = setup(client);
    store.getState().applyFlows(BOT_ID, [makeFlow({ id: 'a' })]);
    const created = await store.getState().createFlow(BOT_ID, definition);
    expect(client.paramsOf('flows.create')).toEqual([{ botId: BOT_ID, definition }]);
    expect(created?.id).toBe('new');
    expect(store.getState().flowsByBot[BOT_ID]!.map((f) => f.id)).toEqual(['a', 'new']);
  });

  it('updates a flow in place, and turns one off keeping the rest of its definition', async () => {
    const client = new FakeClient({
      'flows.update': ({ id, definition }) => makeFlow({ id, ...(definition as object), updatedAt: 2 }),
    });
    const { store } = setup(client);
    const flow = makeFlow({ id: 'a', name: 'Echo' });
    store.getState().applyFlows(BOT_ID, [flow, makeFlow({ id: 'b' })]);
    await store.getState().setFlowEnabled(flow, false);
    expect(client.paramsOf('flows.update')).toEqual([
      { id: 'a', definition: { name: 'Echo', enabled: false, trigger: flow.trigger, actions: flow.actions } },
    ]);
    expect(store.getState().flowsByBot[BOT_ID]!.map((f) => [f.id, f.enabled])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('deletes a flow, with its unsaved edit and its selection', async () => {
    const client = new FakeClient({ 'flows.delete': ({ id }) => makeFlow({ id }) });
    const { store } = setup(client);
    store.getState().applyFlows(BOT_ID, [makeFlow({ id: 'a' }), makeFlow({ id: 'b' })]);
    store.getState().selectFlow('a');
    store.getState().setFlowEdit('a', { text: '{}', baseUpdatedAt: 1 });
    expect(await store.getState().deleteFlow('a')).toBe(true);
    expect(client.paramsOf('flows.delete')).toEqual([{ id: 'a' }]);
    const state = store.getState();
    expect(state.flowsByBot[BOT_ID]!.map((f) => f.id)).toEqual(['b']);
    expect(state.flowEdits).toEqual({});
    expect(state.selectedFlowKey).toBeNull();
  });

  it('returns an import’s refusal and keeps the flows as they were', async () => {
    const client = new FakeClient().fail('flows.import', {
      code: 'BOTBENCH_ERR_FLOW',
      message: 'flows[1].actions: a flow needs at least one action.',
      field: 'flows[1].actions',
    });
    const { store } = setup(client);
    store.getState().applyFlows(BOT_ID, [makeFlow({ id: 'a' })]);
    const result = await store.getState().importFlows(BOT_ID, [{}, {}]);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'BOTBENCH_ERR_FLOW',
        message: 'flows[1].actions: a flow needs at least one action.',
        expected: undefined,
        field: 'flows[1].actions',
      },
    });
    expect(store.getState().flowsByBot[BOT_ID]!.map((f) => f.id)).toEqual(['a']);
    expect(store.getState().toasts).toEqual([]);
  });

  it('keeps unsaved text by key until it is dropped', () => {
    const { store } = setup();
    store.getState().setFlowEdit(newFlowKey(BOT_ID), { text: '{"name":"x"}', baseUpdatedAt: null });
    expect(store.getState().flowEdits[newFlowKey(BOT_ID)]?.text).toBe('{"name":"x"}');
    store.getState().setFlowEdit(newFlowKey(BOT_ID), null);
    expect(store.getState().flowEdits).toEqual({});
  });

  it('fetches a bot’s flows the first time it is selected, for the sidebar count', async () => {
    const client = new FakeClient({ 'flows.list': ({ botId }) => [makeFlow({ botId })] });
    const { store } = setup(client);
    store.getState().selectBot(OTHER_BOT);
    store.getState().selectBot(BOT_ID);
    await vi.waitFor(() => expect(store.getState().flowsByBot[BOT_ID]).toHaveLength(1));
    store.getState().selectBot(OTHER_BOT);
    store.getState().selectBot(BOT_ID);
    expect(client.paramsOf('flows.list')).toEqual([{ botId: OTHER_BOT }, { botId: BOT_ID }]);
  });
});

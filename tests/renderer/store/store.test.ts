import { describe, expect, it } from 'vitest';
import { applyEvent, connectEvents, createAppStore, loadAll } from '../../../renderer/src/store/index.ts';
import { FakeClient } from '../../mocks/fake-client.ts';
import { BOT_ID, entry, makeBot, makeFlow, makeLogEntry, makeMessage, makeProfile, makeUser, makeWebhookEntry } from '../fixtures.ts';

function setup(client = new FakeClient()) {
  const store = createAppStore(client);
  connectEvents(store);
  return { store, client };
}

describe('the store fed by events', () => {
  it('replaces a profile snapshot by id, keeping the grid order', () => {
    const { store, client } = setup();
    client.emit({ type: 'profile', profile: makeProfile({ id: 'p1', label: 'Same browser' }) });
    client.emit({ type: 'profile', profile: makeProfile({ id: 'p2', label: 'Incognito', kind: 'incognito' }) });
    client.emit({
      type: 'profile',
      profile: makeProfile({
        id: 'p1',
        label: 'Same browser',
        channelId: 'n_new',
        timeline: [entry('opened', 'a'), entry('cleared', 'n_new', { changed: true })],
      }),
    });
    const { profiles } = store.getState();
    expect(profiles.map((p) => [p.id, p.channelId])).toEqual([
      ['p1', 'n_new'],
      ['p2', 'n_QVIUyPr'],
    ]);
    expect(profiles[0]!.timeline).toHaveLength(2);
  });

  it('drops a closed profile and its picture', () => {
    const { store, client } = setup();
    client.emit({ type: 'profile', profile: makeProfile({ id: 'p1' }) });
    client.emit({ type: 'frame', profileId: 'p1', dataUrl: 'data:image/png;base64,AAA' });
    client.emit({ type: 'profile', profile: makeProfile({ id: 'p1', status: 'closed' }) });
    expect(store.getState().profiles).toEqual([]);
    expect(store.getState().frames).toEqual({});
  });

  it('keeps the latest frame of each profile', () => {
    const { store, client } = setup();
    client.emit({ type: 'profile', profile: makeProfile({ id: 'p1' }) });
    client.emit({ type: 'frame', profileId: 'p1', dataUrl: 'data:image/jpeg;base64,ONE' });
    client.emit({ type: 'frame', profileId: 'p1', dataUrl: 'data:image/jpeg;base64,TWO' });
    client.emit({ type: 'frame', profileId: 'unknown', dataUrl: 'data:image/jpeg;base64,X' });
    expect(store.getState().frames).toEqual({ p1: 'data:image/jpeg;base64,TWO' });
  });

  it('prepends a new log entry and places a late one by seq without duplicates', () => {
    const { store, client } = setup();
    client.emit({ type: 'log', entry: makeLogEntry(1) });
    client.emit({ type: 'log', entry: makeLogEntry(3) });
    client.emit({ type: 'log', entry: makeLogEntry(2) });
    client.emit({ type: 'log', entry: makeLogEntry(3) });
    expect(store.getState().log.map((e) => e.seq)).toEqual([3, 2, 1]);
  });

  it('upserts users and bots, and adds a message to the open transcript only', async () => {
    const client = new FakeClient({ 'users.transcript': () => [makeMessage({ id: 'm1', seq: 1 })] });
    const { store } = setup(client);
    client.emit({ type: 'user', user: makeUser({ channelId: 'a', online: 1 }) });
    client.emit({ type: 'user', user: makeUser({ channelId: 'a', online: 0 }) });
    expect(store.getState().users.map((u) => u.online)).toEqual([0]);

    client.emit({ type: 'bot', bot: makeBot({ name: 'First' }) });
    client.emit({ type: 'bot', bot: makeBot({ name: 'Renamed' }) });
    expect(store.getState().bots.map((b) => b.name)).toEqual(['Renamed']);
    expect(store.getState().selectedBotId).toBe(BOT_ID);

    await store.getState().openUser(`${BOT_ID}/c/n_QVIUyPr`);
    client.emit({ type: 'message', message: makeMessage({ id: 'm2', seq: 2, text: 'Live' }) });
    client.emit({ type: 'message', message: makeMessage({ id: 'm3', seq: 3, responsePath: `${BOT_ID}/c/other` }) });
    expect(store.getState().transcript.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('adds a webhook entry to the history once', () => {
    const { store, client } = setup();
    client.emit({ type: 'webhook', entry: makeWebhookEntry({ id: 'w1' }) });
    client.emit({ type: 'webhook', entry: makeWebhookEntry({ id: 'w1' }) });
    client.emit({ type: 'webhook', entry: makeWebhookEntry({ id: 'w2' }) });
    expect(store.getState().webhookHistory.map((e) => e.id)).toEqual(['w2', 'w1']);
  });

  it('routes every event type through applyEvent', () => {
    const store = createAppStore(new FakeClient());
    applyEvent(store.getState(), { type: 'bot', bot: makeBot() });
    expect(store.getState().bots).toHaveLength(1);
  });
});

describe('loadAll()', () => {
  it('loads every screen with one call each, selects the first bot and loads its flows', async () => {
    const client = new FakeClient({
      'bots.list': () => [makeBot()],
      'flows.list': ({ botId }) => [makeFlow({ botId })],
      'profiles.list': () => [makeProfile({ id: 'p1' })],
      'profiles.capture': () => ({ dataUrl: 'data:image/png;base64,FIRST' }),
      'log.query': () => [makeLogEntry(2), makeLogEntry(1)],
      'webhooks.history': () => [makeWebhookEntry({ id: 'old', at: 1 }), makeWebhookEntry({ id: 'new', at: 2 })],
    });
    const { store } = setup(client);
    await loadAll(store);
    const state = store.getState();
    expect(client.calls.map((c) => c.method).sort()).toEqual(
      [
        'bins.list',
        'collections.list',
        'environments.list',
        'bots.list',
        'flows.list',
        'log.query',
        'persons.list',
        'profiles.capture',
        'profiles.list',
        'recording.status',
        'users.list',
        'webhooks.history',
        'workbench.info',
      ].sort(),
    );
    expect(client.paramsOf('flows.list')).toEqual([{ botId: BOT_ID }]);
    expect(state.flowsByBot[BOT_ID]?.map((f) => f.name)).toEqual(['Identity echo']);
    expect(state.info?.mode).toBe('browser');
    expect(state.selectedBotId).toBe(BOT_ID);
    expect(state.frames).toEqual({ p1: 'data:image/png;base64,FIRST' });
    expect(state.log.map((e) => e.seq)).toEqual([2, 1]);
    expect(state.webhookHistory.map((e) => e.id)).toEqual(['new', 'old']);
  });

  it('asks once for the picture of a refused page too, but not of one still opening', async () => {
    const client = new FakeClient({
      'profiles.list': () => [
        makeProfile({
          id: 'p1',
          status: 'error',
          error: 'The platform refused this widget: no',
          refusal: { code: 'BOTBENCH_ERR_IDENTITY', message: 'no' },
        }),
        makeProfile({ id: 'p2', status: 'opening' }),
      ],
      'profiles.capture': ({ id }) => ({ dataUrl: `data:image/png;base64,${id}` }),
    });
    const { store } = setup(client);
    await store.getState().loadProfiles();
    expect(client.paramsOf('profiles.capture')).toEqual([{ id: 'p1' }]);
    expect(store.getState().frames).toEqual({ p1: 'data:image/png;base64,p1' });
  });

  it('asks for no pictures in the desktop app, where pages are embedded live', async () => {
    const client = new FakeClient({ 'profiles.list': () => [makeProfile({ id: 'p1' })] });
    const { store } = setup(client);
    store.setState({ livePages: true });
    await store.getState().loadProfiles();
    expect(store.getState().profiles).toHaveLength(1);
    expect(client.paramsOf('profiles.capture')).toEqual([]);
  });

  it('shows a failed call as a toast with its code and message', async () => {
    const client = new FakeClient().fail('bots.list', { code: 'BOTBENCH_ERR_INTERNAL', message: 'Database is locked.' });
    const { store } = setup(client);
    await loadAll(store);
    expect(store.getState().toasts).toEqual([
      expect.objectContaining({ tone: 'error', code: 'BOTBENCH_ERR_INTERNAL', message: 'Database is locked.' }),
    ]);
  });
});

describe('actions', () => {
  it('loads older log entries before the oldest seq and appends them', async () => {
    const client = new FakeClient({
      'log.query': (params) => (params.before === 5 ? [makeLogEntry(4), makeLogEntry(3)] : [makeLogEntry(6), makeLogEntry(5)]),
    });
    const { store } = setup(client);
    await store.getState().loadLog();
    await store.getState().loadOlderLog();
    expect(client.paramsOf('log.query')[1]).toMatchObject({ before: 5 });
    expect(store.getState().log.map((e) => e.seq)).toEqual([6, 5, 4, 3]);
    expect(store.getState().logReachedEnd).toBe(true);
  });

  it('opens the seed story one profile after the other for the bot', async () => {
    let n = 0;
    const client = new FakeClient({ 'profiles.open': (input) => makeProfile({ id: `p${++n}`, kind: input.kind }) });
    const { store } = setup(client);
    await store.getState().seedStory(BOT_ID);
    expect(client.paramsOf('profiles.open')).toEqual([
      { kind: 'persistent', botId: BOT_ID },
      { kind: 'incognito', botId: BOT_ID },
      { kind: 'other-device', botId: BOT_ID },
      { kind: 'external-id', botId: BOT_ID, externalUserId: 'User123' },
      { kind: 'external-id', botId: BOT_ID, externalUserId: 'User123' },
      { kind: 'metadata', botId: BOT_ID, metadata: { myUserId: '123' } },
    ]);
    expect(store.getState().profiles).toHaveLength(6);
    expect(store.getState().seeding).toBeNull();
  });

  it('runs a pane action once at a time and applies the snapshot it returns', async () => {
    let release: () => void = () => undefined;
    const client = new FakeClient({
      'profiles.restart': ({ id }) => new Promise((resolve) => (release = () => resolve(makeProfile({ id, channelId: 'n_after' })))),
    });
    const { store } = setup(client);
    store.getState().applyProfile(makeProfile({ id: 'p1' }));
    const first = store.getState().runProfileAction('p1', 'restart');
    void store.getState().runProfileAction('p1', 'restart');
    expect(store.getState().profileBusy).toEqual({ p1: 'restart' });
    release();
    await first;
    expect(client.paramsOf('profiles.restart')).toEqual([{ id: 'p1' }]);
    expect(store.getState().profileBusy).toEqual({});
    expect(store.getState().profiles[0]!.channelId).toBe('n_after');
  });
});

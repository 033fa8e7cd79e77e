import { describe, expect, it } from 'vitest';
import type { Person } from '../../../main/api/contract.ts';
import { applyEvent, connectEvents, createAppStore } from '../../../renderer/src/store/index.ts';
import { FakeClient } from '../../mocks/fake-client.ts';
import { makeMessage, makePerson, makeProfile } from '../fixtures.ts';

function setup(client: FakeClient) {
  const store = createAppStore(client);
  connectEvents(store);
  return { store, client };
}

describe('persons slice', () => {
  it('loads people, selects the first, and asks for their identity cells', async () => {
    const client = new FakeClient({ 'persons.list': () => [makePerson()], 'persons.identities': () => [] });
    const { store } = setup(client);
    await store.getState().loadPersons();
    await store.getState().refreshPersonIdentities();
    expect(store.getState().selectedPersonId).toBe('ada');
    expect(client.calls.filter((c) => c.method === 'persons.identities').length).toBeGreaterThanOrEqual(1);
  });

  it('collapses identity refreshes asked for while one is running into one more call', async () => {
    let release!: () => void;
    const client = new FakeClient({
      'persons.identities': () => new Promise((resolve) => (release = () => resolve([]))),
    });
    const { store } = setup(client);
    store.setState({ persons: [makePerson()] });
    const first = store.getState().refreshPersonIdentities();
    for (let i = 0; i < 5; i++) void store.getState().refreshPersonIdentities();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await first;
    expect(client.calls.filter((c) => c.method === 'persons.identities')).toHaveLength(2);
  });

  it('refreshes the cells when a linked profile changes, not for an unrelated one', () => {
    const client = new FakeClient();
    const { store } = setup(client);
    store.setState({ persons: [makePerson()] });
    applyEvent(store.getState(), { type: 'profile', profile: makeProfile({ id: 'unrelated' }) });
    expect(client.calls.filter((c) => c.method === 'persons.identities')).toHaveLength(0);
    applyEvent(store.getState(), { type: 'profile', profile: makeProfile({ id: 'p1' }) });
    expect(client.calls.filter((c) => c.method === 'persons.identities')).toHaveLength(1);
  });

  it('shows the conversation a send landed on, and adds live messages of that path only', async () => {
    const path = `${'a'.repeat(24)}/c/123456789`;
    const client = new FakeClient({
      'persons.send': () => ({ channel: 'telegram', botId: 'a'.repeat(24), channelId: '123456789', responsePath: path, created: true, status: 200 }),
      'users.transcript': () => [makeMessage({ id: 'm1', seq: 1, responsePath: path, direction: 'in', source: 'telegram', text: 'hi' })],
    });
    const { store } = setup(client);
    store.setState({ persons: [makePerson()] });
    await store.getState().sendAsPerson({ personId: 'ada', deviceId: 'phone', channel: 'telegram', botId: 'a'.repeat(24), text: 'hi' });
    applyEvent(store.getState(), {
      type: 'message',
      message: makeMessage({ id: 'm2', seq: 2, responsePath: path, direction: 'out', source: 'bot', text: 'hello' }),
    });
    applyEvent(store.getState(), { type: 'message', message: makeMessage({ id: 'x', seq: 3, responsePath: 'other/c/1', text: 'elsewhere' }) });
    expect(store.getState().personChat?.messages.map((m) => m.text)).toEqual(['hi', 'hello']);
  });

  it('follows the persons event, keeping the selection while that person exists', () => {
    const { store } = setup(new FakeClient());
    const bob: Person = makePerson({ id: 'bob', name: 'Bob' });
    applyEvent(store.getState(), { type: 'persons', persons: [makePerson(), bob] });
    store.getState().selectPerson('bob');
    applyEvent(store.getState(), { type: 'persons', persons: [bob] });
    expect(store.getState().selectedPersonId).toBe('bob');
    applyEvent(store.getState(), { type: 'persons', persons: [makePerson()] });
    expect(store.getState().selectedPersonId).toBe('ada');
  });

  it('fetches the identity cells once for a change applied from its answer and again from the persons event', async () => {
    const renamed = makePerson({ name: 'Ada L.' });
    const client = new FakeClient({ 'persons.update': () => renamed, 'persons.identities': () => [] });
    const { store } = setup(client);
    store.setState({ persons: [makePerson()] });
    await store.getState().updatePerson('ada', { name: 'Ada L.' });
    applyEvent(store.getState(), { type: 'persons', persons: [renamed] });
    expect(store.getState().persons).toEqual([renamed]);
    expect(client.calls.filter((c) => c.method === 'persons.identities')).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../../../main/workspace/types.ts';
import { CollectionStore } from '../../../main/workspace/collections.ts';
import { EnvironmentStore } from '../../../main/workspace/environments.ts';
import type { CollectionItem } from '../../../main/workspace/saved-requests.ts';
import { openWorkspace } from '../../../main/workspace/workspace-db.ts';

const request = (text: string): WebhookRequest => ({ botId: '5852754509ac70000c104b80', responsePath: '', body: `{"text":"${text}"}`, headers: {} });
const names = (items: CollectionItem[]): unknown[] => items.map((i) => (i.kind === 'folder' ? { [i.name]: names(i.items) } : i.name));

describe('CollectionStore', () => {
  const setup = () => {
    const store = new CollectionStore(openWorkspace(null));
    const { id } = store.create('Shop');
    return { store, id };
  };

  it('names requests, groups them in folders, and keeps them in order', () => {
    const { store, id } = setup();
    const folder = store.addFolder(id, null, 'Orders').id;
    store.saveRequest({ collectionId: id, parentId: folder, name: 'Shipped', request: request('s') });
    store.saveRequest({ collectionId: id, parentId: folder, name: 'Paid', request: request('p') });
    store.saveRequest({ collectionId: id, parentId: null, name: 'Ping', request: request('x') });
    expect(names(store.list()[0]!.items)).toEqual([{ Orders: ['Shipped', 'Paid'] }, 'Ping']);
  });

  it('reorders within a folder, moves between folders, and refuses a folder into itself', () => {
    const { store, id } = setup();
    const a = store.addFolder(id, null, 'A').id;
    const b = store.addFolder(id, a, 'B').id;
    const one = store.saveRequest({ collectionId: id, parentId: a, name: '1', request: request('1') }).id;
    store.saveRequest({ collectionId: id, parentId: a, name: '2', request: request('2') });
    store.moveItem(one, a, 5);
    expect(names(store.list()[0]!.items)).toEqual([{ A: [{ B: [] }, '2', '1'] }]);
    store.moveItem(one, null, 0);
    expect(names(store.list()[0]!.items)).toEqual(['1', { A: [{ B: [] }, '2'] }]);
    expect(() => store.moveItem(a, b, 0)).toThrow(/into itself/);
  });

  it('duplicates a request or a whole folder right after the original', () => {
    const { store, id } = setup();
    const folder = store.addFolder(id, null, 'F').id;
    const saved = store.saveRequest({ collectionId: id, parentId: folder, name: 'R', request: request('r') }).id;
    store.saveRequest({ collectionId: id, parentId: null, name: 'Last', request: request('l') });
    store.duplicateItem(saved);
    store.duplicateItem(folder);
    expect(names(store.list()[0]!.items)).toEqual([{ F: ['R', 'R copy'] }, { 'F copy': ['R', 'R copy'] }, 'Last']);
  });

  it('updates a saved request in place, deletes a folder with its contents, and renumbers', () => {
    const { store, id } = setup();
    const folder = store.addFolder(id, null, 'F').id;
    const saved = store.saveRequest({ collectionId: id, parentId: null, name: 'R', request: request('r') }).id;
    store.saveRequest({ collectionId: id, parentId: null, id: saved, name: 'R2', request: request('changed') });
    const item = store.list()[0]!.items[1]!;
    expect(item.kind === 'request' && [item.name, item.request.body]).toEqual(['R2', '{"text":"changed"}']);
    store.deleteItem(folder);
    store.moveItem(saved, null, 0);
    expect(names(store.list()[0]!.items)).toEqual(['R2']);
  });

  it('imports a draft whole and exports it back equal', () => {
    const { store } = setup();
    const draft = {
      name: 'Imported',
      description: 'd',
      items: [{ kind: 'folder' as const, name: 'F', items: [{ kind: 'request' as const, name: 'R', request: request('r') }] }],
    };
    const { id } = store.importDraft(draft);
    expect(store.draftOf(id)).toEqual(draft);
  });

  it('refuses unknown ids with BOTBENCH_ERR_COLLECTION_NOT_FOUND, and a request as a parent', () => {
    const { store, id } = setup();
    const saved = store.saveRequest({ collectionId: id, parentId: null, name: 'R', request: request('r') }).id;
    expect(() => store.addFolder('nope', null, 'x')).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_COLLECTION_NOT_FOUND' }));
    expect(() => store.saveRequest({ collectionId: id, parentId: saved, name: 'x', request: request('x') })).toThrow(/folder of the same collection/);
    expect(() => store.duplicateItem('nope')).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_COLLECTION_NOT_FOUND' }));
  });
});

describe('EnvironmentStore', () => {
  it('keeps named variable sets with secrets marked, and refuses a name defined twice', () => {
    const store = new EnvironmentStore(openWorkspace(null));
    const { id } = store.save({
      name: 'Staging',
      variables: [
        { key: 'userId', value: 'User123', secret: false },
        { key: 'token', value: 's3cret', secret: true },
      ],
    });
    expect(store.list()).toEqual([
      {
        id,
        name: 'Staging',
        variables: [
          { key: 'userId', value: 'User123', secret: false },
          { key: 'token', value: 's3cret', secret: true },
        ],
      },
    ]);
    expect(store.valuesOf(id)).toEqual({ userId: 'User123', token: 's3cret' });
    expect(store.valuesOf(null)).toEqual({});
    expect(() =>
      store.save({
        name: 'x',
        variables: [
          { key: 'a', value: '1', secret: false },
          { key: 'a', value: '2', secret: false },
        ],
      }),
    ).toThrow(/defined twice/);
    expect(() => store.valuesOf('nope')).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_ENVIRONMENT_NOT_FOUND' }));
    store.delete(id);
    expect(store.list()).toEqual([]);
  });
});

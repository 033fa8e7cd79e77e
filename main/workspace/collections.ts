import type { DatabaseSync } from 'node:sqlite';
import { nanoid } from 'nanoid';
import type { WebhookRequest } from './types.ts';
import type { CollectionDraft, CollectionItem, DraftItem, RequestCollection } from './saved-requests.ts';
import { BotbenchError } from '../platform/errors.ts';
import { transaction } from '../platform/storage/database.ts';

/** Bounds that keep a tree drawable and an import cheap to check. */
export const MAX_ITEMS_PER_COLLECTION = 2000;
export const MAX_FOLDER_DEPTH = 8;

interface ItemRow {
  id: string;
  collection_id: string;
  parent_id: string | null;
  position: number;
  kind: 'folder' | 'request';
  name: string;
  request: string | null;
}

/**
 * Saved requests and their collections, in the workbench's own database. Every change runs in
 * one transaction and answers the whole list, so the UI replaces what it shows in one step.
 */
export class CollectionStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  list(): RequestCollection[] {
    const collections = this.#db.prepare('SELECT id, name, description FROM collections ORDER BY position, created_at').all() as unknown as Array<{
      id: string;
      name: string;
      description: string;
    }>;
    const rows = this.#db.prepare('SELECT * FROM collection_items ORDER BY position').all() as unknown as ItemRow[];
    const children = new Map<string, ItemRow[]>();
    for (const row of rows) {
      const key = `${row.collection_id}/${row.parent_id ?? ''}`;
      children.set(key, [...(children.get(key) ?? []), row]);
    }
    const tree = (collectionId: string, parentId: string | null): CollectionItem[] =>
      (children.get(`${collectionId}/${parentId ?? ''}`) ?? []).map((row) =>
        row.kind === 'folder'
          ? { kind: 'folder', id: row.id, name: row.name, items: tree(collectionId, row.id) }
          : { kind: 'request', id: row.id, name: row.name, request: JSON.parse(row.request ?? '{}') as WebhookRequest },
      );
    return collections.map((c) => ({ ...c, items: tree(c.id, null) }));
  }

  create(name: string, description = ''): { collections: RequestCollection[]; id: string } {
    const id = nanoid(10);
    this.#db
      .prepare(
        'INSERT INTO collections (id, position, name, description, created_at) VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM collections), ?, ?, ?)',
      )
      .run(id, name, description, Date.now());
    return { collections: this.list(), id };
  }

  rename(id: string, name: string): RequestCollection[] {
    this.#requireCollection(id);
    this.#db.prepare('UPDATE collections SET name = ? WHERE id = ?').run(name, id);
    return this.list();
  }

  delete(id: string): RequestCollection[] {
    this.#requireCollection(id);
    this.#db.prepare('DELETE FROM collections WHERE id = ?').run(id);
    return this.list();
  }

  addFolder(collectionId: string, parentId: string | null, name: string): { collections: RequestCollection[]; id: string } {
    return transaction(this.#db, () => {
      this.#requireCollection(collectionId);
      this.#requireParent(collectionId, parentId);
      const id = this.#insert(collectionId, parentId, 'folder', name, null);
      return { collections: this.list(), id };
    });
  }

  /** Saves a request: a new one when `id` is absent, otherwise replaces that one's name and request. */
  saveRequest(input: { collectionId: string; parentId: string | null; id?: string | undefined; name: string; request: WebhookRequest }): {
    collections: RequestCollection[];
    id: string;
  } {
    return transaction(this.#db, () => {
      if (input.id !== undefined) {
        const row = this.#requireItem(input.id);
        if (row.kind !== 'request') throw notFound(input.id, 'a saved request');
        this.#db.prepare('UPDATE collection_items SET name = ?, request = ? WHERE id = ?').run(input.name, JSON.stringify(input.request), input.id);
        return { collections: this.list(), id: input.id };
      }
      this.#requireCollection(input.collectionId);
      this.#requireParent(input.collectionId, input.parentId);
      const id = this.#insert(input.collectionId, input.parentId, 'request', input.name, JSON.stringify(input.request));
      return { collections: this.list(), id };
    });
  }

  renameItem(id: string, name: string): RequestCollection[] {
    this.#requireItem(id);
    this.#db.prepare('UPDATE collection_items SET name = ? WHERE id = ?').run(name, id);
    return this.list();
  }

  deleteItem(id: string): RequestCollection[] {
    return transaction(this.#db, () => {
      const row = this.#requireItem(id);
      this.#db.prepare('DELETE FROM collection_items WHERE id = ?').run(id);
      this.#renumber(row.collection_id, row.parent_id);
      return this.list();
    });
  }

  /** Moves an item to `index` among the children of `parentId` (a folder of the same collection, or its top level). */
  moveItem(id: string, parentId: string | null, index: number): RequestCollection[] {
    return transaction(this.#db, () => {
      const row = this.#requireItem(id);
      this.#requireParent(row.collection_id, parentId);
      for (let at: string | null = parentId; at !== null; at = this.#requireItem(at).parent_id) {
        if (at === id) {
          throw new BotbenchError('BOTBENCH_ERR_VALIDATION', 'A folder cannot move into itself or one of its own folders.', {
            expected: 'a parent outside the folder being moved',
            field: 'parentId',
          });
        }
      }
      const siblings = this.#children(row.collection_id, parentId).filter((s) => s.id !== id);
      const place = Math.max(0, Math.min(index, siblings.length));
      siblings.splice(place, 0, row);
      const update = this.#db.prepare('UPDATE collection_items SET parent_id = ?, position = ? WHERE id = ?');
      siblings.forEach((s, position) => update.run(parentId, position, s.id));
      if (row.parent_id !== parentId) this.#renumber(row.collection_id, row.parent_id);
      return this.list();
    });
  }

  /** Copies a request or a whole folder right after itself, named "… copy". */
  duplicateItem(id: string): { collections: RequestCollection[]; id: string } {
    return transaction(this.#db, () => {
      const row = this.#requireItem(id);
      const copy = (source: ItemRow, parentId: string | null, name: string): string => {
        const newId = this.#insert(source.collection_id, parentId, source.kind, name, source.request);
        for (const child of this.#children(source.collection_id, source.id)) copy(child, newId, child.name);
        return newId;
      };
      const newId = copy(row, row.parent_id, `${row.name} copy`);
      // Right after the original, not at the end.
      const siblings = this.#children(row.collection_id, row.parent_id).filter((s) => s.id !== newId);
      siblings.splice(siblings.findIndex((s) => s.id === id) + 1, 0, this.#requireItem(newId));
      const update = this.#db.prepare('UPDATE collection_items SET position = ? WHERE id = ?');
      siblings.forEach((s, position) => update.run(position, s.id));
      return { collections: this.list(), id: newId };
    });
  }

  /** Adds a whole imported collection in one transaction: all of it, or nothing. */
  importDraft(draft: CollectionDraft): { collections: RequestCollection[]; id: string } {
    return transaction(this.#db, () => {
      const { id } = this.create(draft.name, draft.description);
      const add = (items: DraftItem[], parentId: string | null): void => {
        for (const item of items) {
          if (item.kind === 'folder') add(item.items, this.#insert(id, parentId, 'folder', item.name, null));
          else this.#insert(id, parentId, 'request', item.name, JSON.stringify(item.request));
        }
      };
      add(draft.items, null);
      return { collections: this.list(), id };
    });
  }

  /** The collection without its ids, to export. */
  draftOf(id: string): CollectionDraft {
    const collection = this.list().find((c) => c.id === id);
    if (!collection) throw notFound(id, 'a collection');
    const strip = (items: CollectionItem[]): DraftItem[] =>
      items.map((item) =>
        item.kind === 'folder'
          ? { kind: 'folder', name: item.name, items: strip(item.items) }
          : { kind: 'request', name: item.name, request: item.request },
      );
    return { name: collection.name, description: collection.description, items: strip(collection.items) };
  }

  #insert(collectionId: string, parentId: string | null, kind: 'folder' | 'request', name: string, request: string | null): string {
    const count = (this.#db.prepare('SELECT count(*) AS n FROM collection_items WHERE collection_id = ?').get(collectionId) as { n: number }).n;
    if (count >= MAX_ITEMS_PER_COLLECTION) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `A collection holds at most ${MAX_ITEMS_PER_COLLECTION} folders and requests.`, {
        expected: `at most ${MAX_ITEMS_PER_COLLECTION} items per collection`,
      });
    }
    const id = nanoid(10);
    const position = this.#children(collectionId, parentId).length;
    this.#db
      .prepare('INSERT INTO collection_items (id, collection_id, parent_id, position, kind, name, request) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, collectionId, parentId, position, kind, name, request);
    return id;
  }

  #children(collectionId: string, parentId: string | null): ItemRow[] {
    return this.#db
      .prepare('SELECT * FROM collection_items WHERE collection_id = ? AND parent_id IS ? ORDER BY position')
      .all(collectionId, parentId) as unknown as ItemRow[];
  }

  #renumber(collectionId: string, parentId: string | null): void {
    const update = this.#db.prepare('UPDATE collection_items SET position = ? WHERE id = ?');
    this.#children(collectionId, parentId).forEach((s, position) => update.run(position, s.id));
  }

  #requireCollection(id: string): void {
    if (!this.#db.prepare('SELECT 1 FROM collections WHERE id = ?').get(id)) throw notFound(id, 'a collection');
  }

  #requireItem(id: string): ItemRow {
    const row = this.#db.prepare('SELECT * FROM collection_items WHERE id = ?').get(id) as ItemRow | undefined;
    if (!row) throw notFound(id, 'a folder or saved request');
    return row;
  }

  #requireParent(collectionId: string, parentId: string | null): void {
    if (parentId === null) return;
    const row = this.#requireItem(parentId);
    if (row.kind !== 'folder' || row.collection_id !== collectionId) throw notFound(parentId, 'a folder of the same collection');
    let depth = 1;
    for (let at = row.parent_id; at !== null; at = this.#requireItem(at).parent_id) depth++;
    if (depth >= MAX_FOLDER_DEPTH) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `Folders nest at most ${MAX_FOLDER_DEPTH} deep.`, {
        expected: `a folder at most ${MAX_FOLDER_DEPTH - 1} levels down`,
        field: 'parentId',
      });
    }
  }
}

function notFound(id: string, what: string): BotbenchError {
  return new BotbenchError('BOTBENCH_ERR_COLLECTION_NOT_FOUND', `No ${what.replace(/^an? /, '')} has id ${JSON.stringify(id)}.`, {
    expected: `the id of ${what} (collections.list)`,
  });
}

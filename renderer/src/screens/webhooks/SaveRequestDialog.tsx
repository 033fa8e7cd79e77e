import { useState } from 'react';
import type { CollectionItem, RequestCollection } from '../../../../main/api/contract.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useApp } from '../../store/context.tsx';
import { NameField } from './NameField.tsx';

/** Every folder of a collection, indented by depth, for a <select>. */
export function foldersOf(items: CollectionItem[], depth = 1): Array<{ id: string; label: string }> {
  return items.flatMap((item) =>
    item.kind === 'folder' ? [{ id: item.id, label: `${'\u00a0\u00a0'.repeat(depth)}${item.name}` }, ...foldersOf(item.items, depth + 1)] : [],
  );
}

/** Names the composer's request and puts it in a collection (a new one if none exists yet) and folder. */
export function SaveRequestDialog({ onClose }: { onClose: () => void }) {
  const collections = useApp((s) => s.collections);
  const saved = useApp((s) => s.webhookDraft.saved);
  const saveDraftAs = useApp((s) => s.saveDraftAs);
  const createCollection = useApp((s) => s.createCollection);
  const [name, setName] = useState(saved ? `${saved.name} copy` : '');
  // null until chosen: the first collection (also when the list arrives after opening), '' for a new one.
  const [chosen, setCollectionId] = useState<string | null>(saved?.collectionId ?? null);
  const collectionId = chosen ?? collections[0]?.id ?? '';
  const [newCollection, setNewCollection] = useState('My webhooks');
  const [parentId, setParentId] = useState('');
  const collection: RequestCollection | undefined = collections.find((c) => c.id === collectionId);
  const creating = collectionId === '';

  const submit = async () => {
    let target = collectionId;
    if (creating) {
      const id = await createCollection(newCollection.trim());
      if (!id) return;
      target = id;
    }
    if (await saveDraftAs({ collectionId: target, parentId: creating || parentId === '' ? null : parentId, name: name.trim() })) onClose();
  };

  return (
    <Dialog title="Save request" onClose={onClose} testId="save-request-dialog">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <NameField testId="save-request-name" value={name} placeholder="e.g. Order shipped" onChange={setName} />
        <label className="field">
          <span className="field-label">Collection</span>
          <select data-testid="save-request-collection" value={collectionId} onChange={(e) => (setCollectionId(e.target.value), setParentId(''))}>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value="">New collection…</option>
          </select>
        </label>
        {creating ? (
          <label className="field">
            <span className="field-label">New collection’s name</span>
            <input data-testid="save-request-new-collection" value={newCollection} onChange={(e) => setNewCollection(e.target.value)} />
          </label>
        ) : (
          <label className="field">
            <span className="field-label">Folder</span>
            <select data-testid="save-request-folder" value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">(top level)</option>
              {foldersOf(collection?.items ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="save-request-submit"
            disabled={name.trim() === '' || (creating && newCollection.trim() === '')}
          >
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}

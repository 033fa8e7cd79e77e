import { useState } from 'react';
import type { CollectionItem, RequestCollection } from '../../../../main/api/contract.ts';
import { ChevronIcon, CopyIcon, DownloadIcon, PlusIcon, TrashIcon, UploadIcon } from '../../components/icons.tsx';
import { CreateByNameForm } from '../../components/CreateByNameForm.tsx';
import { useApp } from '../../store/context.tsx';
import { ImportDialog } from './ImportDialog.tsx';

/** Saved requests: collections of folders and requests, reordered in place, exported as Postman v2.1 (Botbench's, beyond Flow XO). */
export function CollectionsPanel() {
  const collections = useApp((s) => s.collections);
  const createCollection = useApp((s) => s.createCollection);
  const [importing, setImporting] = useState(false);
  return (
    <section className="collections-panel" aria-label="Saved requests" data-testid="collections-panel">
      <h2 className="section-title">Collections</h2>
      <CreateByNameForm
        label="Create a collection"
        fieldLabel="Collection name"
        placeholder="New collection"
        maxLength={120}
        submit={<PlusIcon />}
        submitLabel="Create collection"
        buttonClassName="icon-btn"
        nameTestId="collection-new-name"
        onCreate={async (name) => (await createCollection(name)) !== null}
      />
      <button type="button" className="btn btn-small" data-testid="collections-import" onClick={() => setImporting(true)}>
        <UploadIcon /> Import Postman / HAR
      </button>
      {collections.length === 0 ? <p className="muted small">Save a request from the composer to start a collection.</p> : null}
      {collections.map((c) => (
        <CollectionView key={c.id} collection={c} />
      ))}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </section>
  );
}

function CollectionView({ collection }: { collection: RequestCollection }) {
  const exportCollection = useApp((s) => s.exportCollection);
  const deleteCollection = useApp((s) => s.deleteCollection);
  const addFolder = useApp((s) => s.addFolder);
  const [open, setOpen] = useState(true);
  const [folder, setFolder] = useState<string | null>(null);
  return (
    <div className="collection" data-testid="collection" data-name={collection.name}>
      <div className="collection-head">
        <button
          type="button"
          className="icon-btn"
          aria-expanded={open}
          aria-label={`${open ? 'Collapse' : 'Expand'} ${collection.name}`}
          onClick={() => setOpen(!open)}
        >
          <ChevronIcon open={open} />
        </button>
        <strong className="ellipsis">{collection.name}</strong>
        <span className="collection-actions">
          <button type="button" className="icon-btn" aria-label={`New folder in ${collection.name}`} title="New folder" onClick={() => setFolder('')}>
            <PlusIcon />
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={`Export ${collection.name} as Postman Collection v2.1`}
            title="Export (Postman v2.1)"
            data-testid="collection-export"
            onClick={() => void exportCollection(collection.id)}
          >
            <DownloadIcon />
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={`Delete ${collection.name}`}
            title="Delete collection"
            onClick={() => void deleteCollection(collection.id)}
          >
            <TrashIcon />
          </button>
        </span>
      </div>
      {folder !== null ? (
        <form
          className="input-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (folder.trim()) void addFolder(collection.id, null, folder.trim()).then(() => setFolder(null));
          }}
        >
          <input
            aria-label="Folder name"
            autoFocus
            placeholder="Folder name"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setFolder(null)}
          />
          <button type="submit" className="btn btn-small" disabled={!folder.trim()}>
            Add
          </button>
        </form>
      ) : null}
      {open ? <ItemList collectionId={collection.id} items={collection.items} parentId={null} /> : null}
    </div>
  );
}

function ItemList({ collectionId, items, parentId }: { collectionId: string; items: CollectionItem[]; parentId: string | null }) {
  if (items.length === 0) return <p className="muted small tree-empty">Empty</p>;
  return (
    <ul className="tree" role="list">
      {items.map((item, index) => (
        <TreeItem key={item.id} collectionId={collectionId} item={item} index={index} count={items.length} parentId={parentId} />
      ))}
    </ul>
  );
}

function TreeItem({
  collectionId,
  item,
  index,
  count,
  parentId,
}: {
  collectionId: string;
  item: CollectionItem;
  index: number;
  count: number;
  parentId: string | null;
}) {
  const open = useApp((s) => s.openSavedRequest);
  const move = useApp((s) => s.moveItem);
  const duplicate = useApp((s) => s.duplicateItem);
  const remove = useApp((s) => s.deleteItem);
  const current = useApp((s) => s.webhookDraft.saved?.id === item.id);
  return (
    <li className={`tree-item${current ? ' current' : ''}`} data-testid="collection-item" data-kind={item.kind} data-name={item.name}>
      <div className="tree-row">
        {item.kind === 'request' ? (
          <button
            type="button"
            className="tree-open"
            aria-current={current}
            data-testid="collection-item-open"
            onClick={() => open(collectionId, item)}
          >
            <span className="badge method">{item.request.method ?? 'POST'}</span>
            <span className="ellipsis">{item.name}</span>
          </button>
        ) : (
          <span className="tree-folder ellipsis">📁 {item.name}</span>
        )}
        <span className="tree-actions">
          <button
            type="button"
            className="icon-btn"
            aria-label={`Move ${item.name} up`}
            disabled={index === 0}
            onClick={() => void move(item.id, parentId, index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={`Move ${item.name} down`}
            disabled={index === count - 1}
            onClick={() => void move(item.id, parentId, index + 1)}
          >
            ↓
          </button>
          <button type="button" className="icon-btn" aria-label={`Duplicate ${item.name}`} onClick={() => void duplicate(item.id)}>
            <CopyIcon />
          </button>
          <button type="button" className="icon-btn" aria-label={`Delete ${item.name}`} onClick={() => void remove(item.id)}>
            <TrashIcon />
          </button>
        </span>
      </div>
      {item.kind === 'folder' ? <ItemList collectionId={collectionId} items={item.items} parentId={item.id} /> : null}
    </li>
  );
}

import { useState } from 'react';
import type { DraftItem, CollectionImportPreview } from '../../../../main/api/contract.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { toApiError, type ApiError } from '../../transport/api-error.ts';
import { useApp } from '../../store/context.tsx';

/**
 * Imports a Postman Collection v2.1 or a HAR 1.2 as a new collection: first a preview (what
 * would be added, what cannot be carried over), then all of it or nothing.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const previewImport = useApp((s) => s.previewCollectionImport);
  const importCollection = useApp((s) => s.importCollection);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<CollectionImportPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const check = async (content: string) => {
    setPreview(null);
    setError(null);
    try {
      setPreview(await previewImport(content));
    } catch (failure) {
      setError(toApiError(failure));
    }
  };

  return (
    <Dialog title="Import a collection" onClose={onClose} testId="import-dialog" wide>
      <div className="dialog-form">
        <label className="field">
          <span className="field-label">Postman Collection v2.1 (.json) or HAR 1.2 (.har) file</span>
          <input
            type="file"
            accept=".json,.har,application/json"
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              void file.text().then((content) => {
                setText(content);
                return check(content);
              });
            }}
          />
        </label>
        <label className="field">
          <span className="field-label">…or paste its text</span>
          <textarea
            className="mono"
            rows={5}
            data-testid="import-text"
            spellCheck={false}
            value={text}
            onChange={(e) => (setText(e.target.value), setFileName(null))}
          />
        </label>
        <div className="form-actions">
          <button type="button" className="btn" data-testid="import-preview" disabled={text.trim() === ''} onClick={() => void check(text)}>
            Preview
          </button>
        </div>
        {error ? <ApiErrorAlert error={error} testId="import-error" /> : null}
        {preview ? (
          <section className="import-preview" data-testid="import-preview-result" aria-label="What the import adds">
            <p>
              <strong>{preview.draft.name}</strong> ({preview.format === 'har-1.2' ? 'HAR 1.2' : 'Postman Collection v2.1'}
              {fileName ? `, ${fileName}` : ''}): {preview.requests} request{preview.requests === 1 ? '' : 's'}
              {preview.folders > 0 ? ` in ${preview.folders} folder${preview.folders === 1 ? '' : 's'}` : ''}.
            </p>
            <PreviewTree items={preview.draft.items} />
            {preview.warnings.length > 0 ? (
              <>
                <p className="check check-warn">Not carried over:</p>
                <ul className="import-warnings" data-testid="import-warnings">
                  {preview.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="import-submit"
            disabled={!preview}
            onClick={() => {
              void importCollection(text).then((ok) => ok && onClose());
            }}
          >
            Import
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function PreviewTree({ items }: { items: DraftItem[] }) {
  return (
    <ul className="preview-tree">
      {items.map((item, i) =>
        item.kind === 'folder' ? (
          <li key={i}>
            📁 {item.name}
            <PreviewTree items={item.items} />
          </li>
        ) : (
          <li key={i}>
            <span className="badge method">{item.request.method ?? 'POST'}</span> {item.name}
          </li>
        ),
      )}
    </ul>
  );
}

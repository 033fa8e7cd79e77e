import { useState } from 'react';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { toApiError, type ApiError } from '../../transport/api-error.ts';
import { useApp } from '../../store/context.tsx';

/** Paste a cURL command (from logs, Flow XO's docs, Postman's "Copy as cURL"): it fills the composer. */
export function CurlDialog({ onClose }: { onClose: () => void }) {
  const importCurl = useApp((s) => s.importCurl);
  const [command, setCommand] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const found = await importCurl(command);
      if (found.length === 0) onClose();
      else setWarnings(found);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Paste a cURL command" onClose={onClose} testId="curl-dialog" wide>
      {warnings ? (
        <>
          <p className="check check-ok" role="status">
            ✓ The composer is filled in. Some parts could not be carried over:
          </p>
          <ul className="import-warnings" data-testid="curl-warnings">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form
          className="dialog-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field">
            <span className="field-label">cURL command</span>
            <textarea
              className="mono"
              rows={8}
              data-testid="curl-input"
              spellCheck={false}
              placeholder={`curl -X POST 'http://127.0.0.1:…/hooks/…' -H 'Content-Type: application/json' --data-raw '{"response_path":"…","text":"Hi"}'`}
              value={command}
              aria-invalid={error !== null}
              aria-describedby={error ? 'curl-error' : undefined}
              onChange={(e) => setCommand(e.target.value)}
            />
          </label>
          {error ? (
            <ApiErrorAlert error={error} testId="curl-error" id="curl-error" />
          ) : (
            <p className="muted small">
              Method, URL, headers and body are filled in. A URL of your bot’s webhook is kept; a production URL is replaced by the target bot’s.
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" data-testid="curl-import" disabled={busy || command.trim() === ''}>
              Fill the composer
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

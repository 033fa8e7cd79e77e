import { useState } from 'react';
import type { OpenProfileInput } from '../../../../main/api/contract.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { DEFAULT_EXTERNAL_USER_ID, DEFAULT_METADATA_JSON } from '../../lib/kinds.ts';
import { CHANNEL_ID_EXPECTED, isChannelId } from '../../lib/response-path.ts';
import { parseMetadata } from './open-profile-input.ts';

/** Asks for what an external-id or metadata profile needs, with the seed article's defaults filled in. */
export function OpenProfileDialog({
  kind,
  botId,
  onOpen,
  onClose,
}: {
  kind: 'external-id' | 'metadata';
  botId: string;
  onOpen: (input: OpenProfileInput) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(kind === 'external-id' ? DEFAULT_EXTERNAL_USER_ID : DEFAULT_METADATA_JSON);
  const [label, setLabel] = useState('');
  const metadata = kind === 'metadata' ? parseMetadata(value) : null;
  const problem =
    kind === 'external-id'
      ? isChannelId(value.trim())
        ? null
        : `An external user ID is ${CHANNEL_ID_EXPECTED}.`
      : metadata && !metadata.ok
        ? metadata.reason
        : null;
  const submit = () => {
    if (problem) return;
    const common = { botId, ...(label.trim() ? { label: label.trim() } : {}) };
    if (kind === 'external-id') onOpen({ kind, ...common, externalUserId: value.trim() });
    else if (metadata?.ok) onOpen({ kind, ...common, metadata: metadata.value });
  };
  return (
    <Dialog title={kind === 'external-id' ? 'Open an External ID profile' : 'Open a Metadata profile'} onClose={onClose} testId="open-profile-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span className="field-label">
            {kind === 'external-id' ? 'External user ID (what the site passes to setConfig)' : 'Metadata (JSON object)'}
          </span>
          {kind === 'external-id' ? (
            <input
              className="mono"
              data-testid="open-profile-value"
              value={value}
              autoFocus
              onFocus={(e) => e.currentTarget.select()}
              onChange={(e) => setValue(e.target.value)}
            />
          ) : (
            <textarea
              className="mono"
              data-testid="open-profile-value"
              rows={4}
              value={value}
              autoFocus
              onChange={(e) => setValue(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  submit();
                }
              }}
            />
          )}
        </label>
        {problem ? (
          <p className="check check-bad" role="alert">
            {problem}
          </p>
        ) : null}
        <label className="field">
          <span className="field-label">Label (optional)</span>
          <input value={label} maxLength={60} placeholder="e.g. Laptop of User123" onChange={(e) => setLabel(e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="open-profile-submit" disabled={problem !== null}>
            Open profile
          </button>
        </div>
      </form>
    </Dialog>
  );
}

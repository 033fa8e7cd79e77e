import { useState } from 'react';
import type { OpenProfileInput } from '../../../../main/api/contract.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { DEFAULT_EXTERNAL_USER_ID, DEFAULT_METADATA_JSON, KIND_INFO, type PromptedKind } from '../../lib/kinds.ts';
import { CHANNEL_ID_EXPECTED, isChannelId } from '../../lib/response-path.ts';
import { parseMetadata } from './open-profile-input.ts';

/** What the ID field is for, per kind that takes an external user ID. */
const ID_FIELD: Record<Exclude<PromptedKind, 'metadata'>, { label: string; placeholder: string }> = {
  'external-id': { label: 'External user ID (what the site passes to setConfig)', placeholder: 'e.g. Laptop of User123' },
  impersonator: { label: 'External user ID to claim (set without a userHash)', placeholder: 'e.g. Attacker as User123' },
  login: { label: 'External user ID the page logs in as (signed by its server)', placeholder: 'e.g. Logs in as User123' },
};

/** Asks for what a profile kind needs (an external user ID, or metadata), with the seed article's defaults filled in. */
export function OpenProfileDialog({
  kind,
  botId,
  onOpen,
  onClose,
}: {
  kind: PromptedKind;
  botId: string;
  onOpen: (input: OpenProfileInput) => void;
  onClose: () => void;
}) {
  const idField = kind === 'metadata' ? null : ID_FIELD[kind];
  const [value, setValue] = useState(idField ? DEFAULT_EXTERNAL_USER_ID : DEFAULT_METADATA_JSON);
  const [label, setLabel] = useState('');
  const metadata = kind === 'metadata' ? parseMetadata(value) : null;
  const problem = idField
    ? isChannelId(value.trim())
      ? null
      : `An external user ID is ${CHANNEL_ID_EXPECTED}.`
    : metadata && !metadata.ok
      ? metadata.reason
      : null;
  const submit = () => {
    if (problem) return;
    const common = { botId, ...(label.trim() ? { label: label.trim() } : {}) };
    if (kind !== 'metadata') onOpen({ kind, ...common, externalUserId: value.trim() });
    else if (metadata?.ok) onOpen({ kind, ...common, metadata: metadata.value });
  };
  const name = KIND_INFO[kind].name;
  return (
    <Dialog title={`Open ${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} profile`} onClose={onClose} testId="open-profile-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span className="field-label">{idField ? idField.label : 'Metadata (JSON object)'}</span>
          {idField ? (
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
          <input
            value={label}
            maxLength={60}
            placeholder={idField?.placeholder ?? 'e.g. Laptop of User123'}
            onChange={(e) => setLabel(e.target.value)}
          />
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

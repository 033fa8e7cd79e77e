import { useState } from 'react';
import type { Environment, EnvironmentVariable } from '../../../../main/api/contract.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { CloseIcon, PlusIcon, TrashIcon } from '../../components/icons.tsx';
import type { ApiError } from '../../transport/api-error.ts';
import { useApp } from '../../store/context.tsx';
import { NameField } from './NameField.tsx';

interface Row extends EnvironmentVariable {
  id: number;
  /** A secret's value is shown while this is on. */
  revealed: boolean;
}

let nextRow = 1;
const row = (v: Partial<EnvironmentVariable> = {}): Row => ({ id: nextRow++, key: '', value: '', secret: false, revealed: false, ...v });

/**
 * Named sets of variables ({{userId}}, {{orderId}}, …) the composer fills in when one is selected
 * for a send. A secret is masked here and in the composer, and still sent as it is.
 */
export function EnvironmentsDialog({ onClose }: { onClose: () => void }) {
  const environments = useApp((s) => s.environments);
  const selectedId = useApp((s) => s.selectedEnvironmentId);
  const [chosen, setEditing] = useState<string | null>(selectedId);
  // Until one is chosen: the first, also when the list arrives after the dialog opened.
  const editing = chosen ?? environments[0]?.id ?? null;
  const current = environments.find((e) => e.id === editing);
  return (
    <Dialog title="Environments" onClose={onClose} testId="environments-dialog" wide>
      <div className="environments">
        <nav aria-label="Environments" className="environment-list">
          <ul>
            {environments.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className={`btn btn-small btn-quiet${e.id === editing ? ' active' : ''}`}
                  aria-current={e.id === editing}
                  onClick={() => setEditing(e.id)}
                >
                  {e.name}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-small" data-testid="environment-new" onClick={() => setEditing('')}>
            <PlusIcon /> New environment
          </button>
        </nav>
        {editing === null ? (
          <p className="muted">No environment yet. Make one to keep values like a user ID or a token per setup.</p>
        ) : (
          <EnvironmentEditor key={editing || 'new'} environment={current} onSaved={(id) => setEditing(id)} onDeleted={() => setEditing(null)} />
        )}
      </div>
    </Dialog>
  );
}

function EnvironmentEditor({
  environment,
  onSaved,
  onDeleted,
}: {
  environment: Environment | undefined;
  onSaved: (id: string) => void;
  onDeleted: () => void;
}) {
  const save = useApp((s) => s.saveEnvironment);
  const remove = useApp((s) => s.deleteEnvironment);
  const [name, setName] = useState(environment?.name ?? '');
  const [rows, setRows] = useState<Row[]>(() => [...(environment?.variables ?? []).map((v) => row(v)), row()]);
  const [error, setError] = useState<ApiError | null>(null);
  const update = (id: number, change: Partial<Row>) => setRows((list) => list.map((r) => (r.id === id ? { ...r, ...change } : r)));

  const submit = async () => {
    const variables = rows.filter((r) => r.key.trim() !== '').map((r) => ({ key: r.key.trim(), value: r.value, secret: r.secret }));
    const result = await save({ ...(environment ? { id: environment.id } : {}), name: name.trim(), variables });
    if ('error' in result) setError(result.error);
    else {
      setError(null);
      onSaved(result.id);
    }
  };

  return (
    <form
      className="environment-editor"
      data-testid="environment-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <NameField testId="environment-name" value={name} placeholder="e.g. Staging" onChange={setName} />
      <fieldset className="field headers">
        <legend className="field-label">Variables</legend>
        {rows.map((r, i) => (
          <div className="variable-row" key={r.id}>
            <input
              className="mono"
              aria-label={`Variable ${i + 1} name`}
              placeholder="userId"
              value={r.key}
              onChange={(e) => update(r.id, { key: e.target.value })}
            />
            <input
              className="mono"
              aria-label={`Variable ${i + 1} value`}
              type={r.secret && !r.revealed ? 'password' : 'text'}
              autoComplete="off"
              value={r.value}
              onChange={(e) => update(r.id, { value: e.target.value })}
            />
            <label className="check-label small">
              <input
                type="checkbox"
                checked={r.secret}
                aria-label={`Variable ${i + 1} is a secret`}
                onChange={(e) => update(r.id, { secret: e.target.checked, revealed: false })}
              />{' '}
              secret
            </label>
            {r.secret ? (
              <button
                type="button"
                className="btn btn-small btn-quiet"
                aria-pressed={r.revealed}
                onClick={() => update(r.id, { revealed: !r.revealed })}
              >
                {r.revealed ? 'Hide' : 'Show'}
              </button>
            ) : (
              <span />
            )}
            <button
              type="button"
              className="icon-btn"
              aria-label={`Remove variable ${i + 1}`}
              onClick={() => setRows((list) => (list.length > 1 ? list.filter((x) => x.id !== r.id) : [row()]))}
            >
              <CloseIcon />
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setRows((list) => [...list, row()])}>
          <PlusIcon /> Add variable
        </button>
      </fieldset>
      {error ? <ApiErrorAlert error={error} testId="environment-error" /> : null}
      <div className="form-actions">
        {environment ? (
          <button
            type="button"
            className="btn btn-quiet danger"
            onClick={() => {
              void remove(environment.id).then(onDeleted);
            }}
          >
            <TrashIcon /> Delete
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" data-testid="environment-save" disabled={name.trim() === ''}>
          Save environment
        </button>
      </div>
    </form>
  );
}

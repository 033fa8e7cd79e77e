import { useEffect, useRef, useState } from 'react';
import type { ConflictPolicy, ImportPreview } from '../../../../main/api/contract.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useApp } from '../../store/context.tsx';

const OPTIONS = [
  { key: 'transcripts', label: 'Users and transcripts' },
  { key: 'log', label: 'Interaction log' },
  { key: 'webhookHistory', label: 'Webhook history' },
  { key: 'secrets', label: 'Secrets (webhook, identity, channel)' },
] as const;

type Choice = Record<(typeof OPTIONS)[number]['key'], boolean>;

/** One file for a colleague: export the workspace, or import one with a preview first. */
export function WorkspacePanel() {
  const exportWorkspace = useApp((s) => s.exportWorkspace);
  const [choice, setChoice] = useState<Choice>({ transcripts: false, log: false, webhookHistory: false, secrets: false });
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="card form workspace-panel" aria-labelledby="workspace-panel-title" data-testid="workspace-panel">
      <h3 id="workspace-panel-title" className="section-title">
        Workspace file
      </h3>
      <p className="small muted">Bots with their settings and flows, request bins and people, in one file to hand to a colleague.</p>
      <fieldset className="workspace-options">
        <legend className="small">Also include</legend>
        {OPTIONS.map(({ key, label }) => (
          <label key={key} className="small">
            <input
              type="checkbox"
              data-testid={`workspace-include-${key}`}
              checked={choice[key]}
              onChange={(e) => setChoice((c) => ({ ...c, [key]: e.target.checked }))}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      {choice.secrets ? (
        <p className="small warn-text" role="note" data-testid="workspace-secrets-warning">
          Anyone with this file can sign webhooks and identities as these bots. Keep it private.
        </p>
      ) : null}
      <div className="input-row">
        <button type="button" className="btn" data-testid="workspace-export" onClick={() => void exportWorkspace(choice)}>
          Export…
        </button>
        <button type="button" className="btn" data-testid="workspace-import" onClick={() => input.current?.click()}>
          Import…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,.yaml,.yml"
          hidden
          data-testid="workspace-file"
          onChange={async (e) => {
            const picked = e.target.files?.[0];
            if (picked) setFile({ name: picked.name, text: await picked.text() });
            e.target.value = '';
          }}
        />
      </div>
      {file ? <ImportDialog file={file} onClose={() => setFile(null)} /> : null}
    </section>
  );
}

const ACTION_LABEL = { add: 'Add', replace: 'Replace', skip: 'Skip' } as const;

/** The preview: what the file adds, replaces or skips, with the choice for Bot IDs already here. */
function ImportDialog({ file, onClose }: { file: { name: string; text: string }; onClose: () => void }) {
  const preview = useApp((s) => s.previewWorkspaceImport);
  const run = useApp((s) => s.importWorkspace);
  const [onConflict, setOnConflict] = useState<ConflictPolicy>('skip');
  const [shown, setShown] = useState<{ policy: ConflictPolicy; preview: ImportPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const close = useRef(onClose);
  close.current = onClose;
  // The preview again for each choice: what is added, replaced or skipped depends on it. A refused file closes the dialog (the reason is a toast).
  useEffect(() => {
    let live = true;
    void preview(file.name, file.text, onConflict).then((result) => {
      if (!live) return;
      if (result === null) close.current();
      else setShown({ policy: onConflict, preview: result });
    });
    return () => {
      live = false;
    };
  }, [file.name, file.text, onConflict, preview]);
  const rows = shown?.preview
    ? [
        ...shown.preview.bots.map((b) => ({
          key: `bot-${b.botId}`,
          what: 'Bot',
          name: `${b.name} (${b.botId})`,
          detail: `${b.flows} flows${b.users ? `, ${b.users} users, ${b.messages} messages` : ''}${b.secrets ? ', secrets' : ''}`,
          action: b.action,
        })),
        ...shown.preview.bins.map((b) => ({ key: `bin-${b.id}`, what: 'Bin', name: b.name, detail: b.id, action: b.action })),
        ...shown.preview.persons.map((p) => ({ key: `person-${p.id}`, what: 'Person', name: p.name, detail: p.id, action: p.action })),
        ...shown.preview.collections.map((c) => ({
          key: `collection-${c.name}`,
          what: 'Collection',
          name: c.name,
          detail: `${c.requests} requests`,
          action: c.action,
        })),
        ...shown.preview.environments.map((e) => ({
          key: `environment-${e.name}`,
          what: 'Environment',
          name: e.name,
          detail: `${e.variables} variables`,
          action: e.action,
        })),
        ...shown.preview.sites.map((site) => ({ key: `site-${site.url}`, what: 'Site', name: site.name, detail: site.url, action: site.action })),
      ]
    : [];
  return (
    <Dialog title={`Import “${file.name}”`} onClose={onClose} testId="workspace-import-dialog" wide>
      <fieldset className="workspace-options">
        <legend className="small">When a Bot ID, bin or person is already here</legend>
        {(['skip', 'replace'] as const).map((policy) => (
          <label key={policy} className="small">
            <input
              type="radio"
              name="on-conflict"
              data-testid={`workspace-conflict-${policy}`}
              checked={onConflict === policy}
              onChange={() => setOnConflict(policy)}
            />{' '}
            {policy === 'skip' ? 'Keep mine (skip theirs)' : 'Replace mine with theirs'}
          </label>
        ))}
      </fieldset>
      {shown?.preview ? (
        <>
          <table className="table workspace-preview" data-testid="workspace-preview">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">What</th>
                <th scope="col">Name</th>
                <th scope="col">Holds</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-action={row.action}>
                  <td>{ACTION_LABEL[row.action]}</td>
                  <td>{row.what}</td>
                  <td>{row.name}</td>
                  <td className="muted">{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.preview.notes.map((note) => (
            <p key={note} className="small" role="note">
              {note}
            </p>
          ))}
        </>
      ) : (
        <p className="muted">Reading the file…</p>
      )}
      <div className="input-row dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="workspace-import-confirm"
          disabled={shown?.policy !== onConflict || busy || rows.every((r) => r.action === 'skip')}
          onClick={() => {
            setBusy(true);
            void run(file.name, file.text, onConflict).then((done) => (done ? onClose() : setBusy(false)));
          }}
        >
          Import
        </button>
      </div>
    </Dialog>
  );
}

import { useEffect, useMemo, useState, type RefObject } from 'react';
import type { Bot, Flow } from '../../../../main/platform/model.ts';
import { CodeEditor } from '../../components/CodeEditor.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { TrashIcon } from '../../components/icons.tsx';
import { useShortcut } from '../../hooks/shortcuts.ts';
import { definitionText, lineOfField, parseDefinitionText } from '../../lib/flows.ts';
import { useApp } from '../../store/context.tsx';

/** Time between the last key and asking main to validate. */
export const VALIDATE_DEBOUNCE_MS = 250;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

type Check =
  { state: 'pending' } | { state: 'valid' } | { state: 'invalid'; message: string; field: string | null; code: string | null; line: number | null };

/** The JSON of one flow (or of a new one), checked by the platform's schema as it is typed. */
export function FlowEditor({
  bot,
  flow,
  editKey,
  textareaRef,
}: {
  bot: Bot;
  flow: Flow | null;
  editKey: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const edit = useApp((s) => s.flowEdits[editKey]);
  const setFlowEdit = useApp((s) => s.setFlowEdit);
  const selectFlow = useApp((s) => s.selectFlow);
  const createFlow = useApp((s) => s.createFlow);
  const updateFlow = useApp((s) => s.updateFlow);
  const notify = useApp((s) => s.notify);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const savedText = useMemo(() => (flow ? definitionText(flow) : null), [flow]);
  const text = edit?.text ?? savedText ?? '';
  const dirty = flow === null || (edit !== undefined && edit.text !== savedText);
  const changedElsewhere = flow !== null && edit !== undefined && edit.baseUpdatedAt !== flow.updatedAt;
  const parsed = useMemo(() => parseDefinitionText(text), [text]);
  // The saved version (after Discard, say) is checked at once: nobody is typing it.
  const check = useFlowCheck(text, text === savedText ? 0 : VALIDATE_DEBOUNCE_MS);
  const name = parsed.ok && typeof (parsed.value as { name?: unknown } | null)?.name === 'string' ? (parsed.value as { name: string }).name : null;

  const change = (value: string) => {
    if (flow && value === savedText) setFlowEdit(editKey, null);
    else setFlowEdit(editKey, { text: value, baseUpdatedAt: edit?.baseUpdatedAt ?? flow?.updatedAt ?? null });
  };

  const save = async () => {
    if (saving || !dirty || !parsed.ok) return;
    setSaving(true);
    const saved = flow ? await updateFlow(flow.id, parsed.value) : await createFlow(bot.botId, parsed.value);
    setSaving(false);
    if (!saved) return;
    setFlowEdit(editKey, null);
    if (!flow) selectFlow(saved.id);
    notify({ tone: 'success', title: flow ? 'Flow saved' : 'Flow created', message: saved.name, code: null });
  };
  useShortcut('save-flow', () => void save());

  return (
    <section className="flow-editor" data-testid="flow-editor" data-flow-id={flow?.id ?? ''} aria-label="Flow editor">
      <header className="flow-editor-head">
        <h2 className="flow-editor-title">
          {name ?? flow?.name ?? 'New flow'}
          {flow === null ? <span className="badge">new</span> : dirty ? <span className="badge unsaved">unsaved</span> : null}
        </h2>
        {flow !== null && dirty ? (
          <button type="button" className="btn btn-small btn-quiet" data-testid="flow-discard" onClick={() => setFlowEdit(editKey, null)}>
            Discard changes
          </button>
        ) : null}
        {flow === null ? (
          <button type="button" className="btn btn-small btn-quiet" data-testid="flow-discard" onClick={() => setFlowEdit(editKey, null)}>
            Discard
          </button>
        ) : (
          <button type="button" className="btn btn-small btn-quiet danger" data-testid="flow-delete" onClick={() => setConfirmDelete(true)}>
            <TrashIcon /> Delete
          </button>
        )}
        <button
          type="button"
          className={`btn btn-primary${saving ? ' is-busy' : ''}`}
          data-testid="flow-save"
          disabled={saving || !dirty || !parsed.ok}
          title={`Save (${isMac ? '⌘' : 'Ctrl+'}S)`}
          onClick={() => void save()}
        >
          {flow ? 'Save' : 'Create'} <kbd>{isMac ? '⌘S' : 'Ctrl+S'}</kbd>
        </button>
      </header>
      {changedElsewhere ? (
        <div className="flow-notice" role="status">
          This flow was saved elsewhere since you started editing; saving replaces that version.
          <button type="button" className="btn btn-small" onClick={() => setFlowEdit(editKey, null)}>
            Load the saved version
          </button>
        </div>
      ) : null}
      <CodeEditor
        value={text}
        onChange={change}
        errorLine={check.state === 'invalid' ? check.line : null}
        label="Flow definition (JSON)"
        testId="flow-json"
        textareaRef={textareaRef}
        describedBy="flow-validation"
      />
      <Validation check={check} />
      {confirmDelete && flow ? <DeleteDialog flow={flow} onClose={() => setConfirmDelete(false)} /> : null}
    </section>
  );
}

function Validation({ check }: { check: Check }) {
  if (check.state === 'pending') {
    return (
      <p className="check check-hint flow-validation" id="flow-validation" data-testid="flow-validation" data-valid="pending" role="status">
        Checking…
      </p>
    );
  }
  if (check.state === 'valid') {
    return (
      <p className="check check-ok flow-validation" id="flow-validation" data-testid="flow-validation" data-valid="true" role="status">
        ✓ valid
      </p>
    );
  }
  // The platform's messages start with the field ("flow.actions[1].url: …"): shown as code, then the rest.
  const rest = check.field && check.message.startsWith(`${check.field}: `) ? check.message.slice(check.field.length + 2) : check.message;
  return (
    <p className="check check-bad flow-validation" id="flow-validation" data-testid="flow-validation" data-valid="false" role="status">
      ✗ {check.field ? <code className="flow-field">{check.field}</code> : null}
      {check.field ? ': ' : null}
      {rest}
      {check.line !== null ? <span className="muted"> (line {check.line})</span> : null}
    </p>
  );
}

/** Validates `text` `delayMs` after it stops changing: JSON here, the flow format by main's own schema. */
function useFlowCheck(text: string, delayMs: number): Check {
  const validate = useApp((s) => s.validateFlow);
  const [check, setCheck] = useState<Check>({ state: 'pending' });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const parsed = parseDefinitionText(text);
      if (!parsed.ok) {
        setCheck({ state: 'invalid', message: `Not JSON: ${parsed.message}`, field: null, code: null, line: parsed.line });
        return;
      }
      void validate(parsed.value).then((result) => {
        // An answer about text that has changed since is dropped.
        if (!current) return;
        if (result.ok) setCheck({ state: 'valid' });
        else {
          const field = result.error.field ?? null;
          setCheck({ state: 'invalid', message: result.error.message, field, code: result.error.code, line: lineOfField(text, field ?? undefined) });
        }
      });
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, delayMs, validate]);
  return check;
}

function DeleteDialog({ flow, onClose }: { flow: Flow; onClose: () => void }) {
  const deleteFlow = useApp((s) => s.deleteFlow);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title="Delete flow" onClose={onClose} testId="flow-delete-dialog">
      <p>
        Delete <strong>{flow.name}</strong>? This cannot be undone.
      </p>
      {flow.webhookUrl ? (
        <p className="muted small">
          Its webhook URL <code>{flow.webhookUrl}</code> will answer 404.
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="flow-delete-confirm"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void deleteFlow(flow.id).then(() => onClose());
          }}
        >
          Delete flow
        </button>
      </div>
    </Dialog>
  );
}

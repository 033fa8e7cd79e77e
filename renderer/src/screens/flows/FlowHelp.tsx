import type { RefObject } from 'react';
import { insertIntoTextarea } from '../../components/CodeEditor.tsx';
import { FLOW_ACTION_HELP, FLOW_FILTERS, FLOW_VARIABLES } from '../../lib/flows.ts';

/** What a definition may say: template variables (a click types one into the editor), filters and actions. */
export function FlowHelp({ textareaRef, editKey }: { textareaRef: RefObject<HTMLTextAreaElement | null>; editKey: string | null }) {
  return (
    <aside className="flow-help" aria-label="Flow help" data-testid="flow-help">
      <h2 className="section-title">Template variables</h2>
      <p className="muted small">
        Any text may use <code>{'{{…}}'}</code>; a missing value is empty. {editKey ? 'Click one to type it at the cursor.' : null}
      </p>
      <ul className="help-list">
        {FLOW_VARIABLES.map((v) => (
          <li key={v.name}>
            <button
              type="button"
              className="chip mono"
              disabled={!editKey}
              title={`Insert {{${v.name}}}`}
              onClick={() => textareaRef.current && insertIntoTextarea(textareaRef.current, `{{${v.name}}}`)}
            >
              {`{{${v.name}}}`}
            </button>
            <span className="muted small">{v.description}</span>
          </li>
        ))}
      </ul>
      <h2 className="section-title">Filters</h2>
      <ul className="help-list">
        {FLOW_FILTERS.map((f) => (
          <li key={f.example}>
            <code>{f.example}</code>
            <span className="muted small">{f.description}</span>
          </li>
        ))}
      </ul>
      <h2 className="section-title">Actions</h2>
      <ul className="help-list">
        {FLOW_ACTION_HELP.map((a) => (
          <li key={a.type}>
            <span>
              <strong className="mono">{a.type}</strong> <span className="muted small">{a.description}</span>
            </span>
            <code className="help-example">{a.example}</code>
          </li>
        ))}
      </ul>
      <p className="muted small">
        Triggers: <code>{'{"type":"message","match":{"type":"any"}}'}</code> (or <code>keyword</code> with <code>keywords</code>, <code>regex</code>{' '}
        with <code>pattern</code>), <code>{'{"type":"conversation"}'}</code>, <code>{'{"type":"webhook","required":["text"]}'}</code>.
      </p>
    </aside>
  );
}

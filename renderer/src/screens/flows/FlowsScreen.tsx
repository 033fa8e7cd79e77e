import { useEffect, useRef, useState } from 'react';
import type { ApiErrorPayload } from '../../../../main/api/contract.ts';
import type { Bot, Flow } from '../../../../main/platform/model.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { CloseIcon, DownloadIcon, PlusIcon, UploadIcon } from '../../components/icons.tsx';
import { useMenuList } from '../../hooks/use-menu-list.ts';
import { downloadText, fileStamp } from '../../lib/download.ts';
import { definitionText, FLOW_TEMPLATES, flowsFromFile, triggerSummary, type FlowTemplate } from '../../lib/flows.ts';
import { useApp, useAppStore } from '../../store/context.tsx';
import { newFlowKey } from '../../store/flows-slice.ts';
import { FlowEditor } from './FlowEditor.tsx';
import { FlowHelp } from './FlowHelp.tsx';

const NO_FLOWS: readonly Flow[] = [];

/** A bot's flows: the list, the JSON editor of one, and what a definition may say. */
export function FlowsScreen() {
  const bot = useApp((s) => s.bots.find((b) => b.botId === s.selectedBotId));
  const setScreen = useApp((s) => s.setScreen);
  if (!bot) {
    return (
      <div className="empty" data-testid="flows-empty">
        <p className="empty-title">No bot selected</p>
        <p className="muted">Flows belong to a bot. Create one first, or import one with its production embed code.</p>
        <button type="button" className="btn btn-primary" onClick={() => setScreen('bots')}>
          <PlusIcon /> Create a bot
        </button>
      </div>
    );
  }
  return <BotFlows key={bot.botId} bot={bot} />;
}

function BotFlows({ bot }: { bot: Bot }) {
  const store = useAppStore();
  const flows = useApp((s) => s.flowsByBot[bot.botId]) ?? NO_FLOWS;
  const loaded = useApp((s) => s.flowsByBot[bot.botId] !== undefined);
  const selectedKey = useApp((s) => s.selectedFlowKey);
  const edits = useApp((s) => s.flowEdits);
  const selectFlow = useApp((s) => s.selectFlow);
  const setFlowEdit = useApp((s) => s.setFlowEdit);
  const loadFlows = useApp((s) => s.loadFlows);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const [importError, setImportError] = useState<ImportRefusal | null>(null);

  useEffect(() => {
    void loadFlows(bot.botId);
  }, [bot.botId, loadFlows]);

  const draftKey = newFlowKey(bot.botId);
  const hasDraft = edits[draftKey] !== undefined;
  // The selection, or the first flow when it names none of this bot's.
  const key =
    selectedKey !== null && (flows.some((f) => f.id === selectedKey) || (selectedKey === draftKey && hasDraft))
      ? selectedKey
      : (flows[0]?.id ?? null);
  const selected = flows.find((f) => f.id === key) ?? null;

  const startFrom = async (template: FlowTemplate) => {
    let binUrl = '';
    if (template.id === 'backend') {
      const state = store.getState();
      // "Your back end" is a request bin: the selected one, any one, or a new one.
      const bin = state.bins.find((b) => b.id === state.selectedBinId) ?? state.bins[0] ?? (await state.createBin('My back end'));
      if (!bin) return;
      binUrl = bin.url;
    }
    setFlowEdit(draftKey, { text: definitionText(template.build(binUrl)), baseUpdatedAt: null });
    selectFlow(draftKey);
    requestAnimationFrame(() => editorRef.current?.focus());
  };

  return (
    <div className="flows-screen">
      <section className="flows-side" aria-label={`Flows of ${bot.name}`}>
        <div className="toolbar flows-toolbar">
          <NewFlowMenu onPick={(template) => void startFrom(template)} />
          <span className="toolbar-spacer" />
          <ImportButton bot={bot} flowCount={flows.length} onResult={setImportError} />
          <ExportButton bot={bot} disabled={flows.length === 0} />
        </div>
        {importError ? <ImportError refusal={importError} onDismiss={() => setImportError(null)} /> : null}
        {loaded && flows.length === 0 && !hasDraft ? (
          <p className="muted small flows-none">This bot has no flows: it answers nothing. Start one from a template with New flow.</p>
        ) : null}
        <ul className="flow-list" data-testid="flow-list">
          {hasDraft ? (
            <li className={`flow-item draft${key === draftKey ? ' active' : ''}`} data-testid="flow-item-draft">
              <button
                type="button"
                className="flow-item-main"
                aria-current={key === draftKey ? 'true' : undefined}
                onClick={() => selectFlow(draftKey)}
              >
                <span className="flow-item-name">New flow</span>
                <span className="muted small">not saved yet</span>
              </button>
            </li>
          ) : null}
          {flows.map((flow) => (
            <FlowItem
              key={flow.id}
              flow={flow}
              active={flow.id === key}
              edited={edits[flow.id] !== undefined}
              isBotWebhook={flow.webhookUrl !== null && flow.webhookUrl === bot.webhookUrl}
              onSelect={() => selectFlow(flow.id)}
            />
          ))}
        </ul>
      </section>
      {key === null ? (
        <section className="flow-editor empty" aria-label="Flow editor">
          <p className="muted">Pick a flow, or start a new one from a template.</p>
        </section>
      ) : (
        <FlowEditor key={key} bot={bot} flow={selected} editKey={key} textareaRef={editorRef} />
      )}
      <FlowHelp textareaRef={editorRef} editKey={key} />
    </div>
  );
}

function FlowItem({
  flow,
  active,
  edited,
  isBotWebhook,
  onSelect,
}: {
  flow: Flow;
  active: boolean;
  edited: boolean;
  isBotWebhook: boolean;
  onSelect: () => void;
}) {
  const setEnabled = useApp((s) => s.setFlowEnabled);
  const [busy, setBusy] = useState(false);
  const actions = flow.actions.length;
  return (
    <li className={`flow-item${active ? ' active' : ''}${flow.enabled ? '' : ' disabled'}`} data-testid="flow-item" data-flow-id={flow.id}>
      <button type="button" className="flow-item-main" aria-current={active ? 'true' : undefined} onClick={onSelect}>
        <span className="flow-item-name">
          {flow.name}
          {edited ? (
            <span className="flow-edited" title="Unsaved changes">
              {' '}
              <span aria-hidden="true">•</span>
              <span className="visually-hidden">unsaved changes</span>
            </span>
          ) : null}
        </span>
        <span className="flow-item-meta">
          <span className={`badge trigger trigger-${flow.trigger.type}`} data-testid="flow-trigger">
            {triggerSummary(flow.trigger)}
          </span>
          <span className="muted small">
            {actions} {actions === 1 ? 'action' : 'actions'}
          </span>
        </span>
      </button>
      <label className="switch" title={flow.enabled ? 'Enabled: click to turn off' : 'Disabled: click to turn on'}>
        <input
          type="checkbox"
          role="switch"
          data-testid="flow-enabled"
          aria-label={`${flow.name} enabled`}
          checked={flow.enabled}
          disabled={busy}
          onChange={(e) => {
            setBusy(true);
            void setEnabled(flow, e.target.checked).finally(() => setBusy(false));
          }}
        />
        <span className="switch-track" aria-hidden="true" />
      </label>
      {flow.webhookUrl ? (
        <div className="flow-item-url copy-row">
          <code className="small" data-testid="flow-webhook-url" title={isBotWebhook ? 'The bot’s own webhook URL' : 'This flow’s webhook URL'}>
            {flow.webhookUrl}
          </code>
          <CopyButton text={flow.webhookUrl} label={`webhook URL of ${flow.name}`} />
        </div>
      ) : null}
    </li>
  );
}

function NewFlowMenu({ onPick }: { onPick: (template: FlowTemplate) => void }) {
  const [open, setOpen] = useState(false);
  const menu = useMenuList(() => setOpen(false));
  return (
    <div className="menu-anchor">
      <button
        type="button"
        className="btn btn-primary"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="flow-new"
        onClick={() => setOpen(!open)}
      >
        <PlusIcon /> New flow
      </button>
      {open ? (
        <ul className="menu menu-left" role="menu" aria-label="Start from a template" data-testid="flow-templates" {...menu}>
          {FLOW_TEMPLATES.map((template) => (
            <li key={template.id} role="none">
              <button
                type="button"
                role="menuitem"
                className="template-item"
                data-testid={`flow-template-${template.id}`}
                onClick={() => {
                  setOpen(false);
                  onPick(template);
                }}
              >
                <span className="template-title">{template.title}</span>
                <span className="muted small">{template.description}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ExportButton({ bot, disabled }: { bot: Bot; disabled: boolean }) {
  const loadFlows = useApp((s) => s.loadFlows);
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="flow-export"
      disabled={disabled}
      title="Download all of this bot’s flows as JSON"
      onClick={() => {
        // What the platform holds now, exactly as flows.list answers: Import takes it back as it is.
        void loadFlows(bot.botId).then((flows) => {
          if (flows) downloadText(`botbench-flows-${slug(bot.name)}-${fileStamp()}.json`, `${JSON.stringify(flows, null, 2)}\n`, 'application/json');
        });
      }}
    >
      <DownloadIcon /> Export
    </button>
  );
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'bot';

/** Why a file was not imported; shown above the list until dismissed or a later import succeeds. */
interface ImportRefusal {
  fileName: string;
  error: Pick<ApiErrorPayload, 'code' | 'message'>;
}

function ImportButton({ bot, flowCount, onResult }: { bot: Bot; flowCount: number; onResult: (refusal: ImportRefusal | null) => void }) {
  const importFlows = useApp((s) => s.importFlows);
  const notify = useApp((s) => s.notify);
  const inputRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<{ fileName: string; flows: unknown[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const refuse = (fileName: string, error: Pick<ApiErrorPayload, 'code' | 'message'>) => onResult({ fileName, error });

  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid="flow-import"
        title="Replace this bot’s flows with those in a JSON file"
        onClick={() => inputRef.current?.click()}
      >
        <UploadIcon /> Import
      </button>
      <input
        ref={inputRef}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="flow-import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          void file.text().then((text) => {
            const read = flowsFromFile(text);
            if (!read.ok) refuse(file.name, { code: 'BOTBENCH_ERR_FLOW', message: read.message });
            else setPending({ fileName: file.name, flows: read.flows });
          });
        }}
      />
      {pending ? (
        <Dialog title="Import flows" onClose={() => setPending(null)} testId="flow-import-dialog">
          <p>
            Replace the {flowCount} {flowCount === 1 ? 'flow' : 'flows'} of <strong>{bot.name}</strong> with the {pending.flows.length}{' '}
            {pending.flows.length === 1 ? 'flow' : 'flows'} in <code>{pending.fileName}</code>?
          </p>
          <p className="muted small">
            Every flow is checked first: if one is wrong, nothing changes. Webhook flows get new URLs, so copy them again after importing.
          </p>
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setPending(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="flow-import-confirm"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void importFlows(bot.botId, pending.flows).then((result) => {
                  setBusy(false);
                  setPending(null);
                  if (!result.ok) return refuse(pending.fileName, result.error);
                  onResult(null);
                  notify({ tone: 'success', title: 'Flows imported', message: `${result.flows.length} flows from ${pending.fileName}`, code: null });
                });
              }}
            >
              Replace flows
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

function ImportError({ refusal, onDismiss }: { refusal: ImportRefusal; onDismiss: () => void }) {
  return (
    <div className="flow-import-error" role="alert" data-testid="flow-import-error">
      <div>
        <strong>Import refused: nothing was changed.</strong> <code className="toast-code">{refusal.error.code}</code>
        <p className="small">
          <code>{refusal.fileName}</code>: {refusal.error.message}
        </p>
      </div>
      <button type="button" className="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}

import { useMemo, useRef, useState } from 'react';
import type { WebhookBodyMode, WebhookHistoryEntry, WebhookMethod } from '../../../../main/api/contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CloseIcon, DownloadIcon, PlusIcon, SendIcon } from '../../components/icons.tsx';
import { useShortcut } from '../../hooks/shortcuts.ts';
import { buildCurl } from '../../lib/curl.ts';
import { RESPONSE_PATH_FORM, tryParseResponsePath } from '../../lib/response-path.ts';
import { clockTime, fullTime } from '../../lib/time.ts';
import { checkWebhookBody, DYNAMIC_VARIABLES, previewVariables, WEBHOOK_VARIABLES } from '../../lib/webhook-body.ts';
import { useApp } from '../../store/context.tsx';
import { draftSigns, headerRow, type HeaderRow } from '../../store/webhooks-slice.ts';
import { BulkPanel } from './BulkPanel.tsx';
import { CollectionsPanel } from './CollectionsPanel.tsx';
import { CurlDialog } from './CurlDialog.tsx';
import { DeliveryResult } from './DeliveryResult.tsx';
import { EnvironmentsDialog } from './EnvironmentsDialog.tsx';
import { SaveRequestDialog } from './SaveRequestDialog.tsx';

const METHODS: WebhookMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'];
const BODY_MODES: Array<{ mode: WebhookBodyMode; label: string }> = [
  { mode: 'json', label: 'JSON' },
  { mode: 'form', label: 'Form (URL-encoded)' },
  { mode: 'text', label: 'Raw text' },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function WebhooksScreen() {
  return (
    <div className="webhooks-screen">
      <CollectionsPanel />
      <Composer />
      <div className="webhooks-side">
        <ResultPanel />
        <History />
      </div>
    </div>
  );
}

function Composer() {
  const draft = useApp((s) => s.webhookDraft);
  const setDraft = useApp((s) => s.setWebhookDraft);
  const addHeaderRow = useApp((s) => s.addHeaderRow);
  const bots = useApp((s) => s.bots);
  const selectedBotId = useApp((s) => s.selectedBotId);
  const sending = useApp((s) => s.webhookSending);
  const send = useApp((s) => s.sendWebhook);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [dialog, setDialog] = useState<'curl' | 'save' | 'environments' | null>(null);
  const environments = useApp((s) => s.environments);
  const environmentId = useApp((s) => s.selectedEnvironmentId);
  const selectEnvironment = useApp((s) => s.selectEnvironment);
  const updateSaved = useApp((s) => s.updateSavedDraft);
  const environment = environments.find((e) => e.id === environmentId);
  useShortcut('send-webhook', () => void send());

  const botId = draft.botId || selectedBotId || '';
  const bot = bots.find((b) => b.botId === botId);
  const sign = draftSigns(draft, bot);
  const typed = draft.responsePath.trim();
  // A path with {{variables}} is checked as it will be sent, when the values are known here.
  const path = typed.includes('{{')
    ? previewVariables(typed, { botId, ...Object.fromEntries((environment?.variables ?? []).map((v) => [v.key, v.value])) })
    : typed;
  const pathCheck = typed === '' || path === null ? null : tryParseResponsePath(path);
  const bodyCheck = draft.bodyMode === 'json' ? checkWebhookBody(draft.body) : null;

  const insertVariable = (name: string) => {
    const area = bodyRef.current;
    const token = `{{${name}}}`;
    if (!area) return setDraft({ body: draft.body + token });
    const { selectionStart: start, selectionEnd: end } = area;
    setDraft({ body: draft.body.slice(0, start) + token + draft.body.slice(end) });
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <div className="composer-column">
      <form
        className="composer"
        aria-label="Webhook composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="composer-head">
          <h2 className="section-title">
            Compose
            {draft.saved ? (
              <span className="muted small" data-testid="composer-saved-name">
                {' '}
                · {draft.saved.name}
              </span>
            ) : null}
          </h2>
          <div className="composer-tools">
            <button type="button" className="btn btn-small" data-testid="composer-paste-curl" onClick={() => setDialog('curl')}>
              Paste cURL
            </button>
            {draft.saved ? (
              <button type="button" className="btn btn-small" data-testid="composer-save" onClick={() => void updateSaved()}>
                Save
              </button>
            ) : null}
            <button type="button" className="btn btn-small" data-testid="composer-save-as" onClick={() => setDialog('save')}>
              {draft.saved ? 'Save as…' : 'Save…'}
            </button>
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="webhook-environment">
            Environment
          </label>
          <div className="input-row">
            <select
              id="webhook-environment"
              data-testid="webhook-environment"
              value={environmentId ?? ''}
              onChange={(e) => selectEnvironment(e.target.value || null)}
            >
              <option value="">No environment</option>
              {environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small" data-testid="webhook-environments-edit" onClick={() => setDialog('environments')}>
              Edit environments…
            </button>
          </div>
        </div>
        <label className="field">
          <span className="field-label">Target bot</span>
          <select data-testid="webhook-bot" value={botId} onChange={(e) => setDraft({ botId: e.target.value, sign: null })}>
            {bots.length === 0 ? <option value="">No bots — create one on the Bots screen</option> : null}
            {bots.map((b) => (
              <option key={b.botId} value={b.botId}>
                {b.name} · {b.botId}
              </option>
            ))}
          </select>
        </label>

        <div className="field">
          <label className="field-label" htmlFor="webhook-url">
            Method and URL
          </label>
          <div className="input-row">
            <select
              className="method-select"
              aria-label="Method"
              data-testid="webhook-method"
              value={draft.method}
              onChange={(e) => setDraft({ method: e.target.value as WebhookMethod })}
            >
              {METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
            <input
              id="webhook-url"
              className="mono"
              data-testid="webhook-url"
              placeholder={bot ? `${bot.webhookUrl} (the bot’s webhook URL)` : 'the bot’s webhook URL'}
              spellCheck={false}
              autoComplete="off"
              value={draft.url}
              onChange={(e) => setDraft({ url: e.target.value })}
            />
          </div>
          <p className="check check-hint">Empty: the target bot’s webhook URL. Loopback only (a bin, a local server).</p>
        </div>

        <div className="field">
          <label className="field-label" htmlFor="webhook-path">
            Response path
          </label>
          <div className="input-row">
            <input
              id="webhook-path"
              className="mono"
              data-testid="webhook-path"
              placeholder={RESPONSE_PATH_FORM}
              spellCheck={false}
              autoComplete="off"
              value={draft.responsePath}
              aria-invalid={pathCheck !== null && !pathCheck.ok}
              aria-describedby="webhook-path-check"
              onChange={(e) => setDraft({ responsePath: e.target.value })}
            />
            <PathPicker botId={botId} onPick={(responsePath) => setDraft({ responsePath })} />
          </div>
          <PathCheck check={pathCheck} botId={botId} filled={path !== typed ? path : undefined} />
        </div>

        <fieldset className="field body-field">
          <legend className="field-label">Body</legend>
          <div className="segmented body-modes" role="radiogroup" aria-label="Body type">
            {BODY_MODES.map(({ mode, label }) => (
              <button
                key={mode}
                type="button"
                role="radio"
                aria-checked={draft.bodyMode === mode}
                className={draft.bodyMode === mode ? 'active' : ''}
                data-testid={`webhook-body-mode-${mode}`}
                onClick={() => setDraft({ bodyMode: mode })}
              >
                {label}
              </button>
            ))}
          </div>
          {draft.bodyMode === 'form' ? (
            <KeyValueRows rows={draft.form} label="Form field" testId="webhook-form" onChange={(form) => setDraft({ form })} />
          ) : (
            <>
              <textarea
                id="webhook-body"
                aria-label={draft.bodyMode === 'json' ? 'JSON body' : 'Raw text body'}
                ref={bodyRef}
                className="mono body-input"
                data-testid="webhook-body"
                rows={8}
                spellCheck={false}
                value={draft.body}
                aria-invalid={bodyCheck !== null && !bodyCheck.ok}
                onChange={(e) => setDraft({ body: e.target.value })}
              />
              {bodyCheck ? (
                <p className={`check ${bodyCheck.ok ? 'check-ok' : 'check-bad'}`} data-testid="webhook-body-check" role="status">
                  {bodyCheck.ok ? '✓ valid JSON' : `✗ ${bodyCheck.reason}`}
                </p>
              ) : null}
            </>
          )}
          <div className="variables">
            <span className="muted small">Variables, filled in before sending:</span>
            {[
              ...WEBHOOK_VARIABLES,
              ...(environment?.variables ?? []).map((v) => ({
                name: v.key,
                description: v.secret ? `${environment!.name}: a secret` : `${environment!.name}: ${v.value}`,
              })),
              ...DYNAMIC_VARIABLES,
            ].map((v) => (
              <button
                key={v.name}
                type="button"
                className="chip mono"
                title={`Insert {{${v.name}}}: ${v.description}`}
                onClick={() => insertVariable(v.name)}
              >
                {`{{${v.name}}}`}
              </button>
            ))}
          </div>
        </fieldset>

        <fieldset className="field headers">
          <legend className="field-label">Headers</legend>
          {draft.headers.map((row, i) => (
            <div className="header-row" key={row.id}>
              <input
                className="mono"
                aria-label={`Header ${i + 1} name`}
                placeholder="Name"
                value={row.key}
                onChange={(e) => setDraft({ headers: draft.headers.map((h) => (h.id === row.id ? { ...h, key: e.target.value } : h)) })}
              />
              <input
                className="mono"
                aria-label={`Header ${i + 1} value`}
                placeholder="Value"
                value={row.value}
                onChange={(e) => setDraft({ headers: draft.headers.map((h) => (h.id === row.id ? { ...h, value: e.target.value } : h)) })}
              />
              <button
                type="button"
                className="icon-btn"
                aria-label={`Remove header ${i + 1}`}
                onClick={() => {
                  const rest = draft.headers.filter((h) => h.id !== row.id);
                  setDraft({ headers: rest.length > 0 ? rest : [headerRow()] });
                }}
              >
                <CloseIcon />
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-small btn-quiet" onClick={addHeaderRow}>
            <PlusIcon /> Add header
          </button>
        </fieldset>

        <div className="field sign-field">
          <div className="input-row">
            <label className="check-label">
              <input type="checkbox" data-testid="webhook-sign" checked={sign} onChange={(e) => setDraft({ sign: e.target.checked })} /> Sign
              (Standard Webhooks)
            </label>
            <select
              aria-label="Signature header names"
              data-testid="webhook-sign-headers"
              value={draft.signHeaders}
              disabled={!sign}
              onChange={(e) => setDraft({ signHeaders: e.target.value as 'webhook' | 'svix' })}
            >
              <option value="webhook">webhook-* headers</option>
              <option value="svix">svix-* headers (as Svix sends)</option>
            </select>
          </div>
          <SignHint sign={sign} family={draft.signHeaders} verifies={bot?.settings.verifyWebhooks ?? false} />
        </div>

        <div className="form-actions">
          <span className="muted small">
            <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd> + <kbd>Enter</kbd>
          </span>
          <button type="submit" className="btn btn-primary" data-testid="webhook-send" disabled={sending || !botId}>
            <SendIcon /> {sending ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
      <BulkPanel />
      {/* Outside the composer's form: a form inside a form is dropped by the browser. */}
      {dialog === 'curl' ? <CurlDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'save' ? <SaveRequestDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'environments' ? <EnvironmentsDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

/** Key/value rows (form fields), one empty row kept at the end to type into. */
function KeyValueRows({
  rows,
  label,
  testId,
  onChange,
}: {
  rows: HeaderRow[];
  label: string;
  testId: string;
  onChange: (rows: HeaderRow[]) => void;
}) {
  return (
    <div className="kv-rows" data-testid={testId}>
      {rows.map((row, i) => (
        <div className="header-row" key={row.id}>
          <input
            className="mono"
            aria-label={`${label} ${i + 1} name`}
            placeholder="Name"
            value={row.key}
            onChange={(e) => onChange(rows.map((r) => (r.id === row.id ? { ...r, key: e.target.value } : r)))}
          />
          <input
            className="mono"
            aria-label={`${label} ${i + 1} value`}
            placeholder="Value"
            value={row.value}
            onChange={(e) => onChange(rows.map((r) => (r.id === row.id ? { ...r, value: e.target.value } : r)))}
          />
          <button
            type="button"
            className="icon-btn"
            aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
            onClick={() => {
              const rest = rows.filter((r) => r.id !== row.id);
              onChange(rest.length > 0 ? rest : [headerRow()]);
            }}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small btn-quiet" onClick={() => onChange([...rows, headerRow()])}>
        <PlusIcon /> Add field
      </button>
    </div>
  );
}

/** What signing (or not) means for this bot. */
function SignHint({ sign, family, verifies }: { sign: boolean; family: 'webhook' | 'svix'; verifies: boolean }) {
  if (sign) {
    return (
      <p className="check check-hint" data-testid="webhook-sign-hint">
        Adds {family}-id, {family}-timestamp and {family}-signature, made with the bot’s webhook secret
        {verifies ? '.' : ' (this bot does not check them: signed webhooks are off on the Bots screen).'}
      </p>
    );
  }
  return verifies ? (
    <p className="check check-warn" data-testid="webhook-sign-hint">
      This bot verifies signatures: unsigned, the platform refuses it (401).
    </p>
  ) : null;
}

function PathCheck({
  check,
  botId,
  filled,
}: {
  check: ReturnType<typeof tryParseResponsePath> | null;
  botId: string;
  filled?: string | null | undefined;
}) {
  if (filled === null) {
    return (
      <p className="check check-hint" id="webhook-path-check" data-testid="webhook-path-check" data-valid="variables">
        Uses variables not known here (select the environment that has them); checked when sent. Expected form: <code>{RESPONSE_PATH_FORM}</code>
      </p>
    );
  }
  if (check === null) {
    return (
      <p className="check check-hint" id="webhook-path-check" data-testid="webhook-path-check" data-valid="empty">
        Expected form: <code>{RESPONSE_PATH_FORM}</code>
      </p>
    );
  }
  if (!check.ok) {
    return (
      <p className="check check-bad" id="webhook-path-check" data-testid="webhook-path-check" data-valid="false" role="status">
        ✗ {check.reason}. Expected form: <code>{RESPONSE_PATH_FORM}</code>
      </p>
    );
  }
  return (
    <p className="check check-ok" id="webhook-path-check" data-testid="webhook-path-check" data-valid="true" role="status">
      ✓ valid{filled ? <span className="mono"> → {filled}</span> : null}
      {botId && check.value.botId !== botId ? (
        <span className="check-warn"> — but its Bot ID is not the target bot’s, so the platform will refuse it</span>
      ) : null}
    </p>
  );
}

/** Fills the path from an open profile or a known user of the target bot. */
function PathPicker({ botId, onPick }: { botId: string; onPick: (path: string) => void }) {
  const profiles = useApp((s) => s.profiles);
  const users = useApp((s) => s.users);
  const fromProfiles = profiles.filter((p) => p.responsePath !== null && (!botId || p.botId === botId));
  const fromUsers = users.filter((u) => !botId || u.botId === botId).slice(0, 200);
  return (
    <select
      className="path-picker"
      aria-label="Fill the response path from a profile or a user"
      data-testid="webhook-path-pick"
      value=""
      onChange={(e) => e.target.value && onPick(e.target.value)}
    >
      <option value="">Pick…</option>
      {fromProfiles.length > 0 ? (
        <optgroup label="Open profiles">
          {fromProfiles.map((p) => (
            <option key={p.id} value={p.responsePath!}>
              {p.label} — {p.channelId}
            </option>
          ))}
        </optgroup>
      ) : null}
      {fromUsers.length > 0 ? (
        <optgroup label="Users">
          {fromUsers.map((u) => (
            <option key={u.responsePath} value={u.responsePath}>
              {u.channelId} ({u.kind}
              {u.online > 0 ? ', online' : ''})
            </option>
          ))}
        </optgroup>
      ) : null}
    </select>
  );
}

function ResultPanel() {
  const result = useApp((s) => s.webhookResult);
  const bots = useApp((s) => s.bots);
  if (!result) {
    return (
      <section className="result-panel empty small">
        <p className="muted">Send a webhook to see the platform’s answer and where the message landed.</p>
      </section>
    );
  }
  const bot = bots.find((b) => b.botId === result.request.botId);
  return <DeliveryResult entry={result} webhookUrl={bot?.webhookUrl ?? null} />;
}

function History() {
  const history = useApp((s) => s.webhookHistory);
  const bots = useApp((s) => s.bots);
  const replay = useApp((s) => s.replayWebhook);
  const load = useApp((s) => s.loadWebhookIntoComposer);
  const exportHar = useApp((s) => s.exportHar);
  const urls = useMemo(() => new Map(bots.map((b) => [b.botId, b.webhookUrl])), [bots]);
  return (
    <section className="history" aria-label="Webhook history">
      <div className="history-head">
        <h2 className="section-title">History</h2>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          data-testid="webhook-export-har"
          disabled={history.length === 0}
          onClick={() => void exportHar()}
        >
          <DownloadIcon /> Export HAR
        </button>
      </div>
      {history.length === 0 ? <p className="muted small">Nothing sent yet.</p> : null}
      <ul className="history-list" data-testid="webhook-history">
        {history.map((entry) => (
          <HistoryItem key={entry.id} entry={entry} webhookUrl={urls.get(entry.request.botId) ?? null} onReplay={replay} onLoad={load} />
        ))}
      </ul>
    </section>
  );
}

function HistoryItem({
  entry,
  webhookUrl,
  onReplay,
  onLoad,
}: {
  entry: WebhookHistoryEntry;
  webhookUrl: string | null;
  onReplay: (entry: WebhookHistoryEntry) => Promise<unknown>;
  onLoad: (entry: WebhookHistoryEntry) => void;
}) {
  return (
    <li className="history-item" data-testid="webhook-history-item" data-outcome={entry.trace.outcome}>
      <div className="history-main">
        <span className={`badge outcome-${entry.trace.outcome}`}>{entry.trace.outcome}</span>
        <span className="mono small">{entry.trace.status}</span>
        {entry.request.sign ? <span className="badge signed-badge">signed</span> : null}
        <time className="muted small" title={fullTime(entry.at)}>
          {clockTime(entry.at)}
        </time>
        <span className="mono small ellipsis" title={entry.sentResponsePath ?? entry.request.responsePath}>
          {(entry.sentResponsePath ?? entry.request.responsePath) || '(no path)'}
        </span>
      </div>
      <div className="history-actions">
        <button type="button" className="btn btn-small" data-testid="webhook-replay" onClick={() => void onReplay(entry)}>
          Replay
        </button>
        <button type="button" className="btn btn-small btn-quiet" data-testid="webhook-load" onClick={() => onLoad(entry)}>
          Edit
        </button>
        {webhookUrl ? (
          <CopyButton
            text={buildCurl({
              method: entry.sentMethod ?? 'POST',
              url: entry.sentUrl ?? webhookUrl,
              headers: entry.request.headers,
              sentHeaders: entry.sentHeaders,
              body: entry.sentBody,
            })}
            label="as cURL"
            testId="webhook-copy-curl"
          >
            cURL
          </CopyButton>
        ) : null}
      </div>
    </li>
  );
}

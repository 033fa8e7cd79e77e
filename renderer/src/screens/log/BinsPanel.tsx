import { useState } from 'react';
import type { Bin, BinRequest, BinRule } from '../../../../main/platform/model.ts';
import { BotbenchBadge } from '../../components/badges.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CreateByNameForm } from '../../components/CreateByNameForm.tsx';
import { ChevronIcon, CloseIcon, InboxIcon, PlusIcon } from '../../components/icons.tsx';
import { buildCurl } from '../../lib/curl.ts';
import { prettyJson } from '../../lib/json.ts';
import { clockTime, fullTime } from '../../lib/time.ts';
import { useApp } from '../../store/context.tsx';
import type { BinResponse } from '../../store/bins-slice.ts';

const DEFAULT_RESPONSE: BinResponse = { status: 200, body: '{"ok":true}', contentType: 'application/json', delayMs: 0, rules: [] };
const CONTENT_TYPES = ['application/json', 'text/plain', 'text/html', 'application/x-www-form-urlencoded'];

/**
 * Request bins beside the log: capture URLs standing in for "your back end", so an http
 * action's request can be read exactly as it was sent, next to the flow run that sent it.
 */
export function BinsPanel({ onClose }: { onClose: () => void }) {
  const bins = useApp((s) => s.bins);
  const selectedId = useApp((s) => s.selectedBinId);
  const selectBin = useApp((s) => s.selectBin);
  const selected = bins.find((b) => b.id === selectedId);
  return (
    <section className="bins-panel" data-testid="bins-panel" aria-label="Request bins">
      <header className="drawer-head">
        <h2 className="drawer-title">
          <InboxIcon /> Request bins
        </h2>
        <BotbenchBadge what="Request bins" />
        <button type="button" className="icon-btn" aria-label="Close request bins" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="bins-body">
        <CreateBinForm />
        {bins.length === 0 ? (
          <p className="muted small">No bins yet. A bin is a URL that records every request: put it in a flow’s http action as your back end.</p>
        ) : (
          <ul className="bin-list">
            {bins.map((bin) => (
              <BinItem key={bin.id} bin={bin} selected={bin.id === selectedId} onSelect={() => void selectBin(bin.id)} />
            ))}
          </ul>
        )}
        {selected ? <BinRequests bin={selected} /> : null}
      </div>
    </section>
  );
}

function CreateBinForm() {
  const createBin = useApp((s) => s.createBin);
  const [response, setResponse] = useState<BinResponse>(DEFAULT_RESPONSE);
  return (
    <CreateByNameForm
      className="bin-create form"
      label="Create a request bin"
      fieldLabel="Bin name"
      placeholder="New bin, e.g. My back end"
      maxLength={100}
      submit="Create"
      buttonClassName="btn btn-primary btn-small"
      nameTestId="bin-create-name"
      submitTestId="bin-create"
      onCreate={async (name) => {
        const created = (await createBin(name, response)) !== null;
        if (created) setResponse(DEFAULT_RESPONSE);
        return created;
      }}
    >
      <details className="bin-create-response">
        <summary className="muted small">
          Answers {response.status} {response.contentType}
          {response.delayMs > 0 ? ` after ${response.delayMs} ms` : ''}
        </summary>
        <ResponseFields value={response} onChange={setResponse} idPrefix="bin-create" />
      </details>
    </CreateByNameForm>
  );
}

/** Status, content type, delay and body of what a bin answers. */
function ResponseFields({ value, onChange, idPrefix }: { value: BinResponse; onChange: (value: BinResponse) => void; idPrefix: string }) {
  return (
    <div className="bin-response-fields">
      <label className="field">
        <span className="field-label">Status</span>
        <input
          type="number"
          min={100}
          max={599}
          data-testid={`${idPrefix}-status`}
          value={value.status}
          onChange={(e) => onChange({ ...value, status: Number(e.target.value) })}
        />
      </label>
      <label className="field">
        <span className="field-label">Content type</span>
        <input
          list="bin-content-types"
          className="mono"
          data-testid={`${idPrefix}-type`}
          value={value.contentType}
          onChange={(e) => onChange({ ...value, contentType: e.target.value })}
        />
        <datalist id="bin-content-types">
          {CONTENT_TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span className="field-label">Delay (ms)</span>
        <input
          type="number"
          min={0}
          max={30000}
          step={100}
          data-testid={`${idPrefix}-delay`}
          value={value.delayMs}
          onChange={(e) => onChange({ ...value, delayMs: Number(e.target.value) })}
        />
      </label>
      <label className="field bin-body-field">
        <span className="field-label">Body</span>
        <textarea
          className="mono"
          rows={3}
          spellCheck={false}
          data-testid={`${idPrefix}-body`}
          value={value.body}
          onChange={(e) => onChange({ ...value, body: e.target.value })}
        />
      </label>
    </div>
  );
}

const RULE_METHODS = ['*', 'POST', 'GET', 'PUT', 'PATCH', 'DELETE'];

/**
 * Response rules (webhook.site's per-request answers, Botbench's take): tried in order, the first
 * whose method and path match answers with its status, body and delay instead of the default.
 */
function RuleFields({ rules, onChange }: { rules: BinRule[]; onChange: (rules: BinRule[]) => void }) {
  const change = (i: number, patch: Partial<BinRule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="bin-rules" data-testid="bin-rules">
      <legend className="field-label">Rules, tried in order before the default answer</legend>
      {rules.length === 0 ? <p className="muted small">None: every request gets the answer above.</p> : null}
      {rules.map((rule, i) => (
        <div className="bin-rule" key={i} data-testid="bin-rule">
          <select aria-label={`Rule ${i + 1} method`} value={rule.method} onChange={(e) => change(i, { method: e.target.value })}>
            {RULE_METHODS.map((m) => (
              <option key={m} value={m}>
                {m === '*' ? 'any' : m}
              </option>
            ))}
          </select>
          <input
            className="mono"
            aria-label={`Rule ${i + 1} path`}
            placeholder="/orders/*"
            value={rule.path}
            aria-invalid={!rulePathValid(rule.path)}
            onChange={(e) => change(i, { path: e.target.value })}
          />
          <input
            type="number"
            min={100}
            max={599}
            aria-label={`Rule ${i + 1} status`}
            value={rule.status}
            onChange={(e) => change(i, { status: Number(e.target.value) })}
          />
          <input
            type="number"
            min={0}
            max={30000}
            step={100}
            aria-label={`Rule ${i + 1} delay (ms)`}
            value={rule.delayMs}
            onChange={(e) => change(i, { delayMs: Number(e.target.value) })}
          />
          <button type="button" className="icon-btn" aria-label={`Remove rule ${i + 1}`} onClick={() => onChange(rules.filter((_, j) => j !== i))}>
            <CloseIcon />
          </button>
          <input
            className="mono bin-rule-type"
            aria-label={`Rule ${i + 1} content type`}
            value={rule.contentType}
            onChange={(e) => change(i, { contentType: e.target.value })}
          />
          <textarea
            className="mono bin-rule-body"
            rows={1}
            aria-label={`Rule ${i + 1} body`}
            value={rule.body}
            onChange={(e) => change(i, { body: e.target.value })}
          />
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small btn-quiet"
        data-testid="bin-rule-add"
        disabled={rules.length >= 50}
        onClick={() =>
          onChange([...rules, { method: 'POST', path: '/', status: 500, delayMs: 0, body: '{"error":"simulated"}', contentType: 'application/json' }])
        }
      >
        <PlusIcon /> Add rule
      </button>
    </fieldset>
  );
}

/** As main's schema has it: "*" or a path from "/" without spaces. */
const rulePathValid = (path: string): boolean => /^(\*|\/)\S{0,300}$/.test(path);

const answerValid = (r: Pick<BinRule, 'status' | 'contentType' | 'delayMs'>): boolean =>
  Number.isInteger(r.status) &&
  r.status >= 100 &&
  r.status <= 599 &&
  r.contentType.trim() !== '' &&
  Number.isInteger(r.delayMs) &&
  r.delayMs >= 0 &&
  r.delayMs <= 30_000;

const responseValid = (r: BinResponse): boolean => answerValid(r) && r.rules.every((rule) => answerValid(rule) && rulePathValid(rule.path));

function BinItem({ bin, selected, onSelect }: { bin: Bin; selected: boolean; onSelect: () => void }) {
  const updateBin = useApp((s) => s.updateBin);
  const [editing, setEditing] = useState<BinResponse | null>(null);
  return (
    <li className={`bin-item${selected ? ' active' : ''}`} data-testid="bin-item" data-bin-id={bin.id}>
      <div className="bin-item-head">
        <button type="button" className="bin-item-main" aria-current={selected ? 'true' : undefined} onClick={onSelect}>
          <span className="bin-item-name">{bin.name}</span>
          <span className="badge bin-count" data-testid="bin-count" title="Captured requests">
            {bin.requests}
          </span>
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          data-testid="bin-edit"
          title="Edit what this bin answers"
          aria-expanded={editing !== null}
          onClick={() => setEditing(editing ? null : bin.response)}
        >
          {bin.response.status} · {bin.response.delayMs > 0 ? `${bin.response.delayMs} ms` : 'no delay'}
          {bin.response.rules.length > 0 ? ` · ${bin.response.rules.length} rule${bin.response.rules.length === 1 ? '' : 's'}` : ''}
        </button>
      </div>
      <div className="copy-row">
        <code className="small" data-testid="bin-url">
          {bin.url}
        </code>
        <CopyButton text={bin.url} label={`URL of ${bin.name}`} />
      </div>
      {editing ? (
        <form
          className="bin-edit form"
          aria-label={`Response of ${bin.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (!responseValid(editing)) return;
            void updateBin(bin.id, { response: editing }).then((saved) => saved && setEditing(null));
          }}
        >
          <ResponseFields value={editing} onChange={setEditing} idPrefix="bin-edit" />
          <RuleFields rules={editing.rules} onChange={(rules) => setEditing({ ...editing, rules })} />
          <div className="form-actions">
            <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-small btn-primary" data-testid="bin-edit-save" disabled={!responseValid(editing)}>
              Save response
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

function BinRequests({ bin }: { bin: Bin }) {
  const requests = useApp((s) => s.binRequests);
  const loading = useApp((s) => s.binRequestsLoading);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="bin-requests" aria-label={`Requests to ${bin.name}`}>
      <h3 className="section-title">
        Requests to {bin.name} <span className="muted">· newest first</span>
      </h3>
      {loading ? <p className="muted small">Loading…</p> : null}
      {!loading && requests.length === 0 ? (
        <p className="muted small">
          Nothing yet. Send anything to <code>{bin.url}</code>; it shows here as it arrives.
        </p>
      ) : null}
      <ul className="bin-request-list">
        {requests.map((request) => (
          <BinRequestRow
            key={request.seq}
            bin={bin}
            request={request}
            open={open === request.seq}
            onToggle={() => setOpen(open === request.seq ? null : request.seq)}
          />
        ))}
      </ul>
    </section>
  );
}

function queryString(query: Record<string, string>): string {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
}

function BinRequestRow({ bin, request, open, onToggle }: { bin: Bin; request: BinRequest; open: boolean; onToggle: () => void }) {
  return (
    <li className={`bin-request${open ? ' open' : ''}`}>
      <button type="button" className="bin-request-row" data-testid="bin-request" data-seq={request.seq} aria-expanded={open} onClick={onToggle}>
        <ChevronIcon open={open} />
        <span className={`badge method method-${request.method.toLowerCase()}`}>{request.method}</span>
        <span className="mono small ellipsis" title={`${request.path}${queryString(request.query)}`}>
          {request.path}
          <span className="bin-query">{queryString(request.query)}</span>
        </span>
        <time className="muted small mono" title={fullTime(request.at)}>
          {clockTime(request.at)}
        </time>
      </button>
      {open ? <BinRequestDetail bin={bin} request={request} /> : null}
    </li>
  );
}

/** Headers and body of one captured request; a JSON body is pretty-printed. */
function BinRequestDetail({ bin, request }: { bin: Bin; request: BinRequest }) {
  const body = prettyBody(request.body);
  const queries = Object.entries(request.query);
  const importCurl = useApp((s) => s.importCurl);
  const setScreen = useApp((s) => s.setScreen);
  const reportError = useApp((s) => s.reportError);
  const curl = curlOf(bin, request);
  return (
    <div className="bin-request-detail" data-testid="bin-request-detail">
      {queries.length > 0 ? (
        <>
          <h4 className="field-label">Query</h4>
          <table className="kv">
            <tbody>
              {queries.map(([key, value]) => (
                <tr key={key}>
                  <th className="mono">{key}</th>
                  <td className="mono">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h4 className="field-label">Headers</h4>
      <table className="kv">
        <tbody>
          {Object.entries(request.headers).map(([key, value]) => (
            <tr key={key}>
              <th className="mono">{key}</th>
              <td className="mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="bin-body-head">
        <h4 className="field-label">Body{body.json ? ' (JSON)' : ''}</h4>
        {request.body ? <CopyButton text={request.body} label="body" testId="bin-copy-body" /> : null}
        <CopyButton text={prettyJson(request)} label="request as JSON" testId="bin-copy-request">
          Copy JSON
        </CopyButton>
        <CopyButton text={curl} label="request as cURL" testId="bin-copy-curl">
          Copy as cURL
        </CopyButton>
        <button
          type="button"
          className="btn btn-small"
          data-testid="bin-open-in-composer"
          onClick={() => {
            void importCurl(curl).then(
              () => setScreen('webhooks'),
              (error: unknown) => reportError(error, 'The request could not be opened in the composer'),
            );
          }}
        >
          Replay in composer
        </button>
      </div>
      {request.body ? (
        <pre className="bin-body" data-testid="bin-request-body">
          {body.text}
        </pre>
      ) : (
        <p className="muted small">(empty)</p>
      )}
    </div>
  );
}

function prettyBody(body: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}

/** Headers the client or the connection added, which a replay must not repeat. */
const CONNECTION_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'accept-encoding',
  'keep-alive',
  'transfer-encoding',
  'user-agent',
  'accept',
  'accept-language',
  'sec-fetch-mode',
]);

/** A captured request as the curl command that sends it again, to the same bin path. */
export function curlOf(bin: Bin, request: BinRequest): string {
  const url = `${new URL(bin.url).origin}${request.path}${queryString(request.query)}`;
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([key]) => !CONNECTION_HEADERS.has(key.toLowerCase())));
  return buildCurl({ method: request.method, url, headers, sentHeaders: headers, body: request.body });
}

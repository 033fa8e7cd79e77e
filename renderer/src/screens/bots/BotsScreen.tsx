import { useEffect, useState } from 'react';
import { isThemeColour } from '../../../../main/common/theme-colour.ts';
import type { Bot } from '../../../../main/platform/model.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CreateByNameForm } from '../../components/CreateByNameForm.tsx';
import { botIdFromEmbedCode, extractEmbedCode } from '../../lib/embed-code.ts';
import { useApp } from '../../store/context.tsx';
import { DeleteBotDialog } from './DeleteBotDialog.tsx';
import { IdentityVerification } from './IdentityVerification.tsx';
import { SignedWebhooks } from './SignedWebhooks.tsx';
import { WorkspacePanel } from './WorkspacePanel.tsx';

export function BotsScreen() {
  const bots = useApp((s) => s.bots);
  const selectedBotId = useApp((s) => s.selectedBotId);
  const selectBot = useApp((s) => s.selectBot);
  const selected = bots.find((b) => b.botId === selectedBotId);
  return (
    <div className="bots-screen">
      <div className="bots-side">
        <section aria-label="Bots">
          <h2 className="section-title">Bots</h2>
          {bots.length === 0 ? <p className="muted small">No bots yet. Create one below, or import one from its embed code.</p> : null}
          <ul className="bot-list" data-testid="bot-list">
            {bots.map((bot) => (
              <li key={bot.botId}>
                <button
                  type="button"
                  className={`bot-item${bot.botId === selectedBotId ? ' active' : ''}`}
                  data-testid="bot-item"
                  data-bot-id={bot.botId}
                  aria-current={bot.botId === selectedBotId ? 'true' : undefined}
                  onClick={() => selectBot(bot.botId)}
                >
                  <span className="bot-swatch" style={{ background: bot.settings.theme }} aria-hidden="true" />
                  <span className="bot-item-name">{bot.name}</span>
                  <code className="muted small">{bot.botId}</code>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <CreateBotForm />
        <WorkspacePanel />
        <ImportBotForm />
      </div>
      <div className="bots-main">
        {selected ? <BotDetails key={selected.botId} bot={selected} /> : <div className="empty">Select or create a bot.</div>}
      </div>
    </div>
  );
}

function CreateBotForm() {
  const createBot = useApp((s) => s.createBot);
  return (
    <CreateByNameForm
      className="card form"
      label="Create a bot"
      heading="New bot"
      fieldLabel="Bot name"
      placeholder="Bot name"
      maxLength={100}
      submit="Create"
      nameTestId="bot-create-name"
      submitTestId="bot-create"
      onCreate={async (name) => (await createBot({ name })) !== null}
    />
  );
}

function ImportBotForm() {
  const createBot = useApp((s) => s.createBot);
  const [name, setName] = useState('');
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const code = extractEmbedCode(pasted);
  const botId = code ? botIdFromEmbedCode(code) : null;
  return (
    <form
      className="card form"
      aria-label="Import a bot from its embed code"
      onSubmit={(e) => {
        e.preventDefault();
        if (!code || busy) return;
        setBusy(true);
        void createBot({ name: name.trim() || 'Imported bot', embedCode: code }).then((bot) => {
          setBusy(false);
          if (bot) {
            setName('');
            setPasted('');
          }
        });
      }}
    >
      <h3 className="section-title">Import from a production embed code</h3>
      <p className="muted small">
        Paste the site’s <code>data-fxo-widget</code> value (or the whole <code>&lt;script&gt;</code> tag). The mock bot keeps its Bot ID, so response
        paths match production.
      </p>
      <textarea
        className="mono"
        rows={3}
        data-testid="bot-import-code"
        aria-label="Embed code"
        placeholder='data-fxo-widget="eyJ3ZWIiOnsiYm90SWQiOi…"'
        value={pasted}
        onChange={(e) => setPasted(e.target.value)}
      />
      {code ? (
        <p className={`check ${botId ? 'check-ok' : 'check-bad'}`} data-testid="bot-import-check">
          {botId ? (
            <>
              ✓ Bot ID <code>{botId}</code>
            </>
          ) : (
            '✗ This is not an embed code: expected base64 of {"web":{"botId":"<24 hex>"}}'
          )}
        </p>
      ) : null}
      <div className="input-row">
        <input
          data-testid="bot-import-name"
          aria-label="Name of the imported bot"
          placeholder="Name (Imported bot)"
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn" data-testid="bot-import" disabled={!code || busy}>
          Import
        </button>
      </div>
    </form>
  );
}

function BotDetails({ bot }: { bot: Bot }) {
  const updateBot = useApp((s) => s.updateBot);
  const notify = useApp((s) => s.notify);
  const [name, setName] = useState(bot.name);
  const [theme, setTheme] = useState(bot.settings.theme);
  const [greeting, setGreeting] = useState(bot.settings.greeting);
  const [deleting, setDeleting] = useState(false);
  // A change saved elsewhere (another window, the admin API) replaces what the fields show.
  useEffect(() => {
    setName(bot.name);
  }, [bot.name]);
  useEffect(() => {
    setTheme(bot.settings.theme);
  }, [bot.settings.theme]);
  useEffect(() => {
    setGreeting(bot.settings.greeting);
  }, [bot.settings.greeting]);
  const themeValid = isThemeColour(theme);
  const settingsChanged = theme !== bot.settings.theme || greeting !== bot.settings.greeting;

  return (
    <div className="bot-details" data-testid="bot-details" data-bot-id={bot.botId}>
      <form
        className="input-row bot-rename"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && name.trim() !== bot.name) void updateBot(bot.botId, { name: name.trim() });
        }}
      >
        <input
          className="bot-name-input"
          data-testid="bot-rename-input"
          aria-label="Bot name"
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn" data-testid="bot-rename" disabled={!name.trim() || name.trim() === bot.name}>
          Rename
        </button>
        <button type="button" className="btn btn-danger" data-testid="bot-delete" onClick={() => setDeleting(true)}>
          Delete…
        </button>
      </form>
      {deleting ? <DeleteBotDialog bot={bot} onClose={() => setDeleting(false)} /> : null}

      <dl className="facts bot-facts">
        <dt>Bot ID</dt>
        <dd className="copy-row">
          <code data-testid="bot-id">{bot.botId}</code>
          <CopyButton text={bot.botId} label="Bot ID" />
        </dd>
        <dt>Webhook URL</dt>
        <dd className="copy-row">
          <code data-testid="bot-webhook-url">{bot.webhookUrl}</code>
          <CopyButton text={bot.webhookUrl} label="webhook URL" />
        </dd>
        <dt>Embed code</dt>
        <dd className="copy-row">
          <code className="wrap" data-testid="bot-embed-code">
            {bot.embedCode}
          </code>
          <CopyButton text={bot.embedCode} label="embed code" />
        </dd>
        <dt>Connection ID</dt>
        <dd className="copy-row">
          <code data-testid="bot-connection-id">{bot.connectionId}</code>
          <CopyButton text={bot.connectionId} label="connection ID" />
        </dd>
        <dt>Snippets a site pastes</dt>
        <dd className="snippet-pair">
          <div className="snippet-col">
            <span className="snippet-title">Current: loader.js (FlowXO)</span>
            <div className="copy-row">
              <pre className="snippet" data-testid="bot-loader-snippet">
                {bot.loaderSnippet}
              </pre>
              <CopyButton text={bot.loaderSnippet} label="loader snippet" />
            </div>
          </div>
          <div className="snippet-col">
            <span className="snippet-title">Legacy: embed.js (FxoMessenger)</span>
            <div className="copy-row">
              <pre className="snippet" data-testid="bot-embed-snippet">
                {bot.embedSnippet}
              </pre>
              <CopyButton text={bot.embedSnippet} label="embed snippet" />
            </div>
          </div>
        </dd>
      </dl>

      <form
        className="card form"
        aria-label="Widget settings"
        onSubmit={(e) => {
          e.preventDefault();
          if (!themeValid) return;
          void updateBot(bot.botId, { settings: { theme, greeting } }).then(
            (saved) => saved && notify({ tone: 'success', title: 'Settings saved', message: bot.name, code: null }),
          );
        }}
      >
        <h3 className="section-title">Widget settings</h3>
        <label className="field">
          <span className="field-label">Theme colour</span>
          <span className="input-row">
            <input type="color" aria-label="Theme colour picker" value={themeValid ? theme : '#000000'} onChange={(e) => setTheme(e.target.value)} />
            <input
              className="mono"
              data-testid="bot-theme"
              aria-label="Theme colour"
              value={theme}
              aria-invalid={!themeValid}
              onChange={(e) => setTheme(e.target.value)}
            />
          </span>
          {!themeValid ? <span className="check check-bad">A colour like #1f6feb.</span> : null}
        </label>
        <label className="field">
          <span className="field-label">Greeting (shown above an empty transcript)</span>
          <textarea data-testid="bot-greeting" rows={2} maxLength={500} value={greeting} onChange={(e) => setGreeting(e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="bot-settings-save" disabled={!settingsChanged || !themeValid}>
            Save settings
          </button>
        </div>
      </form>

      <IdentityVerification bot={bot} />
      <SignedWebhooks bot={bot} />
    </div>
  );
}

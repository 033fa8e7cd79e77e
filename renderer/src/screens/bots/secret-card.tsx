/** The parts both security panels of a bot (identity verification, signed webhooks) are made of. */
import { useState } from 'react';
import type { Bot, BotSettings } from '../../../../main/platform/model.ts';
import { BotbenchBadge } from '../../components/badges.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { maskSecret } from '../../lib/secret-samples.ts';
import { useApp } from '../../store/context.tsx';

/** A bot setting that is on or off, saved as soon as it is switched. */
export function SettingSwitch({
  bot,
  setting,
  title,
  testId,
  on,
  off,
}: {
  bot: Bot;
  setting: Extract<keyof BotSettings, 'verifyIdentity' | 'verifyWebhooks'>;
  title: string;
  testId: string;
  on: string;
  off: string;
}) {
  const updateBot = useApp((s) => s.updateBot);
  const [saving, setSaving] = useState(false);
  const checked = bot.settings[setting];
  return (
    <div className="setting-switch">
      <div className="setting-switch-head">
        <h3 className="section-title">{title}</h3>
        {/* Both switches guard behaviours Flow XO does not have. */}
        <BotbenchBadge what={title} />
        <label className="switch" title={checked ? 'On: click to turn off' : 'Off: click to turn on'}>
          <input
            type="checkbox"
            role="switch"
            data-testid={testId}
            aria-label={title}
            checked={checked}
            disabled={saving}
            onChange={(e) => {
              setSaving(true);
              void updateBot(bot.botId, { settings: { [setting]: e.target.checked } }).finally(() => setSaving(false));
            }}
          />
          <span className="switch-track" aria-hidden="true" />
        </label>
        <span className={`badge setting-state ${checked ? 'setting-on' : ''}`} data-testid={`${testId}-state`}>
          {checked ? 'on' : 'off'}
        </span>
      </div>
      <p className="small setting-explain">{checked ? on : off}</p>
    </div>
  );
}

/** A secret, masked until revealed, always copyable. */
export function SecretRow({
  label,
  secret,
  revealed,
  onReveal,
  testId,
}: {
  label: string;
  secret: string;
  revealed: boolean;
  onReveal: (revealed: boolean) => void;
  testId: string;
}) {
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <div className="copy-row secret-row">
        <code data-testid={testId} data-revealed={String(revealed)}>
          {revealed ? secret : maskSecret(secret)}
        </code>
        <button
          type="button"
          className="btn btn-small btn-quiet"
          aria-pressed={revealed}
          aria-label={`${revealed ? 'Hide' : 'Reveal'} the ${label.toLowerCase()}`}
          onClick={() => onReveal(!revealed)}
        >
          {revealed ? 'Hide' : 'Reveal'}
        </button>
        <CopyButton text={secret} label={label.toLowerCase()} />
      </div>
    </div>
  );
}

/** A code sample as shown (secret masked or not) with a copy of it that has the real secret. */
export function CodeSample({ title, code, copy }: { title: string; code: string; copy: string }) {
  return (
    <div className="code-sample">
      <div className="code-sample-head">
        <span className="field-label">{title}</span>
        <CopyButton text={copy} label={`${title} sample`} />
      </div>
      <pre className="snippet mono">{code}</pre>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { Bot } from '../../../../main/platform/model.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CHANNEL_ID_EXPECTED, isChannelId } from '../../lib/response-path.ts';
import { maskSecret, nodeUserHashSample, pythonUserHashSample } from '../../lib/secret-samples.ts';
import { useApp } from '../../store/context.tsx';
import { CodeSample, SecretRow, SettingSwitch } from './secret-card.tsx';

/** Identity verification: the switch, the secret, how a site's server computes the userHash, and a calculator. */
export function IdentityVerification({ bot }: { bot: Bot }) {
  const [revealed, setRevealed] = useState(false);
  const shown = revealed ? bot.identitySecret : maskSecret(bot.identitySecret);
  return (
    <section className="card form secret-card" aria-label="Identity verification" data-testid="bot-identity-verification">
      <SettingSwitch
        bot={bot}
        setting="verifyIdentity"
        title="Identity verification"
        testId="bot-verify-identity"
        on="On: an external user ID needs the userHash the site’s server computes; a page without it is refused and logged."
        off="Off (the default): any page can claim any external user ID, so the Impersonator profile lands in that user’s conversation."
      />
      <SecretRow label="Identity secret" secret={bot.identitySecret} revealed={revealed} onReveal={setRevealed} testId="bot-identity-secret" />
      <p className="muted small">
        A site’s server computes <code>userHash = HMAC-SHA256(identity secret, external user ID)</code> as hex and passes it to{' '}
        <code>FxoMessenger.setConfig</code> with the ID. The secret never goes to the page.
      </p>
      <CodeSample title="Node" code={nodeUserHashSample(shown)} copy={nodeUserHashSample(bot.identitySecret)} />
      <CodeSample title="Python" code={pythonUserHashSample(shown)} copy={pythonUserHashSample(bot.identitySecret)} />
      <HashCalculator bot={bot} />
    </section>
  );
}

/** Type an external user ID, get the userHash a site's server would send for it. */
function HashCalculator({ bot }: { bot: Bot }) {
  const identityHash = useApp((s) => s.identityHash);
  const [userId, setUserId] = useState('');
  const [result, setResult] = useState<{ userId: string; userHash: string } | null>(null);
  const id = userId.trim();
  const valid = isChannelId(id);
  useEffect(() => {
    if (!valid) return;
    // Only the answer for what is typed now is shown: an older, slower answer is dropped.
    let current = true;
    void identityHash(bot.botId, id).then((userHash) => {
      if (current && userHash !== null) setResult({ userId: id, userHash });
    });
    return () => {
      current = false;
    };
  }, [bot.botId, bot.identitySecret, id, valid, identityHash]);
  const hash = valid && result?.userId === id ? result.userHash : null;
  return (
    <div className="field hash-calculator">
      <label className="field-label" htmlFor={`hash-input-${bot.botId}`}>
        userHash calculator
      </label>
      <input
        id={`hash-input-${bot.botId}`}
        className="mono"
        data-testid="bot-hash-input"
        placeholder="External user ID, e.g. User123"
        spellCheck={false}
        autoComplete="off"
        value={userId}
        aria-invalid={id !== '' && !valid}
        onChange={(e) => setUserId(e.target.value)}
      />
      {id !== '' && !valid ? (
        <p className="check check-bad" role="status">
          ✗ An external user ID is {CHANNEL_ID_EXPECTED}.
        </p>
      ) : hash !== null ? (
        <div className="copy-row hash-output">
          <code data-testid="bot-hash-output" title={`userHash of ${JSON.stringify(id)}`}>
            {hash}
          </code>
          <CopyButton text={hash} label={`userHash of ${id}`} />
        </div>
      ) : (
        <p className="check check-hint">The userHash appears here as you type.</p>
      )}
    </div>
  );
}

import { useState, type ReactNode } from 'react';
import type { Bot } from '../../../../main/platform/model.ts';
import { formatResponsePath } from '../../lib/response-path.ts';
import { maskSecret, nodeWebhookSample, SIGNATURE_HEADERS } from '../../lib/secret-samples.ts';
import { CodeSample, SecretRow, SettingSwitch } from './secret-card.tsx';

/** Signed webhooks (Standard Webhooks): the switch, the secret, and how a sender signs. */
export function SignedWebhooks({ bot }: { bot: Bot }) {
  const [revealed, setRevealed] = useState(false);
  const shown = revealed ? bot.webhookSecret : maskSecret(bot.webhookSecret);
  const examplePath = formatResponsePath(bot.botId, 'User123');
  return (
    <section className="card form secret-card" aria-label="Signed webhooks" data-testid="bot-signed-webhooks">
      <SettingSwitch
        bot={bot}
        setting="verifyWebhooks"
        title="Signed webhooks"
        testId="bot-verify-webhooks"
        on="On: a webhook needs a valid Standard Webhooks signature made with this secret; others get 401, a repeated webhook-id 409."
        off="Off (the default): the webhook URL accepts any well-formed request, signed or not."
      />
      <SecretRow label="Webhook secret" secret={bot.webhookSecret} revealed={revealed} onReveal={setRevealed} testId="bot-webhook-secret" />
      <dl className="facts signature-headers">
        {SIGNATURE_HEADERS.map((header) => (
          <HeaderFact key={header.name} name={header.name}>
            {header.description}
          </HeaderFact>
        ))}
      </dl>
      <CodeSample
        title="Node (standardwebhooks)"
        code={nodeWebhookSample(shown, bot.webhookUrl, examplePath)}
        copy={nodeWebhookSample(bot.webhookSecret, bot.webhookUrl, examplePath)}
      />
      <p className="muted small">The webhook composer can sign for you: tick “Sign (Standard Webhooks)”.</p>
    </section>
  );
}

function HeaderFact({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt>
        <code>{name}</code>
      </dt>
      <dd className="small">{children}</dd>
    </>
  );
}

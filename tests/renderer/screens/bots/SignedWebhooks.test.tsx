// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { SignedWebhooks } from '../../../../renderer/src/screens/bots/SignedWebhooks.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot } from '../../fixtures.ts';
import { renderBotPanel } from '../../render.ts';

const bot = makeBot();

function setup(client = new FakeClient()) {
  return renderBotPanel(SignedWebhooks, bot, client);
}

describe('<SignedWebhooks>', () => {
  it('turns signature checks on with bots.update', async () => {
    const client = new FakeClient({
      'bots.update': ({ settings }) => makeBot({ settings: { ...bot.settings, ...settings } }),
    });
    setup(client);
    fireEvent.click(screen.getByTestId('bot-verify-webhooks'));
    expect(client.paramsOf('bots.update')).toEqual([{ botId: BOT_ID, settings: { verifyWebhooks: true } }]);
    await act(async () => undefined);
    expect((screen.getByTestId('bot-verify-webhooks') as HTMLInputElement).checked).toBe(true);
  });

  it('shows the whsec_ secret masked, the three headers, and a standardwebhooks example with the secret once revealed', () => {
    setup();
    const section = screen.getByTestId('bot-signed-webhooks');
    expect(screen.getByTestId('bot-webhook-secret').textContent).toBe(`whsec_${'•'.repeat(20)}`);
    expect(
      within(section)
        .getAllByRole('term')
        .map((term) => term.textContent),
    ).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    fireEvent.click(within(section).getByRole('button', { name: 'Reveal the webhook secret' }));
    expect(screen.getByTestId('bot-webhook-secret').textContent).toBe(bot.webhookSecret);
    const example = section.querySelector('pre')!.textContent;
    expect(example).toContain(`const secret = '${bot.webhookSecret}';`);
    expect(example).toContain('new Webhook(secret).sign(msgId, timestamp, body)');
    expect(example).toContain(`await fetch('${bot.webhookUrl}'`);
  });
});

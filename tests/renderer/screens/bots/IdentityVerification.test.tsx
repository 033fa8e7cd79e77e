// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { IdentityVerification } from '../../../../renderer/src/screens/bots/IdentityVerification.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot } from '../../fixtures.ts';
import { renderBotPanel } from '../../render.ts';

const bot = makeBot();

function setup(client = new FakeClient()) {
  return renderBotPanel(IdentityVerification, bot, client);
}

describe('<IdentityVerification>', () => {
  it('turns verification on with bots.update, and shows what the platform saved', async () => {
    const client = new FakeClient({
      'bots.update': ({ settings }) => makeBot({ settings: { ...bot.settings, ...settings } }),
    });
    setup(client);
    const toggle = screen.getByTestId('bot-verify-identity') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(screen.getByTestId('bot-verify-identity-state').textContent).toBe('off');
    fireEvent.click(toggle);
    expect(client.paramsOf('bots.update')).toEqual([{ botId: BOT_ID, settings: { verifyIdentity: true } }]);
    await act(async () => undefined);
    expect((screen.getByTestId('bot-verify-identity') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('bot-verify-identity-state').textContent).toBe('on');
    const section = screen.getByTestId('bot-identity-verification');
    expect(section.textContent).toContain('a page without it is refused and logged');
  });

  it('masks the identity secret until revealed, in the field and in the code samples', () => {
    setup();
    const section = screen.getByTestId('bot-identity-verification');
    expect(screen.getByTestId('bot-identity-secret').textContent).not.toContain(bot.identitySecret);
    expect(section.textContent).not.toContain(bot.identitySecret);

    fireEvent.click(within(section).getByRole('button', { name: 'Reveal the identity secret' }));
    expect(screen.getByTestId('bot-identity-secret').textContent).toBe(bot.identitySecret);
    const samples = within(section)
      .getAllByText((_, element) => element?.tagName === 'PRE')
      .map((pre) => pre.textContent);
    expect(samples).toEqual([
      expect.stringContaining(
        `const secret = '${bot.identitySecret}';\nconst userHash = crypto.createHmac('sha256', secret).update(userId).digest('hex');`,
      ),
      expect.stringContaining(
        `secret = '${bot.identitySecret}'\nuser_hash = hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()`,
      ),
    ]);
  });

  it('shows the userHash bots.identityHash computes for the ID typed in the calculator', async () => {
    const client = new FakeClient({ 'bots.identityHash': ({ externalUserId }) => ({ userHash: `hash-of-${externalUserId}` }) });
    setup(client);
    expect(screen.queryByTestId('bot-hash-output')).toBeNull();
    fireEvent.change(screen.getByTestId('bot-hash-input'), { target: { value: 'User123' } });
    expect((await screen.findByTestId('bot-hash-output')).textContent).toBe('hash-of-User123');
    expect(client.paramsOf('bots.identityHash')).toEqual([{ botId: BOT_ID, externalUserId: 'User123' }]);
  });

  it('says what an external user ID looks like instead of hashing one the platform would refuse', () => {
    const client = new FakeClient({ 'bots.identityHash': () => ({ userHash: 'never' }) });
    setup(client);
    fireEvent.change(screen.getByTestId('bot-hash-input'), { target: { value: 'two words' } });
    expect(screen.getByRole('status').textContent).toContain('An external user ID is 1 to 128 characters without whitespace');
    expect(client.paramsOf('bots.identityHash')).toEqual([]);
    expect(screen.queryByTestId('bot-hash-output')).toBeNull();
  });
});

// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { BotsScreen } from '../../../../renderer/src/screens/bots/BotsScreen.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const bot = makeBot();

function setup(client = new FakeClient()) {
  const rendered = renderWithStore(<BotsScreen />, client);
  act(() => rendered.store.getState().applyBot(bot));
  return rendered;
}

describe('<BotsScreen>', () => {
  it('shows the selected bot with its identity-verification and signed-webhooks panels', () => {
    setup();
    const details = screen.getByTestId('bot-details');
    expect(details.getAttribute('data-bot-id')).toBe(BOT_ID);
    expect(within(details).getByTestId('bot-identity-verification')).toBeTruthy();
    expect(within(details).getByTestId('bot-signed-webhooks')).toBeTruthy();
  });

  it('creates a bot from the New bot form and selects it', async () => {
    const created = makeBot({ botId: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'Sales bot' });
    const client = new FakeClient({ 'bots.create': () => created });
    setup(client);
    fireEvent.change(within(screen.getByRole('form', { name: 'Create a bot' })).getByRole('textbox', { name: 'Bot name' }), {
      target: { value: ' Sales bot ' },
    });
    await act(async () => fireEvent.click(screen.getByTestId('bot-create')));
    expect(client.paramsOf('bots.create')).toEqual([{ name: 'Sales bot' }]);
    expect(screen.getByTestId('bot-details').getAttribute('data-bot-id')).toBe(created.botId);
  });
});

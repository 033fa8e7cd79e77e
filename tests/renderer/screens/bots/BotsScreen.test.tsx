// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
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
});

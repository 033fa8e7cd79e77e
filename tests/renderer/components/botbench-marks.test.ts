// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { BOTBENCH_ONLY, BotbenchBadge } from '../../../renderer/src/components/badges.tsx';
import { BotsScreen } from '../../../renderer/src/screens/bots/BotsScreen.tsx';
import { LogScreen } from '../../../renderer/src/screens/log/LogScreen.tsx';
import { PeopleScreen } from '../../../renderer/src/screens/people/PeopleScreen.tsx';
import { UsersScreen } from '../../../renderer/src/screens/users/UsersScreen.tsx';
import { WebhooksScreen } from '../../../renderer/src/screens/webhooks/WebhooksScreen.tsx';
import { BOT_ID, makeBot, makeUser } from '../fixtures.ts';
import { renderWithStore } from '../render.ts';

/** The marks a screen shows, by their accessible name. */
function marks(container: HTMLElement = document.body): string[] {
  return within(container)
    .queryAllByTestId('botbench-badge')
    .map((badge) => badge.getAttribute('aria-label') ?? '');
}

describe('the Botbench mark', () => {
  it('names itself for screen readers and as a tooltip', () => {
    renderWithStore(createElement(BotbenchBadge, { what: 'Request bins' }));
    const badge = screen.getByRole('note', { name: `Request bins: ${BOTBENCH_ONLY}` });
    expect(badge.textContent).toBe('Botbench');
    expect(badge.getAttribute('title')).toBe(`Request bins: ${BOTBENCH_ONLY}`);
    expect(BOTBENCH_ONLY).toBe('Botbench feature — not part of Flow XO');
  });

  it('marks identity verification and signed webhooks on the Bots screen', () => {
    const { store } = renderWithStore(createElement(BotsScreen));
    act(() => store.setState({ bots: [makeBot()], selectedBotId: BOT_ID }));
    expect(marks(screen.getByTestId('bot-identity-verification'))).toEqual([`Identity verification: ${BOTBENCH_ONLY}`]);
    expect(marks(screen.getByTestId('bot-signed-webhooks'))).toEqual([`Signed webhooks: ${BOTBENCH_ONLY}`]);
  });

  it('marks Standard Webhooks signing in the webhook composer', () => {
    const { store } = renderWithStore(createElement(WebhooksScreen));
    act(() => store.setState({ bots: [makeBot()], selectedBotId: BOT_ID }));
    expect(marks()).toContain(`Standard Webhooks signing: ${BOTBENCH_ONLY}`);
  });

  it('marks the request bins beside the log, closed and open', () => {
    const { store } = renderWithStore(createElement(LogScreen));
    act(() => store.setState({ binsPanelOpen: false }));
    expect(marks()).toEqual([`Request bins: ${BOTBENCH_ONLY}`]);
    act(() => store.setState({ binsPanelOpen: true }));
    expect(marks(screen.getByTestId('bins-panel'))).toEqual([`Request bins: ${BOTBENCH_ONLY}`]);
  });

  it('marks the simulated channels on the People screen', () => {
    renderWithStore(createElement(PeopleScreen));
    expect(marks()).toEqual([`Simulated Telegram-like and Messenger-like channels: ${BOTBENCH_ONLY}`]);
  });

  it('marks a Telegram-like user on the Users screen and leaves a web visitor unmarked', () => {
    const { store } = renderWithStore(createElement(UsersScreen));
    act(() => store.setState({ users: [makeUser({ channelId: 'web1' }), makeUser({ channelId: '123', channel: 'telegram', kind: 'external' })] }));
    const rows = screen.getAllByTestId('user-row');
    expect(rows.map((row) => marks(row))).toEqual([[], [`Simulated channel: ${BOTBENCH_ONLY}`]]);
  });
});

// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { BotsScreen } from '../../../../renderer/src/screens/bots/BotsScreen.tsx';
import { describeContents } from '../../../../renderer/src/screens/bots/DeleteBotDialog.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const contents = { users: 3, messages: 1, flows: 2, logEntries: 41 };

describe('describeContents()', () => {
  it('names every count, singular and plural', () => {
    expect(describeContents(contents)).toBe('3 users, 1 message, 2 flows and 41 log entries');
    expect(describeContents({ users: 1, messages: 0, flows: 1, logEntries: 1 })).toBe('1 user, 0 messages, 1 flow and 1 log entry');
  });
});

describe('<DeleteBotDialog> from the Bots screen', () => {
  it('says how much goes before deleting, and deletes only when confirmed', async () => {
    const client = new FakeClient({ 'bots.contents': () => contents, 'bots.delete': () => contents });
    const { store } = renderWithStore(<BotsScreen />, client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.click(screen.getByTestId('bot-delete'));
    await act(async () => undefined);
    expect(screen.getByTestId('delete-bot-contents').textContent).toBe(
      `This removes the bot ${BOT_ID} with 3 users, 1 message, 2 flows and 41 log entries. Its webhook URL stops answering and its open widgets are disconnected. This cannot be undone.`,
    );
    expect(client.paramsOf('bots.delete')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('delete-bot-dialog')).toBeNull();
    expect(client.paramsOf('bots.delete')).toEqual([]);

    fireEvent.click(screen.getByTestId('bot-delete'));
    await act(async () => undefined);
    fireEvent.click(screen.getByTestId('delete-bot-confirm'));
    await act(async () => undefined);
    expect(client.paramsOf('bots.delete')).toEqual([{ botId: BOT_ID }]);
    expect(store.getState().bots).toEqual([]);
    expect(screen.queryByTestId('delete-bot-dialog')).toBeNull();
    expect(store.getState().toasts.at(-1)).toMatchObject({ title: 'Bot deleted' });
  });
});

// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { UsersScreen } from '../../../../renderer/src/screens/users/UsersScreen.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeMessage, makeUser } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

describe('<UsersScreen>', () => {
  it('filters users as you type', () => {
    const { store } = renderWithStore(createElement(UsersScreen));
    act(() =>
      store.setState({
        users: [makeUser({ channelId: 'n_anon' }), makeUser({ channelId: 'User123', kind: 'external', metadata: { plan: 'gold' } })],
      }),
    );
    expect(screen.getAllByTestId('user-row')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('users-filter'), { target: { value: 'GOLD' } });
    expect(screen.getAllByTestId('user-row').map((r) => r.dataset.responsePath)).toEqual([`${BOT_ID}/c/User123`]);
  });

  it('marks a user of a simulated channel with its provider, and a web visitor with none', () => {
    const { store } = renderWithStore(createElement(UsersScreen));
    act(() =>
      store.setState({
        users: [makeUser({ channelId: 'n_anon' }), makeUser({ channelId: '123456789', kind: 'external', channel: 'telegram' })],
      }),
    );
    const marks = screen.getAllByTestId('user-row').map((row) => within(row).queryByTestId('user-channel')?.textContent ?? null);
    expect(marks).toEqual([null, 'Telegram-like']);
  });

  it('opens a user with their transcript, and adds live messages', async () => {
    const path = `${BOT_ID}/c/n_anon`;
    const client = new FakeClient({
      'users.transcript': () => [
        makeMessage({ id: 'm1', seq: 1, responsePath: path, text: 'Hi bot' }),
        makeMessage({ id: 'm2', seq: 2, responsePath: path, direction: 'out', source: 'bot', text: 'Hello!' }),
      ],
    });
    const { store } = renderWithStore(createElement(UsersScreen), client);
    act(() => store.setState({ users: [makeUser({ channelId: 'n_anon' })] }));
    fireEvent.click(screen.getByTestId('user-row'));
    const drawer = await screen.findByTestId('user-drawer');
    await within(drawer).findByText('Hello!');
    expect(client.paramsOf('users.transcript')).toEqual([{ responsePath: path }]);

    act(() =>
      client.emit({
        type: 'message',
        message: makeMessage({ id: 'm3', seq: 3, responsePath: path, direction: 'out', source: 'webhook', text: 'From a webhook' }),
      }),
    );
    const messages = within(drawer).getAllByTestId('transcript-message');
    expect(messages.map((m) => [m.dataset.direction, m.dataset.source])).toEqual([
      ['in', 'widget'],
      ['out', 'bot'],
      ['out', 'webhook'],
    ]);
  });

  it('marks a visitor who logged in, and opens the user they became from the drawer', async () => {
    const anonymousPath = `${BOT_ID}/c/n_anon`;
    const loggedInPath = `${BOT_ID}/c/User123`;
    const client = new FakeClient({ 'users.transcript': () => [] });
    const { store } = renderWithStore(createElement(UsersScreen), client);
    act(() =>
      store.setState({
        users: [makeUser({ channelId: 'n_anon', linkedTo: loggedInPath }), makeUser({ channelId: 'User123', kind: 'external' })],
      }),
    );
    const rows = screen.getAllByTestId('user-row');
    expect(rows.map((r) => within(r).queryByTestId('user-linked-marker')?.textContent ?? null)).toEqual(['linked', null]);

    fireEvent.click(rows[0]!);
    const link = await screen.findByTestId('user-linked-to');
    expect(link.textContent).toBe(`→ ${loggedInPath}`);
    fireEvent.click(link);
    await act(async () => undefined);
    expect(store.getState().selectedUserPath).toBe(loggedInPath);
    expect(screen.getByTestId('user-drawer').querySelector('h2')!.textContent).toBe(loggedInPath);
    expect(screen.queryByTestId('user-linked-to')).toBeNull();
    expect(screen.getByTestId('user-linked-from').textContent).toBe(`← ${anonymousPath}`);
    expect(client.paramsOf('users.transcript')).toEqual([{ responsePath: anonymousPath }, { responsePath: loggedInPath }]);
  });
});

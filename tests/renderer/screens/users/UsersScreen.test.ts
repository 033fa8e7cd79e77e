// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
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

describe('<UsersScreen> as Flow XO’s users section', () => {
  it('shows each user’s status, and exports the shown users of the selected bot as CSV', async () => {
    const client = new FakeClient({
      'users.exportCsv': () => ({ fileName: 'botbench-users.csv', content: 'response_path\r\n', mime: 'text/csv;charset=utf-8' }),
    });
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:users';
    };
    URL.revokeObjectURL = () => undefined;
    const { store } = renderWithStore(createElement(UsersScreen), client);
    act(() =>
      store.setState({
        selectedBotId: BOT_ID,
        users: [makeUser({ channelId: 'a' }), makeUser({ channelId: 'b', status: 'unreachable' })],
      }),
    );
    expect(screen.getAllByTestId('user-status').map((s) => s.textContent)).toEqual(['Active', 'Unreachable']);
    fireEvent.click(screen.getByTestId('users-export-csv'));
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(client.paramsOf('users.exportCsv')).toEqual([{ botId: BOT_ID }]);
    expect(await created[0]!.text()).toBe('response_path\r\n');
  });

  it('creates a user through the Users API call, and shows a refusal with its code', async () => {
    let refuse = true;
    const client = new FakeClient({
      'users.create': (params) => {
        if (refuse) throw { code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: 'No bot has Bot ID x.' };
        return { user: makeUser({ channelId: params.channelId, name: params.name ?? null, kind: 'external' }), created: true };
      },
    });
    const { store } = renderWithStore(createElement(UsersScreen), client);
    act(() => store.setState({ selectedBotId: BOT_ID, users: [] }));
    fireEvent.click(screen.getByTestId('users-add'));
    const submit = screen.getByTestId('users-add-submit');
    fireEvent.change(screen.getByTestId('users-add-channel-id'), { target: { value: 'has space' } });
    expect(submit).toHaveProperty('disabled', true);
    expect(screen.getByTestId('users-add-hint').textContent).toContain('without whitespace');
    fireEvent.change(screen.getByTestId('users-add-channel-id'), { target: { value: 'crm-42' } });
    fireEvent.change(screen.getByTestId('users-add-name'), { target: { value: 'Ada' } });
    fireEvent.click(submit);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'BOTBENCH_ERR_BOT_NOT_FOUND: No bot has Bot ID x.');
    refuse = false;
    fireEvent.click(submit);
    await vi.waitFor(() => expect(screen.queryByTestId('users-add-form')).toBeNull());
    expect(client.paramsOf('users.create').at(-1)).toEqual({ botId: BOT_ID, channelId: 'crm-42', name: 'Ada' });
    expect(screen.getByTestId('user-row').dataset.responsePath).toBe(`${BOT_ID}/c/crm-42`);
    expect(screen.getByTestId('user-row').textContent).toContain('Ada');
  });
});

// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../main/platform/model.ts';
import { UserDrawer } from '../../../../renderer/src/screens/users/UserDrawer.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeUser } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const PATH = `${BOT_ID}/c/u1`;

function setup(user: User) {
  let current = user;
  const client = new FakeClient({
    'users.transcript': () => [],
    'users.setStatus': ({ status }) => (current = { ...current, status }),
    'users.clearAttributes': () => (current = { ...current, attributes: {} }),
  });
  const rendered = renderWithStore(createElement(UserDrawer), client);
  act(() => rendered.store.setState({ users: [user], selectedUserPath: PATH }));
  return { ...rendered, drawer: screen.getByTestId('user-drawer') };
}

describe('<UserDrawer> actions', () => {
  it('makes an active user unreachable and back (Flow XO’s Make active/unreachable)', async () => {
    const { drawer, client } = setup(makeUser({ channelId: 'u1' }));
    const toggle = within(drawer).getByTestId('user-toggle-status');
    expect(toggle.textContent).toBe('Make unreachable');
    fireEvent.click(toggle);
    await vi.waitFor(() => expect(within(drawer).getByTestId('user-status').textContent).toBe('Unreachable'));
    expect(toggle.textContent).toBe('Make active');
    fireEvent.click(toggle);
    await vi.waitFor(() => expect(within(drawer).getByTestId('user-status').textContent).toBe('Active'));
    expect(client.paramsOf('users.setStatus')).toEqual([
      { responsePath: PATH, status: 'unreachable' },
      { responsePath: PATH, status: 'active' },
    ]);
  });

  it('clears attributes only after a second, explicit click', async () => {
    const { drawer, client } = setup(makeUser({ channelId: 'u1', attributes: { plan: 'gold' }, name: 'Ada' }));
    expect(within(drawer).getByTestId('user-name').textContent).toBe('Ada');
    fireEvent.click(within(drawer).getByTestId('user-clear-attributes'));
    expect(client.paramsOf('users.clearAttributes')).toEqual([]);
    fireEvent.click(within(drawer).getByTestId('user-clear-attributes-confirm'));
    await vi.waitFor(() => expect(within(drawer).getByTestId('user-clear-attributes')).toHaveProperty('disabled', true));
    expect(client.paramsOf('users.clearAttributes')).toEqual([{ responsePath: PATH }]);
  });
});

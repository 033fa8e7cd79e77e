// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ProfilesScreen } from '../../../../renderer/src/screens/profiles/ProfilesScreen.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, entry, makeBot, makeProfile } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

describe('<ProfilesScreen>', () => {
  it('points to the Bots screen when there is no bot', () => {
    const { store } = renderWithStore(createElement(ProfilesScreen));
    expect(screen.getByText('No bots yet')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Create a bot/ }));
    expect(store.getState().screen).toBe('bots');
  });

  it('invites to open a profile or seed the story when there is none', () => {
    const { store } = renderWithStore(createElement(ProfilesScreen));
    act(() => store.getState().applyBot(makeBot()));
    expect(screen.getByText('No profiles yet — open one, or press Seed story to open the whole identity story')).toBeTruthy();
  });

  it('opens an External ID profile with the ID typed in the prompt', async () => {
    const client = new FakeClient({ 'profiles.open': (input) => makeProfile({ id: 'e1', kind: input.kind }) });
    const { store } = renderWithStore(createElement(ProfilesScreen), client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.click(screen.getByTestId('open-profile-external-id'));
    const value = screen.getByTestId('open-profile-value') as HTMLInputElement;
    expect(value.value).toBe('User123');
    fireEvent.change(value, { target: { value: 'Customer42' } });
    fireEvent.click(screen.getByTestId('open-profile-submit'));
    expect(client.paramsOf('profiles.open')).toEqual([{ kind: 'external-id', botId: BOT_ID, externalUserId: 'Customer42' }]);
    await act(async () => undefined);
    expect(screen.queryByTestId('open-profile-dialog')).toBeNull();
    expect(screen.getAllByTestId('profile-pane').map((p) => p.dataset.kind)).toEqual(['external-id']);
  });

  it('fills the identity matrix from the timelines, with who shares a response path', () => {
    const { store } = renderWithStore(createElement(ProfilesScreen));
    act(() => {
      store.getState().applyBot(makeBot());
      store.getState().applyProfile(
        makeProfile({
          id: 'p1',
          timeline: [entry('opened', 'n_a'), entry('reloaded', 'n_a'), entry('cleared', 'n_b', { changed: true })],
          channelId: 'n_b',
        }),
      );
      store.getState().applyProfile(makeProfile({ id: 'e1', kind: 'external-id', label: 'External ID', channelId: 'User123' }));
      store.getState().applyProfile(makeProfile({ id: 'e2', kind: 'external-id', label: 'External ID 2', channelId: 'User123' }));
    });
    const cell = (id: string, action: string) =>
      screen.getAllByTestId('matrix-cell').find((c) => c.dataset.profileId === id && c.dataset.action === action)!;
    expect(cell('p1', 'reloaded').dataset.value).toBe('same');
    expect(cell('p1', 'cleared').dataset.value).toBe('changed');
    expect(cell('p1', 'reset').dataset.value).toBe('none');
    expect(cell('p1', 'reset').textContent).toBe('–');
    const shares = screen.getAllByTestId('matrix-shares').map((c) => c.textContent);
    expect(shares).toEqual(['—', '= External ID 2', '= External ID']);
    expect(screen.getAllByTestId('profile-pane')).toHaveLength(3);
  });

  it('shows a toast with the code and message when opening fails', async () => {
    const client = new FakeClient().fail('profiles.open', {
      code: 'BOTBENCH_ERR_PROFILE_TIMEOUT',
      message: 'The widget did not connect within 15000 ms.',
    });
    const { store } = renderWithStore(createElement(ProfilesScreen), client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.click(screen.getByTestId('open-profile-persistent'));
    await act(async () => undefined);
    expect(store.getState().toasts[0]).toMatchObject({
      code: 'BOTBENCH_ERR_PROFILE_TIMEOUT',
      message: 'The widget did not connect within 15000 ms.',
    });
  });

  it('keeps the seed story’s five kinds first and puts the identity lab’s three in their own group', () => {
    const { store } = renderWithStore(createElement(ProfilesScreen));
    act(() => store.getState().applyBot(makeBot()));
    const kinds = (group: string) =>
      within(screen.getByRole('group', { name: group }))
        .getAllByRole('button')
        .map((b) => b.dataset.testid);
    expect(kinds('Open a profile of the seed story')).toEqual([
      'open-profile-persistent',
      'open-profile-incognito',
      'open-profile-other-device',
      'open-profile-external-id',
      'open-profile-metadata',
    ]);
    expect(kinds('Identity lab')).toEqual(['open-profile-impersonator', 'open-profile-storage-blocked', 'open-profile-login']);
  });

  it('asks whom an impersonator claims to be, User123 unless told otherwise', async () => {
    const client = new FakeClient({ 'profiles.open': (input) => makeProfile({ id: 'i1', kind: input.kind }) });
    const { store } = renderWithStore(createElement(ProfilesScreen), client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.click(screen.getByTestId('open-profile-impersonator'));
    expect(screen.getByRole('dialog', { name: 'Open an Impersonator profile' })).toBeTruthy();
    expect((screen.getByTestId('open-profile-value') as HTMLInputElement).value).toBe('User123');
    fireEvent.click(screen.getByTestId('open-profile-submit'));
    expect(client.paramsOf('profiles.open')).toEqual([{ kind: 'impersonator', botId: BOT_ID, externalUserId: 'User123' }]);
    await act(async () => undefined);
  });

  it('asks whom a login page logs in as, and refuses an ID the platform would', async () => {
    const client = new FakeClient({ 'profiles.open': (input) => makeProfile({ id: 'l1', kind: input.kind }) });
    const { store } = renderWithStore(createElement(ProfilesScreen), client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.click(screen.getByTestId('open-profile-login'));
    const value = screen.getByTestId('open-profile-value');
    fireEvent.change(value, { target: { value: 'a/b' } });
    expect(screen.getByRole('alert').textContent).toContain('without whitespace, control characters or "/"');
    expect((screen.getByTestId('open-profile-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(value, { target: { value: 'Customer42' } });
    fireEvent.click(screen.getByTestId('open-profile-submit'));
    expect(client.paramsOf('profiles.open')).toEqual([{ kind: 'login', botId: BOT_ID, externalUserId: 'Customer42' }]);
    await act(async () => undefined);
  });

  it('lists the identity lab after the seed story in the New profile menu, each on its number key', () => {
    const { store } = renderWithStore(createElement(ProfilesScreen));
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.click(screen.getByTestId('new-profile-menu-button'));
    const menu = screen.getByTestId('new-profile-menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.querySelector('kbd')?.textContent + ' ' + item.querySelectorAll('span')[1]?.textContent),
    ).toEqual([
      '1 Same browser',
      '2 Incognito',
      '3 Other device',
      '4 External ID',
      '5 Metadata',
      '6 Impersonator',
      '7 Storage blocked',
      '8 Login / logout',
    ]);
    fireEvent.keyDown(menu, { key: '6' });
    expect(screen.getByRole('dialog', { name: 'Open an Impersonator profile' })).toBeTruthy();
  });

  it('opens a storage-blocked profile at once, without a prompt', async () => {
    const client = new FakeClient({ 'profiles.open': (input) => makeProfile({ id: 's1', kind: input.kind }) });
    const { store } = renderWithStore(createElement(ProfilesScreen), client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.click(screen.getByTestId('open-profile-storage-blocked'));
    expect(screen.queryByTestId('open-profile-dialog')).toBeNull();
    expect(client.paramsOf('profiles.open')).toEqual([{ kind: 'storage-blocked', botId: BOT_ID }]);
    await act(async () => undefined);
  });

  it('fills the matrix’s login column from logged-in and logged-out rows', () => {
    const { store } = renderWithStore(createElement(ProfilesScreen));
    act(() => {
      store.getState().applyBot(makeBot());
      store.getState().applyProfile(
        makeProfile({
          id: 'l1',
          kind: 'login',
          channelId: 'User123',
          timeline: [entry('opened', 'n_anon'), entry('logged-in', 'User123', { changed: true })],
        }),
      );
      store.getState().applyProfile(makeProfile({ id: 'p1' }));
    });
    const headers = within(screen.getByTestId('identity-matrix'))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toContain('Log in/out');
    const login = screen.getAllByTestId('matrix-cell').filter((c) => c.dataset.action === 'login');
    expect(login.map((c) => [c.dataset.profileId, c.textContent])).toEqual([
      ['l1', 'changed'],
      ['p1', '–'],
    ]);
    expect(login[0]!.title).toBe('logged in: changed → User123');
  });

  it('moves focus to the remaining pane when the focused pane closes, not to the page’s start', () => {
    const { store } = renderWithStore(createElement(ProfilesScreen));
    act(() => {
      store.getState().applyBot(makeBot());
      store.getState().applyProfile(makeProfile({ id: 'p1', label: 'Same browser' }));
      store.getState().applyProfile(makeProfile({ id: 'p2', kind: 'incognito', label: 'Incognito', channelId: 'n_other12' }));
    });
    const close = within(screen.getAllByTestId('profile-pane')[1]!).getByTestId('pane-action-close');
    close.focus();
    act(() => store.getState().applyProfile(makeProfile({ id: 'p2', kind: 'incognito', label: 'Incognito', status: 'closed' })));
    expect(screen.getAllByTestId('profile-pane')).toHaveLength(1);
    expect(document.activeElement).toBe(within(screen.getByTestId('profile-pane')).getByTestId('pane-action-reload'));
  });
});

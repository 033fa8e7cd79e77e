// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ProfilePane } from '../../../../renderer/src/screens/profiles/ProfilePane.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, entry, makeMessage, makeProfile } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const incognito = makeProfile({
  id: 'p2',
  kind: 'incognito',
  label: 'Incognito',
  channelId: 'n_second',
  timeline: [entry('opened', 'n_first'), entry('reloaded', 'n_first'), entry('restarted', 'n_second', { changed: true })],
});

describe('<ProfilePane>', () => {
  it('shows the Channel ID and response path of the profile', () => {
    renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }));
    expect(screen.getByTestId('pane-channel-id').textContent).toBe('n_second');
    expect(screen.getByTestId('pane-response-path').textContent).toBe(`${BOT_ID}/c/n_second`);
    expect(screen.getByTestId('profile-pane').dataset).toMatchObject({ profileId: 'p2', kind: 'incognito' });
    expect(screen.getByTestId('pane-status').dataset.status).toBe('connected');
  });

  it('draws the timeline with a break where the Channel ID changed, highlighting the new ID', () => {
    renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }));
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows.map((r) => [r.dataset.action, r.dataset.changed])).toEqual([
      ['opened', 'false'],
      ['reloaded', 'false'],
      ['restarted', 'true'],
    ]);
    expect(rows[2]!.className).toContain('tl-break');
    expect(rows[1]!.className).not.toContain('tl-break');
    expect(within(rows[2]!).getByText('new ID')).toBeTruthy();
    expect(within(rows[2]!).getByText('n_second').className).toContain('tl-new-id');
    expect(within(rows[2]!).getByText('n_first')).toBeTruthy();
  });

  it('calls the action of a button and disables every action while the profile connects', async () => {
    const client = new FakeClient({ 'profiles.reload': ({ id }) => makeProfile({ id, status: 'connected' }) });
    const { rerender, store } = renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }), client);
    fireEvent.click(screen.getByTestId('pane-action-reload'));
    expect(client.paramsOf('profiles.reload')).toEqual([{ id: 'p2' }]);
    await act(async () => undefined);

    const { StoreProvider } = await import('../../../../renderer/src/store/context.tsx');
    rerender(createElement(StoreProvider, { store }, createElement(ProfilePane, { profile: { ...incognito, status: 'connecting' }, botName: null })));
    for (const action of ['reload', 'restart', 'clear', 'reset', 'close']) {
      expect((screen.getByTestId(`pane-action-${action}`) as HTMLButtonElement).disabled).toBe(true);
    }
  });

  it('shows the latest picture and forwards a click scaled to the page viewport', async () => {
    const client = new FakeClient({ 'profiles.input': () => undefined });
    const { store } = renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }), client);
    expect(screen.getByTestId('pane-frame').textContent).toContain('Waiting for the first picture');

    act(() => {
      store.getState().applyProfile(incognito);
      store.getState().setFrame('p2', 'data:image/jpeg;base64,AAAA');
    });
    const image = screen.getByRole('img', { name: /Live picture/ }) as HTMLImageElement;
    expect(image.getAttribute('src')).toBe('data:image/jpeg;base64,AAAA');
    // The picture is the viewport (420×680) shown at half size.
    Object.defineProperty(image, 'naturalWidth', { value: 420 });
    Object.defineProperty(image, 'naturalHeight', { value: 680 });
    image.getBoundingClientRect = () => ({ left: 10, top: 20, width: 210, height: 340, right: 220, bottom: 360, x: 10, y: 20, toJSON: () => ({}) });
    fireEvent.click(image, { clientX: 110, clientY: 120 });
    await act(async () => undefined);
    expect(client.paramsOf('profiles.input')).toEqual([{ id: 'p2', input: { type: 'click', x: 200, y: 200 } }]);
  });

  it('forwards typing before the Enter that follows it, one call at a time', async () => {
    let finishTyping: () => void = () => undefined;
    const client = new FakeClient({
      'profiles.input': ({ input }) => (input.type === 'type' ? new Promise<void>((resolve) => (finishTyping = resolve)) : undefined),
    });
    const { store } = renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }), client);
    act(() => {
      store.getState().applyProfile(incognito);
      store.getState().setFrame('p2', 'data:image/jpeg;base64,AAAA');
    });
    const image = screen.getByRole('img', { name: /Live picture/ });
    fireEvent.keyDown(image, { key: 'Enter' }); // starts using the page: Tab walks past a picture not in use
    fireEvent.keyDown(image, { key: 'h' });
    fireEvent.keyDown(image, { key: 'i' });
    fireEvent.keyDown(image, { key: 'Enter' });
    await act(async () => undefined);
    expect(client.paramsOf('profiles.input').map((p) => p.input)).toEqual([{ type: 'type', text: 'hi' }]);
    await act(async () => finishTyping());
    expect(client.paramsOf('profiles.input').map((p) => p.input)).toEqual([
      { type: 'type', text: 'hi' },
      { type: 'key', key: 'Enter' },
    ]);
  });

  it('lets Tab walk past the picture until Enter starts using it, and Escape stops', async () => {
    const client = new FakeClient();
    const { store } = renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }), client);
    act(() => {
      store.getState().applyProfile(incognito);
      store.getState().setFrame('p2', 'data:image/jpeg;base64,AAAA');
    });
    const image = screen.getByRole('img', { name: /Live picture/ });
    expect(fireEvent.keyDown(image, { key: 'Tab' })).toBe(true); // not prevented: focus moves on
    expect(image.hasAttribute('data-capture-keys')).toBe(false);
    fireEvent.keyDown(image, { key: 'Enter' });
    expect(image.hasAttribute('data-capture-keys')).toBe(true);
    expect(fireEvent.keyDown(image, { key: 'Tab' })).toBe(false); // goes to the page
    fireEvent.keyDown(image, { key: 'Escape' });
    expect(image.hasAttribute('data-capture-keys')).toBe(false);
    await act(async () => undefined);
    expect(client.paramsOf('profiles.input').map((p) => p.input)).toEqual([{ type: 'key', key: 'Tab' }]);
  });

  it('sends a message as the visitor and clears the input', async () => {
    const client = new FakeClient({ 'profiles.sendMessage': ({ id }) => makeProfile({ id }) });
    renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }), client);
    const input = screen.getByTestId('pane-send-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'Hello bot' } });
    fireEvent.submit(input.form!);
    expect(client.paramsOf('profiles.sendMessage')).toEqual([{ id: 'p2', text: 'Hello bot' }]);
    await screen.findByDisplayValue('');
  });

  it('shows the last webhook message that landed on its response path, and none for another path', () => {
    const { client } = renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }));
    expect(screen.queryByTestId('pane-last-webhook')).toBeNull();
    const mine = `${BOT_ID}/c/n_second`;
    act(() => {
      client.emit({
        type: 'message',
        message: makeMessage({ id: 'm1', seq: 1, responsePath: `${BOT_ID}/c/someone_else`, direction: 'out', source: 'webhook', text: 'Not yours' }),
      });
      client.emit({
        type: 'message',
        message: makeMessage({ id: 'm2', seq: 2, responsePath: mine, direction: 'out', source: 'bot', text: 'A bot reply' }),
      });
      client.emit({
        type: 'message',
        message: makeMessage({ id: 'm3', seq: 3, responsePath: mine, direction: 'in', source: 'widget', text: 'Visitor' }),
      });
    });
    expect(screen.queryByTestId('pane-last-webhook')).toBeNull();

    act(() => {
      client.emit({
        type: 'message',
        message: makeMessage({
          id: 'm4',
          seq: 4,
          responsePath: mine,
          direction: 'out',
          source: 'webhook',
          text: 'Your order shipped',
          createdAt: Date.now(),
        }),
      });
    });
    const strip = screen.getByTestId('pane-last-webhook');
    expect(strip.textContent).toBe('Webhook landed·“Your order shipped”·just now');
    expect(strip.className).toContain('flash');

    act(() => {
      client.emit({
        type: 'message',
        message: makeMessage({
          id: 'm5',
          seq: 5,
          responsePath: mine,
          direction: 'out',
          source: 'webhook',
          text: 'Delivered today',
          createdAt: Date.now(),
        }),
      });
    });
    expect(screen.getByTestId('pane-last-webhook').textContent).toContain('“Delivered today”');
    expect(screen.getByTestId('pane-last-webhook').dataset.messageId).toBe('m5');
  });

  describe('restart menu', () => {
    const restarted = (id: string) => makeProfile({ id, kind: 'incognito', label: 'Incognito', channelId: 'n_back' });

    it('restarts keeping the ID from the plain button, and from "same ID"', async () => {
      const client = new FakeClient({ 'profiles.restart': ({ id }) => restarted(id) });
      renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }), client);
      expect(screen.getByTestId('pane-action-restart').textContent).toBe('Restart browser');
      fireEvent.click(screen.getByTestId('pane-action-restart'));
      await act(async () => undefined);
      fireEvent.click(screen.getByTestId('pane-restart-menu'));
      fireEvent.click(screen.getByTestId('pane-restart-same'));
      await act(async () => undefined);
      expect(client.paramsOf('profiles.restart')).toEqual([{ id: 'p2' }, { id: 'p2', identity: { mode: 'same' } }]);
      expect(screen.queryByRole('menu')).toBeNull();
    });

    it('offers the same, a new or a typed ID, and restarts with a new one', async () => {
      const client = new FakeClient({ 'profiles.restart': ({ id }) => restarted(id) });
      renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }), client);
      fireEvent.click(screen.getByTestId('pane-restart-menu'));
      const menu = screen.getByRole('menu', { name: 'Restart browser with' });
      expect(
        within(menu)
          .getAllByRole('menuitem')
          .map((item) => item.firstChild?.textContent),
      ).toEqual(['same ID', 'new ID', 'typed ID…']);
      fireEvent.click(screen.getByTestId('pane-restart-new'));
      expect(client.paramsOf('profiles.restart')).toEqual([{ id: 'p2', identity: { mode: 'new' } }]);
      await act(async () => undefined);
    });

    it('asks for a typed ID, refuses one not of the anonymous form with that form, and restarts with a good one', async () => {
      const client = new FakeClient({ 'profiles.restart': ({ id }) => restarted(id) });
      renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }), client);
      fireEvent.click(screen.getByTestId('pane-restart-menu'));
      fireEvent.click(screen.getByTestId('pane-restart-typed'));
      const input = screen.getByTestId('restart-typed-input') as HTMLInputElement;
      expect(input.value).toBe('n_second');

      const refusal =
        '✗ A typed ID must be an anonymous Channel ID: "n_" and 7 letters, digits or "_", e.g. "n_QVIUyPr" (the form the platform gives anonymous visitors).';
      for (const bad of ['two words', 'User123', 'n_second']) {
        fireEvent.change(input, { target: { value: bad } });
        expect(screen.getByTestId('restart-typed-check').textContent, bad).toBe(refusal);
      }
      expect((screen.getByTestId('restart-typed-submit') as HTMLButtonElement).disabled).toBe(true);
      fireEvent.submit(input.form!);
      expect(client.paramsOf('profiles.restart')).toEqual([]);

      fireEvent.change(input, { target: { value: ' n_Chosen4 ' } });
      expect(screen.getByTestId('restart-typed-check').textContent).toBe(`✓ Comes back as ${BOT_ID}/c/n_Chosen4`);
      fireEvent.click(screen.getByTestId('restart-typed-submit'));
      expect(client.paramsOf('profiles.restart')).toEqual([{ id: 'p2', identity: { mode: 'typed', channelId: 'n_Chosen4' } }]);
      expect(screen.queryByTestId('restart-typed-dialog')).toBeNull();
      await act(async () => undefined);
    });
  });

  describe('login page', () => {
    const anonymous = makeProfile({ id: 'l1', kind: 'login', label: 'Login / logout', externalUserId: 'User123', channelId: 'n_anon' });
    const loggedIn = { ...anonymous, channelKind: 'external' as const, channelId: 'User123', responsePath: `${BOT_ID}/c/User123` };

    it('logs an anonymous visitor in as its user, and cannot log out yet', async () => {
      const client = new FakeClient({ 'profiles.login': ({ id }) => ({ ...loggedIn, id }) });
      renderWithStore(createElement(ProfilePane, { profile: anonymous, botName: null }), client);
      expect(screen.getByTestId('pane-login-state').textContent).toBe('Anonymous visitor');
      expect((screen.getByTestId('pane-logout') as HTMLButtonElement).disabled).toBe(true);
      const login = screen.getByTestId('pane-login') as HTMLButtonElement;
      expect(login.textContent).toBe('Log in as User123');
      fireEvent.click(login);
      expect(client.paramsOf('profiles.login')).toEqual([{ id: 'l1', externalUserId: 'User123' }]);
      await act(async () => undefined);
    });

    it('logs a logged-in visitor out, and cannot log in again until then', async () => {
      const client = new FakeClient({ 'profiles.logout': ({ id }) => ({ ...anonymous, id }) });
      renderWithStore(createElement(ProfilePane, { profile: loggedIn, botName: null }), client);
      expect(screen.getByTestId('pane-login-state').textContent).toBe('Logged in as User123');
      expect((screen.getByTestId('pane-login') as HTMLButtonElement).disabled).toBe(true);
      fireEvent.click(screen.getByTestId('pane-logout'));
      expect(client.paramsOf('profiles.logout')).toEqual([{ id: 'l1' }]);
      await act(async () => undefined);
    });

    it('shows no login buttons on other kinds', () => {
      renderWithStore(createElement(ProfilePane, { profile: incognito, botName: null }));
      expect(screen.queryByTestId('pane-login')).toBeNull();
      expect(screen.queryByTestId('pane-logout')).toBeNull();
    });
  });

  describe('impersonator', () => {
    const impersonator = makeProfile({
      id: 'i1',
      kind: 'impersonator',
      label: 'Impersonator',
      persistentStorage: false,
      externalUserId: 'User123',
      channelKind: 'external',
      channelId: 'User123',
    });

    it('says in plain words that it is in the user’s conversation when the platform let it in', () => {
      renderWithStore(createElement(ProfilePane, { profile: impersonator, botName: null }));
      expect(screen.getByTestId('pane-impersonation').textContent).toBe(
        'Impersonating User123: with identity verification off, this page is in User123’s conversation — what an attacker can do.',
      );
      expect(screen.queryByTestId('pane-stale')).toBeNull();
    });

    it('gives the platform’s reason, once, when identity verification refused it', () => {
      const reason = 'This bot verifies identities, and the userHash for "User123" is missing.';
      const refused = {
        ...impersonator,
        status: 'error' as const,
        channelKind: null,
        channelId: null,
        responsePath: null,
        error: `The platform refused this widget: ${reason}`,
        refusal: { code: 'BOTBENCH_ERR_IDENTITY', message: reason },
      };
      renderWithStore(createElement(ProfilePane, { profile: refused, botName: null }));
      expect(screen.getByTestId('pane-impersonation').textContent).toBe(
        'Refused: This bot verifies identities, and the userHash for "User123" is missing — identity verification is on.',
      );
      expect(screen.queryByRole('alert')).toBeNull();
      // Refused, it is in nobody's conversation: no stale Channel ID is shown as if it were its own.
      expect(screen.queryByTestId('pane-stale')).toBeNull();
    });

    it('still shows an error that is not a refusal as an error', () => {
      const failed = { ...impersonator, status: 'error' as const, error: 'The widget did not connect within 15000 ms.' };
      renderWithStore(createElement(ProfilePane, { profile: failed, botName: null }));
      expect(screen.getByRole('alert').textContent).toBe('The widget did not connect within 15000 ms.');
      expect(screen.getByTestId('pane-impersonation').textContent).not.toContain('Refused');
    });
  });

  it('tells that a storage-blocked browser is a new visitor on every load', () => {
    renderWithStore(
      createElement(ProfilePane, {
        profile: makeProfile({ kind: 'storage-blocked', label: 'Storage blocked', persistentStorage: false }),
        botName: null,
      }),
    );
    expect(screen.getByTestId('pane-storage-blocked').textContent).toBe('Storage blocked: every load is a new visitor.');
  });

  it('labels login and logout rows in the timeline', () => {
    const profile = makeProfile({
      kind: 'login',
      timeline: [entry('opened', 'n_anon'), entry('logged-in', 'User123', { changed: true }), entry('logged-out', 'n_anon', { changed: true })],
    });
    renderWithStore(createElement(ProfilePane, { profile, botName: null }));
    expect(screen.getAllByTestId('timeline-row').map((row) => row.querySelector('.tl-action')?.textContent)).toEqual([
      'Opened',
      'Logged in',
      'Logged out',
    ]);
  });
});

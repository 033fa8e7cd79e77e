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
});

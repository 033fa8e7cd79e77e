// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { FakeClient } from '../mocks/fake-client.ts';
import { BOT_ID, makeBot, makeFlow, makeWebhookEntry } from './fixtures.ts';
import { renderWithStore } from './render.ts';

describe('<App>', () => {
  it('switches screens with the sidebar and with Ctrl+1..8', () => {
    const { store } = renderWithStore(createElement(App));
    fireEvent.click(screen.getByTestId('nav-webhooks'));
    expect(store.getState().screen).toBe('webhooks');
    expect(screen.getByTestId('webhook-path')).toBeTruthy();
    fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(screen.getByTestId('person-create-name')).toBeTruthy();
    fireEvent.keyDown(window, { key: '4', ctrlKey: true });
    expect(screen.getByTestId('log-filter-text')).toBeTruthy();
    fireEvent.keyDown(window, { key: '6', ctrlKey: true });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Flows');
    expect(screen.getByTestId('flows-empty').textContent).toContain('No bot selected');
    fireEvent.keyDown(window, { key: '7', metaKey: true });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Identity scenarios');
    fireEvent.keyDown(window, { key: '8', metaKey: true });
    expect(screen.getByTestId('bot-create-name')).toBeTruthy();
    fireEvent.keyDown(window, { key: '9', ctrlKey: true });
    expect(store.getState().screen).toBe('bots');
  });

  it('lists Flows and Scenarios between Webhooks and Bots, each with the shortcut the dialog names', () => {
    renderWithStore(createElement(App));
    const nav = screen.getAllByRole('button').filter((b) => b.dataset.testid?.startsWith('nav-'));
    expect(nav.map((b) => [b.dataset.testid, b.title])).toEqual([
      ['nav-profiles', 'Profiles (Ctrl+1)'],
      ['nav-people', 'People (Ctrl+2)'],
      ['nav-users', 'Users (Ctrl+3)'],
      ['nav-log', 'Log (Ctrl+4)'],
      ['nav-webhooks', 'Webhooks (Ctrl+5)'],
      ['nav-flows', 'Flows (Ctrl+6)'],
      ['nav-scenarios', 'Scenarios (Ctrl+7)'],
      ['nav-bots', 'Bots (Ctrl+8)'],
    ]);
    fireEvent.keyDown(document.body, { key: '?' });
    expect(screen.getByTestId('shortcuts-dialog').textContent).toContain('1…8Profiles, People, Users, Log, Webhooks, Flows, Scenarios, Bots');
  });

  it('focuses the filter with "/" and opens the shortcuts with "?"', () => {
    renderWithStore(createElement(App));
    fireEvent.click(screen.getByTestId('nav-log'));
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByTestId('log-filter-text'));
    // Typed into a field, "?" is text, not a shortcut.
    fireEvent.keyDown(document.activeElement!, { key: '?' });
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: '?' });
    expect(screen.getByTestId('shortcuts-dialog').textContent).toContain('Send the webhook');
  });

  it('sends from the webhook composer with Ctrl+Enter', async () => {
    const client = new FakeClient({ 'webhooks.send': (request) => makeWebhookEntry({ request }) });
    const { store } = renderWithStore(createElement(App), client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.click(screen.getByTestId('nav-webhooks'));
    fireEvent.keyDown(screen.getByTestId('webhook-body'), { key: 'Enter', ctrlKey: true });
    expect(client.paramsOf('webhooks.send')).toEqual([expect.objectContaining({ botId: BOT_ID })]);
    expect((await screen.findByTestId('delivery-trace')).dataset.outcome).toBe('delivered');
  });

  it('starts recording with "r" on Profiles, and "r" again stops it into the Scenarios screen', async () => {
    const live = { recording: true, startedAt: 1, steps: 1, recent: ['open Incognito'] };
    const client = new FakeClient({
      'recording.start': () => live,
      'recording.stop': () => ({ name: 'R', fileName: 'recorded-1.yaml', text: 'name: R', steps: 1 }),
      'scenarios.check': ({ source, text }) => ({ source, name: 'R', description: null, steps: 1, builtIn: false, text }),
    });
    const { store } = renderWithStore(createElement(App), client);
    fireEvent.click(screen.getByTestId('nav-profiles'));
    fireEvent.keyDown(document.body, { key: 'r' });
    await waitFor(() => expect(screen.getByTestId('record-status').textContent).toContain('Recording · 1 step'));
    fireEvent.keyDown(document.body, { key: 'r' });
    await waitFor(() => expect(store.getState().screen).toBe('scenarios'));
    expect(await screen.findByTestId('recorded-scenario')).toBeTruthy();
    expect(document.activeElement?.id).toBe('recorded-title');
    expect(client.calls.map((c) => c.method).filter((m) => m.startsWith('recording.'))).toEqual([
      'recording.start',
      'recording.stop',
      'recording.status',
    ]);
  });

  it('saves the flow being edited with Ctrl+S, typed inside the editor', async () => {
    const flow = makeFlow();
    const client = new FakeClient({
      'flows.list': () => [flow],
      'flows.validate': () => ({ ok: true }),
      'flows.update': ({ id, definition }) => ({ ...flow, ...(definition as object), id }),
    });
    const { store } = renderWithStore(createElement(App), client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.keyDown(window, { key: '6', ctrlKey: true });
    const editor = (await screen.findByTestId('flow-json')) as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: editor.value.replace('Identity echo', 'Echo') } });
    const event = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true });
    editor.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await waitFor(() => expect(client.paramsOf('flows.update')).toEqual([{ id: flow.id, definition: expect.objectContaining({ name: 'Echo' }) }]));
  });

  it('lists every shortcut in the "?" help sheet, keeps Tab inside it and gives focus back when it closes', () => {
    renderWithStore(createElement(App));
    const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    opener.focus();
    fireEvent.click(opener);
    const sheet = screen.getByTestId('shortcuts-dialog');
    expect(sheet.getAttribute('role')).toBe('dialog');
    const text = sheet.textContent ?? '';
    for (const what of [
      'Move through the log',
      'Open the entry in the inspector',
      'identity matrix',
      'restart with the same',
      'Open the user',
      'Send the webhook',
      'Save the flow',
    ]) {
      expect(text).toContain(what);
    }
    expect(sheet.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(sheet.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('shortcuts-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('chooses the theme with the arrow keys in its radio group, one Tab stop', () => {
    const { store } = renderWithStore(createElement(App));
    act(() => store.getState().setTheme('light'));
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    fireEvent.keyDown(radios[0]!, { key: 'ArrowRight' });
    expect(store.getState().theme).toBe('dark');
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Dark theme' }));
  });

  it('announces what matters in one polite live region', () => {
    const { store } = renderWithStore(createElement(App));
    const region = screen.getByTestId('announcer');
    expect(region.getAttribute('aria-live')).toBe('polite');
    act(() => store.setState({ landedWebhooks: { [`${BOT_ID}/c/User123`]: { messageId: 'm1', seq: 1, text: 'Shipped', at: 1 } } }));
    expect(region.textContent).toContain(`Webhook landed at ${BOT_ID}/c/User123: Shipped`);
  });
});

// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App.tsx';
import { FakeClient } from '../mocks/fake-client.ts';
import { BOT_ID, makeBot, makeWebhookEntry } from './fixtures.ts';
import { renderWithStore } from './render.ts';

describe('<App>', () => {
  it('switches screens with the sidebar and with Ctrl+1..5', () => {
    const { store } = renderWithStore(createElement(App));
    fireEvent.click(screen.getByTestId('nav-webhooks'));
    expect(store.getState().screen).toBe('webhooks');
    expect(screen.getByTestId('webhook-path')).toBeTruthy();
    fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    expect(screen.getByTestId('log-filter-text')).toBeTruthy();
    fireEvent.keyDown(window, { key: '5', metaKey: true });
    expect(screen.getByTestId('bot-create-name')).toBeTruthy();
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
});

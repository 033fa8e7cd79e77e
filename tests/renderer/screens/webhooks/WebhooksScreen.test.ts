// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { WebhooksScreen } from '../../../../renderer/src/screens/webhooks/WebhooksScreen.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot, makeWebhookEntry } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

function setup(client = new FakeClient()) {
  const rendered = renderWithStore(createElement(WebhooksScreen), client);
  act(() => rendered.store.getState().applyBot(makeBot()));
  return rendered;
}

describe('<WebhooksScreen>', () => {
  it('says why a malformed response path is wrong and what form is expected', () => {
    setup();
    fireEvent.change(screen.getByTestId('webhook-path'), { target: { value: `${BOT_ID}/User123` } });
    const check = screen.getByTestId('webhook-path-check');
    expect(check.dataset.valid).toBe('false');
    expect(check.textContent).toContain('"/c/" is missing');
    expect(check.textContent).toContain('{Bot ID}/c/{Channel ID}');

    fireEvent.change(screen.getByTestId('webhook-path'), { target: { value: `${BOT_ID}/c/User123` } });
    expect(screen.getByTestId('webhook-path-check').textContent).toContain('✓ valid');
  });

  it('flags a body that is not JSON', () => {
    setup();
    fireEvent.change(screen.getByTestId('webhook-body'), { target: { value: '{"text": ' } });
    expect(screen.getByTestId('webhook-body-check').textContent).toMatch(/^✗/);
  });

  it('sends the composed webhook and shows the answer and the delivery trace', async () => {
    const client = new FakeClient({ 'webhooks.send': (request) => makeWebhookEntry({ id: 'w9', request }) });
    setup(client);
    fireEvent.change(screen.getByTestId('webhook-path'), { target: { value: ` ${BOT_ID}/c/User123 ` } });
    fireEvent.change(screen.getByTestId('webhook-body'), { target: { value: '{"response_path": "{{responsePath}}", "text": "Ping"}' } });
    fireEvent.change(screen.getByLabelText('Header 1 name'), { target: { value: 'X-Trace' } });
    fireEvent.change(screen.getByLabelText('Header 1 value'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByTestId('webhook-send'));
    expect(client.paramsOf('webhooks.send')).toEqual([
      {
        botId: BOT_ID,
        responsePath: `${BOT_ID}/c/User123`,
        body: '{"response_path": "{{responsePath}}", "text": "Ping"}',
        headers: { 'X-Trace': 'abc' },
      },
    ]);

    const result = await screen.findByTestId('webhook-result');
    expect(within(result).getByTestId('webhook-result-status').textContent).toBe('HTTP 200');
    const trace = screen.getByTestId('delivery-trace');
    expect(trace.dataset.outcome).toBe('delivered');
    expect(
      within(trace)
        .getAllByTestId('trace-profile')
        .map((p) => p.textContent),
    ).toEqual(['External ID']);
    expect(screen.getAllByTestId('webhook-history-item')).toHaveLength(1);
  });

  it('shows the reason of a refused webhook', async () => {
    const refused = makeWebhookEntry({
      trace: {
        status: 404,
        answer: { error: { code: 'BOTBENCH_ERR_USER_NOT_FOUND' } },
        profiles: [],
        outcome: 'refused',
        reason: 'No user has that response path.',
      },
    });
    setup(new FakeClient({ 'webhooks.send': () => refused }));
    fireEvent.click(screen.getByTestId('webhook-send'));
    const trace = await screen.findByTestId('delivery-trace');
    expect(trace.dataset.outcome).toBe('refused');
    expect(trace.textContent).toContain('No user has that response path.');
    expect(trace.textContent).toContain('no open profile shows this path');
  });

  it('replays a history entry through the composer', async () => {
    const client = new FakeClient({ 'webhooks.send': (request) => makeWebhookEntry({ id: 'again', request }) });
    const { store } = setup(client);
    act(() => store.getState().applyWebhookEntry(makeWebhookEntry({ id: 'w1' })));
    fireEvent.click(screen.getByTestId('webhook-replay'));
    expect(client.paramsOf('webhooks.send')[0]).toMatchObject({ responsePath: `${BOT_ID}/c/User123`, body: makeWebhookEntry().request.body });
    expect((screen.getByTestId('webhook-path') as HTMLInputElement).value).toBe(`${BOT_ID}/c/User123`);
    await screen.findByTestId('webhook-result');
  });

  describe('signing', () => {
    const signedHeaders = {
      'content-type': 'application/json',
      'webhook-id': 'msg_abc',
      'webhook-timestamp': '1700000000',
      'webhook-signature': 'v1,c2lnbmF0dXJl',
    };

    it('is off for a bot that does not verify signatures, and sends sign: true once ticked', async () => {
      const client = new FakeClient({ 'webhooks.send': (request) => makeWebhookEntry({ id: 'w9', request, sentHeaders: signedHeaders }) });
      setup(client);
      const sign = screen.getByTestId('webhook-sign') as HTMLInputElement;
      expect(sign.checked).toBe(false);
      expect(screen.getByLabelText('Sign (Standard Webhooks)')).toBe(sign);
      fireEvent.click(sign);
      fireEvent.click(screen.getByTestId('webhook-send'));
      expect(client.paramsOf('webhooks.send')[0]).toMatchObject({ botId: BOT_ID, sign: true });

      const headers = await screen.findByTestId('webhook-sent-headers');
      expect(headers.textContent).toContain('Headers sent (4)signed');
      expect(headers.querySelector('pre')!.textContent).toBe(
        ['webhook-id: msg_abc', 'webhook-timestamp: 1700000000', 'webhook-signature: v1,c2lnbmF0dXJl', 'content-type: application/json'].join('\n'),
      );
      expect((headers as HTMLDetailsElement).open).toBe(true);
    });

    it('copies a cURL command that carries the signature headers that were sent', async () => {
      const copied: string[] = [];
      Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
        configurable: true,
      });
      try {
        setup(
          new FakeClient({ 'webhooks.send': (request) => makeWebhookEntry({ request: { ...request, sign: true }, sentHeaders: signedHeaders }) }),
        );
        fireEvent.click(screen.getByTestId('webhook-send'));
        const result = await screen.findByTestId('webhook-result');
        fireEvent.click(within(result).getByRole('button', { name: 'Copy as cURL' }));
        await act(async () => undefined);
        expect(copied).toHaveLength(1);
        expect(copied[0]).toContain("-H 'webhook-id: msg_abc'");
        expect(copied[0]).toContain("-H 'webhook-timestamp: 1700000000'");
        expect(copied[0]).toContain("-H 'webhook-signature: v1,c2lnbmF0dXJl'");
      } finally {
        Reflect.deleteProperty(navigator, 'clipboard');
        Reflect.deleteProperty(window, 'isSecureContext');
      }
    });

    it('is on by default when the bot verifies signatures, and warns when unticked', () => {
      const client = new FakeClient({ 'webhooks.send': (request) => makeWebhookEntry({ request }) });
      const { store } = setup(client);
      act(() => store.getState().applyBot(makeBot({ settings: { ...makeBot().settings, verifyWebhooks: true } })));
      const sign = screen.getByTestId('webhook-sign') as HTMLInputElement;
      expect(sign.checked).toBe(true);
      fireEvent.click(sign);
      expect(screen.getByTestId('webhook-sign-hint').textContent).toBe('This bot verifies signatures: unsigned, the platform refuses it (401).');
      fireEvent.click(screen.getByTestId('webhook-send'));
      expect(client.paramsOf('webhooks.send')[0]).not.toHaveProperty('sign');
    });

    it('keeps the sent headers of an unsigned webhook folded away', async () => {
      const sent = { 'content-type': 'application/json', 'x-trace': 'abc' };
      setup(new FakeClient({ 'webhooks.send': (request) => makeWebhookEntry({ request, sentHeaders: sent }) }));
      fireEvent.click(screen.getByTestId('webhook-send'));
      const headers = await screen.findByTestId('webhook-sent-headers');
      expect(headers.textContent).toContain('Headers sent (2)');
      expect(headers.textContent).not.toContain('signed');
      expect((headers as HTMLDetailsElement).open).toBe(false);
    });

    it('signs a replay of a signed webhook again', async () => {
      const client = new FakeClient({ 'webhooks.send': (request) => makeWebhookEntry({ id: 'again', request }) });
      const { store } = setup(client);
      const signed = makeWebhookEntry({ id: 'w1', sentHeaders: signedHeaders });
      act(() => store.getState().applyWebhookEntry({ ...signed, request: { ...signed.request, sign: true } }));
      fireEvent.click(screen.getByTestId('webhook-replay'));
      expect(client.paramsOf('webhooks.send')[0]).toMatchObject({ sign: true });
      expect((screen.getByTestId('webhook-sign') as HTMLInputElement).checked).toBe(true);
      await screen.findByTestId('webhook-result');
    });
  });

  it('sends a form body with method, URL, svix-* signing and the selected environment', async () => {
    const client = new FakeClient({
      'webhooks.send': (request) => makeWebhookEntry({ id: 'w8', request }),
      'environments.list': () => [{ id: 'e1', name: 'Staging', variables: [{ key: 'userId', value: 'User9', secret: false }] }],
    });
    const { store } = setup(client);
    await act(() => store.getState().loadEnvironments());
    fireEvent.change(screen.getByTestId('webhook-environment'), { target: { value: 'e1' } });
    fireEvent.change(screen.getByTestId('webhook-method'), { target: { value: 'PUT' } });
    fireEvent.change(screen.getByTestId('webhook-url'), { target: { value: 'http://127.0.0.1:4010/bin/a' } });
    fireEvent.change(screen.getByTestId('webhook-path'), { target: { value: '{{botId}}/c/{{userId}}' } });
    expect(screen.getByTestId('webhook-path-check').textContent).toContain(`→ ${BOT_ID}/c/User9`);
    fireEvent.click(screen.getByTestId('webhook-body-mode-form'));
    expect(screen.queryByTestId('webhook-body')).toBeNull();
    fireEvent.change(screen.getByLabelText('Form field 2 value'), { target: { value: 'Hi {{userId}}' } });
    fireEvent.click(screen.getByTestId('webhook-sign'));
    fireEvent.change(screen.getByTestId('webhook-sign-headers'), { target: { value: 'svix' } });
    expect(screen.getByTestId('webhook-sign-hint').textContent).toContain('svix-id, svix-timestamp and svix-signature');
    fireEvent.click(screen.getByTestId('webhook-send'));
    expect(client.paramsOf('webhooks.send')[0]).toEqual({
      botId: BOT_ID,
      responsePath: '{{botId}}/c/{{userId}}',
      body: expect.any(String),
      headers: {},
      method: 'PUT',
      url: 'http://127.0.0.1:4010/bin/a',
      bodyMode: 'form',
      form: [
        { key: 'response_path', value: '{{responsePath}}' },
        { key: 'text', value: 'Hi {{userId}}' },
      ],
      sign: true,
      signHeaders: 'svix',
      environmentId: 'e1',
    });
  });

  it('says a path with unknown variables is checked when sent, and lists the environment’s variables', async () => {
    setup();
    fireEvent.change(screen.getByTestId('webhook-path'), { target: { value: '{{botId}}/c/{{userId}}' } });
    expect(screen.getByTestId('webhook-path-check').dataset.valid).toBe('variables');
    expect(screen.getByTitle(/Insert \{\{\$guid\}\}/)).toBeTruthy();
  });
});

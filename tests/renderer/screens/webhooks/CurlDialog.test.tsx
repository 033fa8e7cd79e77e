// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CurlDialog } from '../../../../renderer/src/screens/webhooks/CurlDialog.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

describe('<CurlDialog>', () => {
  it('fills the composer from the parsed command and closes when everything mapped', async () => {
    let closed = false;
    const client = new FakeClient({
      'webhooks.parseCurl': () => ({
        request: { botId: BOT_ID, responsePath: `${BOT_ID}/c/U1`, body: '{"text":"hi"}', headers: { 'X-A': '1' }, method: 'PUT', bodyMode: 'json' },
        warnings: [],
      }),
    });
    const { store } = renderWithStore(<CurlDialog onClose={() => (closed = true)} />, client);
    act(() => store.getState().applyBot(makeBot()));
    fireEvent.change(screen.getByTestId('curl-input'), { target: { value: "curl -X PUT http://127.0.0.1/x -d '{}'" } });
    fireEvent.click(screen.getByTestId('curl-import'));
    await waitFor(() => expect(closed).toBe(true));
    expect(client.paramsOf('webhooks.parseCurl')).toEqual([{ command: "curl -X PUT http://127.0.0.1/x -d '{}'", botId: BOT_ID }]);
    const draft = store.getState().webhookDraft;
    expect([draft.method, draft.responsePath, draft.body, draft.headers.map((h) => h.key)]).toEqual([
      'PUT',
      `${BOT_ID}/c/U1`,
      '{"text":"hi"}',
      ['X-A', ''],
    ]);
  });

  it('lists what could not be mapped, and keeps the dialog open to read it', async () => {
    const client = new FakeClient({
      'webhooks.parseCurl': () => ({
        request: { botId: BOT_ID, responsePath: '', body: '', headers: {} },
        warnings: ['--insecure has no meaning for the composer and was ignored.'],
      }),
    });
    renderWithStore(<CurlDialog onClose={() => undefined} />, client);
    fireEvent.change(screen.getByTestId('curl-input'), { target: { value: 'curl -k http://127.0.0.1/' } });
    fireEvent.click(screen.getByTestId('curl-import'));
    expect((await screen.findByTestId('curl-warnings')).textContent).toContain('--insecure');
  });

  it('shows the refusal with its code and what was expected, and fills nothing', async () => {
    const client = new FakeClient().fail('webhooks.parseCurl', {
      code: 'BOTBENCH_ERR_CURL',
      message: 'The pasted text is not a cURL command: it must begin with "curl ".',
      expected: 'a curl command such as: curl -X POST …',
    });
    const { store } = renderWithStore(<CurlDialog onClose={() => undefined} />, client);
    const before = store.getState().webhookDraft;
    fireEvent.change(screen.getByTestId('curl-input'), { target: { value: 'wget x' } });
    fireEvent.click(screen.getByTestId('curl-import'));
    const error = await screen.findByTestId('curl-error');
    expect(error.textContent).toContain('BOTBENCH_ERR_CURL');
    expect(error.textContent).toContain('Expected: a curl command');
    expect(screen.getByTestId('curl-input').getAttribute('aria-invalid')).toBe('true');
    expect(store.getState().webhookDraft).toBe(before);
  });
});

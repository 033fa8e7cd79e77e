// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BinsPanel } from '../../../../renderer/src/screens/log/BinsPanel.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { makeBin, makeBinRequest } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

async function setup() {
  const client = new FakeClient({
    'bins.list': () => [makeBin({ id: 'a', name: 'My back end', requests: 1 }), makeBin({ id: 'b', name: 'Payments', requests: 0 })],
    'bins.requests': ({ id }) => (id === 'a' ? [makeBinRequest(1, { binId: 'a' })] : []),
  });
  const rendered = renderWithStore(<BinsPanel onClose={() => undefined} />, client);
  await act(() => rendered.store.getState().loadBins());
  return rendered;
}

const countOf = (name: string) =>
  within(screen.getAllByTestId('bin-item').find((item) => item.textContent?.includes(name))!).getByTestId('bin-count').textContent;

describe('<BinsPanel>', () => {
  it('lists each bin with its URL and request count', async () => {
    await setup();
    expect(screen.getAllByTestId('bin-url').map((u) => u.textContent)).toEqual(['http://127.0.0.1:4010/bin/a', 'http://127.0.0.1:4010/bin/b']);
    expect(countOf('My back end')).toBe('1');
    expect(screen.getAllByTestId('bin-request')).toHaveLength(1);
  });

  it('puts a captured request on top as it arrives and shows its headers and JSON body', async () => {
    const { client } = await setup();
    act(() =>
      client.emit({
        type: 'binRequest',
        request: makeBinRequest(7, {
          binId: 'a',
          method: 'POST',
          query: { user: '123' },
          headers: { 'content-type': 'application/json', 'x-flow': 'backend' },
          body: '{"order":{"id":42,"items":["tea"]}}',
        }),
      }),
    );
    const rows = screen.getAllByTestId('bin-request');
    expect(rows.map((r) => r.dataset.seq)).toEqual(['7', '1']);
    expect(rows[0]!.textContent).toContain('POST/bin/a?user=123');
    expect(countOf('My back end')).toBe('2');

    fireEvent.click(rows[0]!);
    const detail = screen.getByTestId('bin-request-detail');
    expect(detail.textContent).toContain('x-flowbackend');
    expect(within(detail).getByTestId('bin-request-body').textContent).toBe(
      '{\n  "order": {\n    "id": 42,\n    "items": [\n      "tea"\n    ]\n  }\n}',
    );
    expect(within(detail).getByRole('button', { name: 'Copy body' })).toBeTruthy();
  });

  it('counts a request to another bin without listing it', async () => {
    const { client } = await setup();
    act(() => client.emit({ type: 'binRequest', request: makeBinRequest(8, { binId: 'b', body: 'not for this list' }) }));
    expect(screen.getAllByTestId('bin-request').map((r) => r.dataset.seq)).toEqual(['1']);
    expect(countOf('Payments')).toBe('1');
  });

  it('creates a bin with the name typed', async () => {
    const { client } = await setup();
    client.handle('bins.create', ({ name }) => makeBin({ id: 'c', name }));
    fireEvent.change(screen.getByTestId('bin-create-name'), { target: { value: 'Slow back end' } });
    fireEvent.change(screen.getByTestId('bin-create-delay'), { target: { value: '1500' } });
    fireEvent.click(screen.getByTestId('bin-create'));
    await waitFor(() => expect(screen.getAllByTestId('bin-item')).toHaveLength(3));
    expect(client.paramsOf('bins.create')).toEqual([
      { name: 'Slow back end', response: { status: 200, body: '{"ok":true}', contentType: 'application/json', delayMs: 1500, rules: [] } },
    ]);
  });

  it('edits response rules and saves them with the default answer', async () => {
    const { client } = await setup();
    client.handle('bins.update', ({ id, response }) => makeBin({ id, name: 'My back end', response: { ...makeBin().response, ...response } }));
    const item = screen.getAllByTestId('bin-item')[0]!;
    fireEvent.click(within(item).getByTestId('bin-edit'));
    fireEvent.click(within(item).getByTestId('bin-rule-add'));
    fireEvent.change(within(item).getByLabelText('Rule 1 path'), { target: { value: 'orders' } });
    expect((within(item).getByTestId('bin-edit-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(item).getByLabelText('Rule 1 path'), { target: { value: '/orders/*' } });
    fireEvent.change(within(item).getByLabelText('Rule 1 status'), { target: { value: '503' } });
    fireEvent.change(within(item).getByLabelText('Rule 1 delay (ms)'), { target: { value: '200' } });
    fireEvent.click(within(item).getByTestId('bin-edit-save'));
    await waitFor(() => expect(client.paramsOf('bins.update')).toHaveLength(1));
    expect(client.paramsOf('bins.update')[0]!.response!.rules).toEqual([
      { method: 'POST', path: '/orders/*', status: 503, delayMs: 200, body: '{"error":"simulated"}', contentType: 'application/json' },
    ]);
  });

  it('replays a captured request in the composer through its cURL form', async () => {
    const { client, store } = await setup();
    client.handle('webhooks.parseCurl', ({ command }) => ({
      request: { botId: 'aaaaaaaaaaaaaaaaaaaaaaaa', responsePath: '', body: command, headers: {} },
      warnings: [],
    }));
    act(() =>
      client.emit({
        type: 'binRequest',
        request: makeBinRequest(9, {
          binId: 'a',
          method: 'PUT',
          path: '/bin/a/orders',
          query: { x: '1' },
          headers: { host: 'h', 'x-flow': 'f' },
          body: 'hi',
        }),
      }),
    );
    fireEvent.click(screen.getAllByTestId('bin-request')[0]!);
    fireEvent.click(screen.getByTestId('bin-open-in-composer'));
    await waitFor(() => expect(store.getState().screen).toBe('webhooks'));
    const command = client.paramsOf('webhooks.parseCurl')[0]!.command;
    expect(command).toContain("curl -X PUT 'http://127.0.0.1:4010/bin/a/orders?x=1'");
    expect(command).toContain("-H 'x-flow: f'");
    expect(command).not.toContain('host:');
    expect(command).toContain("--data-raw 'hi'");
  });
});

// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../../../main/api/contract.ts';
import { BulkPanel } from '../../../../renderer/src/screens/webhooks/BulkPanel.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const progress = (change: Partial<BulkProgress> = {}): BulkProgress => ({
  runId: 'run1',
  state: 'running',
  planned: 50,
  sent: 0,
  answered: 0,
  delivered: 0,
  queued: 0,
  refused: 0,
  failed: 0,
  latency: null,
  startedAt: 0,
  elapsedMs: 0,
  ...change,
});

function setup(client: FakeClient) {
  const rendered = renderWithStore(<BulkPanel />, client);
  act(() => rendered.store.getState().applyBot(makeBot()));
  return rendered;
}

describe('<BulkPanel>', () => {
  it('starts a count run with the composed request, shows live progress and the summary, and stops it', async () => {
    const client = new FakeClient({ 'webhooks.bulk': () => progress(), 'webhooks.bulkStop': () => progress() });
    setup(client);
    fireEvent.change(screen.getByTestId('bulk-count'), { target: { value: '50' } });
    fireEvent.click(screen.getByTestId('bulk-start'));
    await screen.findByTestId('bulk-summary');
    expect(client.paramsOf('webhooks.bulk')[0]).toMatchObject({ request: { botId: BOT_ID }, mode: { kind: 'count', count: 50 } });

    act(() =>
      client.emit({
        type: 'bulk',
        progress: progress({ sent: 20, answered: 20, delivered: 12, queued: 6, refused: 2, latency: { p50: 3.2, p95: 9.5, p99: 12 } }),
      }),
    );
    expect(screen.getByRole('progressbar', { name: 'Bulk send progress' }).getAttribute('aria-valuenow')).toBe('20');
    expect(['bulk-answered', 'bulk-delivered', 'bulk-queued', 'bulk-refused'].map((id) => screen.getByTestId(id).textContent)).toEqual([
      '20',
      '12',
      '6',
      '2',
    ]);
    expect(screen.getByTestId('bulk-summary').textContent).toContain('9.5 ms');

    fireEvent.click(screen.getByTestId('bulk-stop'));
    await waitFor(() => expect(client.paramsOf('webhooks.bulkStop')).toEqual([{ runId: 'run1' }]));
    act(() => client.emit({ type: 'bulk', progress: progress({ state: 'stopped', sent: 25, answered: 25 }) }));
    // A late tick of the run does not undo its end.
    act(() => client.emit({ type: 'bulk', progress: progress({ sent: 24, answered: 24 }) }));
    expect(screen.getByTestId('bulk-summary').dataset.state).toBe('stopped');
    expect(screen.getByTestId('bulk-start')).toBeTruthy();
  });

  it('sends a rate run, and shows a refusal beyond the bounds with its code', async () => {
    const client = new FakeClient().fail('webhooks.bulk', {
      code: 'BOTBENCH_ERR_BULK_BOUNDS',
      message: '100 per second for 60 s is 6000 requests; a bulk send makes at most 1000.',
    });
    setup(client);
    fireEvent.click(screen.getByTestId('bulk-mode-rate'));
    fireEvent.change(screen.getByTestId('bulk-rate'), { target: { value: '100' } });
    fireEvent.change(screen.getByTestId('bulk-seconds'), { target: { value: '60' } });
    fireEvent.click(screen.getByTestId('bulk-start'));
    expect((await screen.findByTestId('bulk-error')).textContent).toContain('BOTBENCH_ERR_BULK_BOUNDS');
    expect(client.paramsOf('webhooks.bulk')[0]!.mode).toEqual({ kind: 'rate', perSecond: 100, seconds: 60 });
  });
});

// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LogInspector } from '../../../../renderer/src/screens/log/LogInspector.tsx';
import { makeLogEntry } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const failedRun = makeLogEntry(40, {
  kind: 'flow',
  status: 'failed',
  summary: 'Flow "Call my back end": Failed at action 2 (http): HTTP GET http://127.0.0.1:9/x failed: ECONNREFUSED',
  detail: {
    runId: 'run123',
    flowId: 'f1',
    flowName: 'Call my back end',
    trigger: { type: 'message', botId: 'b', text: 'order' },
    steps: [
      { index: 0, type: 'set_attribute', status: 'success', ms: 0.4, output: { plan: 'gold' } },
      { index: 1, type: 'http', status: 'failed', ms: 12.5, error: 'HTTP GET http://127.0.0.1:9/x failed: ECONNREFUSED' },
      { index: 2, type: 'send', status: 'skipped', ms: 0 },
    ],
    error: 'HTTP GET http://127.0.0.1:9/x failed: ECONNREFUSED',
  },
});

describe('<LogInspector>', () => {
  it('shows a flow run’s steps: number, action, status as Flow XO names it, time, and output or error', () => {
    renderWithStore(<LogInspector entry={failedRun} botName="Support bot" onClose={() => undefined} />);
    const inspector = screen.getByTestId('log-inspector');
    expect(within(inspector).getAllByTestId('log-status')[0]!.textContent).toBe('Failed');
    const steps = screen.getAllByTestId('flow-step');
    expect(steps.map((s) => s.dataset.status)).toEqual(['success', 'failed', 'skipped']);
    expect(steps[0]!.textContent).toContain('1set_attributeSuccess0.4 ms');
    expect(steps[0]!.textContent).toContain('"gold"');
    expect(steps[1]!.textContent).toContain('2httpFailed12.5 ms');
    expect(steps[1]!.textContent).toContain('ECONNREFUSED');
    expect(steps[2]!.textContent).toContain('3sendSkipped');
    expect(screen.getByTestId('flow-run').textContent).toContain('Call my back end');
    // The raw entry stays below.
    expect(inspector.textContent).toContain('runId: "run123"');
  });

  it('says no action ran when the trigger did not match', () => {
    const filtered = makeLogEntry(41, { kind: 'flow', status: 'filtered', detail: { flowId: 'f1', flowName: 'Keyword', text: 'bye' } });
    renderWithStore(<LogInspector entry={filtered} botName={null} onClose={() => undefined} />);
    expect(screen.getAllByTestId('log-status')[0]!.textContent).toBe('Filtered');
    expect(screen.queryAllByTestId('flow-step')).toEqual([]);
    expect(screen.getByTestId('flow-run').textContent).toContain('No action ran: the trigger did not match this message.');
  });

  it('keeps the raw status name for other kinds', () => {
    renderWithStore(<LogInspector entry={makeLogEntry(42, { kind: 'webhook', status: 'queued' })} botName={null} onClose={() => undefined} />);
    expect(screen.getAllByTestId('log-status')[0]!.textContent).toBe('queued');
    expect(screen.queryByTestId('flow-run')).toBeNull();
  });
});

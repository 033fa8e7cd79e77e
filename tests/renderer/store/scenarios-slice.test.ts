import { describe, expect, it } from 'vitest';
import type { ScenarioInfo } from '../../../main/api/contract.ts';
import type { RunSummary, StepResult } from '../../../main/scenarios/types.ts';
import { connectEvents, createAppStore } from '../../../renderer/src/store/index.ts';
import { applyProgress, runProgress } from '../../../renderer/src/store/scenarios-slice.ts';
import { FakeClient } from '../../mocks/fake-client.ts';

const info = (source: string, builtIn = true): ScenarioInfo => ({
  source,
  name: `Scenario ${source}`,
  description: null,
  steps: 2,
  builtIn,
  text: '{}',
});
const step = (index: number, status: StepResult['status'], message: string | null = null): StepResult =>
  ({
    index,
    id: null,
    do: 'open',
    label: `step ${index}`,
    profile: 'a',
    status,
    durationMs: 1,
    before: null,
    observed: null,
    expectations: [],
    message,
  }) as StepResult;

describe('applyProgress()', () => {
  it('builds a row per scenario and fills in each step as it finishes', () => {
    let rows = applyProgress([], {
      type: 'scenario-started',
      key: 'k',
      source: 's',
      name: 'Story',
      botId: null,
      steps: [
        { index: 0, label: 'open' },
        { index: 1, label: 'reload' },
      ],
    });
    rows = applyProgress(rows, { type: 'step-started', key: 'k', index: 0, label: 'open', profile: 'a' });
    expect(rows[0]!.steps.map((s) => s.status)).toEqual(['running', 'waiting']);
    rows = applyProgress(rows, { type: 'step-finished', key: 'k', step: step(0, 'failed', 'expected changed, observed n_a') });
    expect(rows[0]!.steps[0]).toMatchObject({ status: 'failed', message: 'expected changed, observed n_a' });
    expect(runProgress(rows)).toEqual({ done: 1, total: 2 });
  });
});

describe('the scenarios slice', () => {
  it('loads the built-in set, all ticked, and adds a checked file', async () => {
    const client = new FakeClient({
      'scenarios.list': () => [info('builtin/a.json'), info('builtin/b.json')],
      'scenarios.check': ({ source }) => info(source, false),
    });
    const store = createAppStore(client);
    await store.getState().loadScenarios();
    expect(store.getState().scenarioSelection).toEqual(['builtin/a.json', 'builtin/b.json']);
    expect(await store.getState().addScenarioFile('mine.yaml', 'name: x')).toBe(true);
    expect(store.getState().scenarioList.map((s) => s.source)).toEqual(['builtin/a.json', 'builtin/b.json', 'mine.yaml']);
    expect(client.paramsOf('scenarios.check')).toEqual([{ text: 'name: x', source: 'mine.yaml' }]);
  });

  it('runs the ticked scenarios, follows progress events, and keeps the summary for export', async () => {
    const summary: RunSummary = { status: 'passed', startedAt: 0, durationMs: 1200, concurrency: 2, scenarios: [] };
    let release!: () => void;
    const client = new FakeClient({
      'scenarios.list': () => [info('builtin/a.json')],
      'scenarios.run': () => new Promise((resolve) => (release = () => resolve({ runId: 'r1', summary }))),
      'scenarios.report': () => ({ fileName: 'scenarios.html', content: '<html>', mime: 'text/html' }),
    });
    const store = createAppStore(client);
    connectEvents(store);
    await store.getState().loadScenarios();
    const running = store.getState().runSelectedScenarios();
    expect(store.getState().scenarioRun.running).toBe(true);
    client.emit({
      type: 'scenario',
      runId: 'r1',
      progress: { type: 'scenario-started', key: 'k', source: 'builtin/a.json', name: 'A', botId: null, steps: [{ index: 0, label: 'open' }] },
    });
    expect(store.getState().scenarioRun.rows.map((r) => r.name)).toEqual(['A']);
    release();
    await running;
    expect(store.getState().scenarioRun).toMatchObject({ running: false, runId: 'r1', summary: { status: 'passed' } });
    expect(client.paramsOf('scenarios.run')).toEqual([{ scenarios: [{ source: 'builtin/a.json', text: '{}' }] }]);
  });
});

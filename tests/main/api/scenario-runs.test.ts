import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioInfo, WorkbenchEvent } from '../../../main/api/contract.ts';
import type { RunSummary } from '../../../main/scenarios/types.ts';
import { startWorkbench, type Workbench } from '../../../main/workbench.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';

describe('scenarios from the workbench (scenarios.*)', () => {
  let workbench: Workbench;
  const events: WorkbenchEvent[] = [];

  beforeEach(async () => {
    workbench = await startWorkbench({ dataDir: null, mode: 'browser', createHost: () => new FakeProfileHost() });
    workbench.services.subscribe((event) => events.push(event));
  });
  afterEach(async () => {
    events.length = 0;
    await workbench.close();
  });

  const call = <T>(method: string, params?: unknown) => workbench.services.dispatch(method, params) as Promise<T>;

  it('lists the built-in set and checks a loaded file, refusing a bad one with the path of the bad field', async () => {
    const builtIn = await call<ScenarioInfo[]>('scenarios.list');
    expect(builtIn.length).toBeGreaterThanOrEqual(5);
    expect(builtIn.every((s) => s.builtIn && s.steps > 0)).toBe(true);
    await expect(call('scenarios.check', { text: '{"name":"x","steps":[{"do":"fly"}]}', source: 'bad.json' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_VALIDATION',
      message: expect.stringContaining('steps[0]'),
    });
  });

  it('runs a scenario, streams progress, shows its profiles while it runs, and exports the report', async () => {
    const [first] = await call<ScenarioInfo[]>('scenarios.list');
    const { runId, summary } = await call<{ runId: string; summary: RunSummary }>('scenarios.run', {
      scenarios: [{ source: first!.source, text: first!.text }],
    });
    expect(summary.status).toBe('passed');
    const progress = events.filter((e) => e.type === 'scenario');
    expect(progress[0]).toMatchObject({ type: 'scenario', runId, progress: { type: 'scenario-started' } });
    expect(progress.at(-1)).toMatchObject({ progress: { type: 'scenario-finished', result: { status: 'passed' } } });
    expect(events.some((e) => e.type === 'profile')).toBe(true);
    const report = await call<{ fileName: string; content: string }>('scenarios.report', { runId, reporter: 'html' });
    expect(report.fileName).toBe('scenarios.html');
    expect(report.content).toContain('<svg');
    await expect(call('scenarios.report', { runId: 'nope', reporter: 'html' })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION' });
  }, 30_000);
});

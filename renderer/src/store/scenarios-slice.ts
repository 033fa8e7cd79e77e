import type { ScenarioInfo } from '../../../main/api/contract.ts';
import type { RunSummary, ScenarioProgress, StepResult } from '../../../main/scenarios/types.ts';
import { downloadText } from '../lib/download.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

/** One scenario as the run shows it, built from progress events. */
export interface ScenarioRunRow {
  key: string;
  name: string;
  source: string;
  status: 'running' | 'passed' | 'failed' | 'skipped';
  steps: Array<{ index: number; label: string; status: StepResult['status'] | 'running' | 'waiting'; message: string | null }>;
  failures: string[];
}

export interface ScenariosSlice {
  /** Built-in scenarios, then loaded files. */
  scenarioList: ScenarioInfo[];
  /** Sources ticked to run. */
  scenarioSelection: string[];
  scenarioRun: { runId: string | null; running: boolean; rows: ScenarioRunRow[]; summary: RunSummary | null; error: string | null };
  /** Keep each scenario's bot after a run (to look at its users and log); off: runs leave no bots behind. */
  keepScenarioBots: boolean;
  setKeepScenarioBots(keep: boolean): void;
  loadScenarios(): Promise<void>;
  addScenarioFile(name: string, text: string): Promise<boolean>;
  toggleScenario(source: string): void;
  runSelectedScenarios(): Promise<void>;
  cancelScenarioRun(): Promise<void>;
  exportScenarioReport(reporter: 'list' | 'junit' | 'markdown' | 'html'): Promise<void>;
  applyScenarioProgress(runId: string, progress: ScenarioProgress): void;
}

const idle = { runId: null, running: false, rows: [], summary: null, error: null };

export const createScenariosSlice: SliceCreator<ScenariosSlice> = (set, get) => ({
  scenarioList: [],
  scenarioSelection: [],
  scenarioRun: idle,
  keepScenarioBots: false,
  setKeepScenarioBots: (keepScenarioBots) => set({ keepScenarioBots }),
  loadScenarios: () =>
    attempt(
      get,
      'Could not load the scenarios',
      async () => {
        const builtIn = await get().client.call('scenarios.list');
        set((state) => ({
          scenarioList: [...builtIn, ...state.scenarioList.filter((s) => !s.builtIn)],
          scenarioSelection: state.scenarioSelection.length > 0 ? state.scenarioSelection : builtIn.map((s) => s.source),
        }));
      },
      undefined,
    ),
  addScenarioFile: (name, text) =>
    attempt(
      get,
      `“${name}” is not a valid scenario`,
      async () => {
        const info = await get().client.call('scenarios.check', { text, source: name });
        set((state) => ({
          scenarioList: [...state.scenarioList.filter((s) => s.source !== info.source), info],
          scenarioSelection: [...state.scenarioSelection.filter((s) => s !== info.source), info.source],
        }));
        return true;
      },
      false,
    ),
  toggleScenario: (source) =>
    set((state) => ({
      scenarioSelection: state.scenarioSelection.includes(source)
        ? state.scenarioSelection.filter((s) => s !== source)
        : [...state.scenarioSelection, source],
    })),
  runSelectedScenarios: async () => {
    const { scenarioList, scenarioSelection } = get();
    const chosen = scenarioList.filter((s) => scenarioSelection.includes(s.source));
    if (chosen.length === 0 || get().scenarioRun.running) return;
    set({ scenarioRun: { ...idle, running: true } });
    // Not attempt(): a failed run also keeps the error's message in the run, where the Scenarios screen shows it.
    try {
      const { runId, summary } = await get().client.call('scenarios.run', {
        scenarios: chosen.map((s) => ({ source: s.source, text: s.text })),
        ...(get().keepScenarioBots ? { keepBots: true } : {}),
      });
      set((state) => ({ scenarioRun: { ...state.scenarioRun, runId, running: false, summary } }));
    } catch (error) {
      set((state) => ({ scenarioRun: { ...state.scenarioRun, running: false, error: (error as Error).message } }));
      get().reportError(error, 'The scenario run failed');
    }
  },
  cancelScenarioRun: async () => {
    const runId = get().scenarioRun.runId;
    if (runId) await get().client.call('scenarios.cancel', { runId });
  },
  exportScenarioReport: async (reporter) => {
    const runId = get().scenarioRun.runId;
    if (!runId) return;
    await attempt(
      get,
      'Could not export the report',
      async () => {
        const report = await get().client.call('scenarios.report', { runId, reporter });
        downloadText(report.fileName, report.content, report.mime);
      },
      undefined,
    );
  },
  applyScenarioProgress: (runId, progress) =>
    set((state) => {
      const run = state.scenarioRun;
      // Events of a run this window did not start (another window) are ignored.
      if (!run.running || (run.runId !== null && run.runId !== runId)) return {};
      return { scenarioRun: { ...run, runId, rows: applyProgress(run.rows, progress) } };
    }),
});

/** Folds one progress event into the rows: pure, so it is tested on its own. */
export function applyProgress(rows: readonly ScenarioRunRow[], progress: ScenarioProgress): ScenarioRunRow[] {
  if (progress.type === 'scenario-started') {
    const row: ScenarioRunRow = {
      key: progress.key,
      name: progress.name,
      source: progress.source,
      status: 'running',
      steps: progress.steps.map((s) => ({ index: s.index, label: s.label, status: 'waiting', message: null })),
      failures: [],
    };
    return [...rows.filter((r) => r.key !== progress.key), row];
  }
  return rows.map((row) => {
    if (row.key !== progress.key) return row;
    switch (progress.type) {
      case 'step-started':
        return { ...row, steps: row.steps.map((s) => (s.index === progress.index ? { ...s, status: 'running' as const } : s)) };
      case 'step-finished':
        return {
          ...row,
          steps: row.steps.map((s) => (s.index === progress.step.index ? { ...s, status: progress.step.status, message: progress.step.message } : s)),
        };
      case 'scenario-finished':
        return {
          ...row,
          status: progress.result.status,
          failures: progress.result.failures,
          steps: progress.result.steps.map((s) => ({ index: s.index, label: s.label, status: s.status, message: s.message })),
        };
    }
  });
}

/** Finished steps over all steps, for the progress bar. */
export function runProgress(rows: readonly ScenarioRunRow[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const row of rows) {
    total += row.steps.length;
    done += row.steps.filter((s) => s.status !== 'waiting' && s.status !== 'running').length;
  }
  return { done, total };
}

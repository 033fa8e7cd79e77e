import type { Finding } from '../../findings/types.ts';
import type { RunSummary, ScenarioResult, StepResult } from '../runner.ts';

/** "1.2 s" or "850 ms". */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export const STEP_MARK: Record<StepResult['status'], string> = { passed: '✓', failed: '✗', error: '✗', skipped: '–' };
export const SCENARIO_MARK: Record<ScenarioResult['status'], string> = { passed: '✓', failed: '✗', skipped: '–' };

export interface Counts {
  scenarios: number;
  passed: number;
  failed: number;
  skipped: number;
  steps: number;
  failedSteps: number;
}

export function countResults(summary: RunSummary): Counts {
  const steps = summary.scenarios.flatMap((s) => s.steps);
  return {
    scenarios: summary.scenarios.length,
    passed: summary.scenarios.filter((s) => s.status === 'passed').length,
    failed: summary.scenarios.filter((s) => s.status === 'failed').length,
    skipped: summary.scenarios.filter((s) => s.status === 'skipped').length,
    steps: steps.length,
    failedSteps: steps.filter((s) => s.status === 'failed' || s.status === 'error').length,
  };
}

/** "7 passed, 1 failed of 8 scenarios (31 steps, 1 failed) in 12.3 s, 2 at once". */
export function summaryLine(summary: RunSummary): string {
  const c = countResults(summary);
  const parts = [`${c.passed} passed`, ...(c.failed ? [`${c.failed} failed`] : []), ...(c.skipped ? [`${c.skipped} skipped`] : [])];
  return `${parts.join(', ')} of ${c.scenarios} scenario(s) (${c.steps} steps${c.failedSteps ? `, ${c.failedSteps} failed` : ''}) in ${formatDuration(summary.durationMs)}, ${summary.concurrency} at once`;
}

/** The set of step indexes that failed or errored, for marking them on timelines. */
export function failedSteps(scenario: ScenarioResult): Set<number> {
  return new Set(scenario.steps.filter((s) => s.status === 'failed' || s.status === 'error').map((s) => s.index));
}

/** What a step left its profile with, for one line of a report: the Channel ID, or nothing. */
export function observedText(step: StepResult): string {
  return step.observed?.channelId ?? '';
}

/** Whether any step shows a page (a page step, or an open with a url): reports then give the page a column. */
export function hasPages(scenario: ScenarioResult): boolean {
  return scenario.steps.some((step) => typeof step.url === 'string');
}

/** One finding on one line: "LOGIN_CONVERSATION_LOST (warning): …". */
export function findingLine(finding: Finding): string {
  return `${finding.code} (${finding.severity}): ${finding.title}`;
}

/** The site integration findings of a scenario's profiles when it ended, each once per profile. */
export function scenarioFindings(scenario: ScenarioResult): Array<{ profile: string; finding: Finding }> {
  return scenario.profiles.flatMap((profile) => {
    const seen = new Set<string>();
    return (profile.findings ?? []).flatMap((finding) => {
      const key = `${finding.code}\u0000${finding.title}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ profile: profile.name, finding }];
    });
  });
}

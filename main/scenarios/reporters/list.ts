import type { RunSummary, ScenarioProgress } from '../runner.ts';
import { findingLine, formatDuration, scenarioFindings, SCENARIO_MARK, STEP_MARK, summaryLine } from './format.ts';

/**
 * The list reporter: a line per step as it finishes, tagged with its scenario's number, since
 * scenarios run side by side and their lines interleave.
 */
export function createListProgress(write: (line: string) => void, total?: number): (event: ScenarioProgress) => void {
  const numbers = new Map<string, number>();
  const tag = (key: string): string => `[${numbers.get(key) ?? '?'}${total ? `/${total}` : ''}]`;
  return (event) => {
    switch (event.type) {
      case 'scenario-started':
        numbers.set(event.key, numbers.size + 1);
        write(`${tag(event.key)} ▶ ${event.name} (${event.source})`);
        return;
      case 'step-finished': {
        const step = event.step;
        const channel = step.observed?.channelId ? ` → ${step.observed.channelId}` : '';
        const page = step.url ? ` on ${step.url}` : '';
        write(
          `${tag(event.key)}   ${STEP_MARK[step.status]} steps[${step.index}] ${step.label}${channel}${page} (${formatDuration(step.durationMs)})`,
        );
        if (step.message) write(`${tag(event.key)}       ${step.status === 'error' ? 'error: ' : ''}${step.message}`);
        for (const finding of step.findings ?? []) write(`${tag(event.key)}       finding: ${findingLine(finding)}`);
        return;
      }
      case 'scenario-finished':
        write(
          `${tag(event.key)} ${SCENARIO_MARK[event.result.status]} ${event.result.status}: ${event.result.name} (${formatDuration(event.result.durationMs)})`,
        );
        return;
      default:
        return;
    }
  };
}

/** The end of a list run: every failure again, then the counts. */
export function renderList(summary: RunSummary): string {
  const lines: string[] = [];
  const failed = summary.scenarios.filter((s) => s.status === 'failed');
  if (failed.length > 0) {
    lines.push('', 'Failures:');
    for (const scenario of failed) {
      lines.push(`  ✗ ${scenario.name} (${scenario.source})`);
      for (const failure of scenario.failures) lines.push(`      ${failure}`);
    }
  }
  const found = summary.scenarios.map((scenario) => ({ scenario, findings: scenarioFindings(scenario) })).filter((s) => s.findings.length > 0);
  if (found.length > 0) {
    lines.push('', 'Site integration findings:');
    for (const { scenario, findings } of found) {
      lines.push(`  ${scenario.name} (${scenario.source})`);
      for (const { profile, finding } of findings) lines.push(`      ${profile}: ${findingLine(finding)}`);
    }
  }
  lines.push('', `${summary.status === 'passed' ? '✓' : '✗'} ${summaryLine(summary)}`);
  return `${lines.join('\n')}\n`;
}

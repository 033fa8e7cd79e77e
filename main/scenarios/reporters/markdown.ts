import type { RunSummary, ScenarioResult } from '../runner.ts';
import { failedSteps, findingLine, formatDuration, hasPages, scenarioFindings, SCENARIO_MARK, STEP_MARK, summaryLine } from './format.ts';
import { timelineSvg } from './timeline-svg.ts';

/** A table cell: no pipes or line breaks. */
const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string): string => (text === '' ? '' : `\`${text.replace(/`/g, 'ʼ')}\``);

function scenarioSection(scenario: ScenarioResult): string {
  const lines: string[] = [`## ${SCENARIO_MARK[scenario.status]} ${scenario.name}`, ''];
  lines.push(
    `${code(scenario.source)} · ${scenario.status} · ${formatDuration(scenario.durationMs)}${scenario.botId ? ` · bot ${code(scenario.botId)}` : ''}`,
    '',
  );
  if (scenario.description) lines.push(`> ${scenario.description.replace(/\n/g, ' ')}`, '');
  // Page steps (Botbench's) show the page they left the profile on.
  const pages = hasPages(scenario);
  lines.push(
    pages ? '| | Step | Page after | Channel ID after | Time | Result |' : '| | Step | Channel ID after | Time | Result |',
    pages ? '|---|---|---|---|---|---|' : '|---|---|---|---|---|',
  );
  for (const step of scenario.steps) {
    const result = step.message ?? (step.status === 'passed' ? `${step.expectations.length} expectation(s) met` : step.status);
    const page = pages ? ` ${code(step.url ?? '')} |` : '';
    lines.push(
      `| ${STEP_MARK[step.status]} | ${cell(`steps[${step.index}] ${step.label}`)} |${page} ${code(step.observed?.channelId ?? '')} | ${formatDuration(step.durationMs)} | ${cell(result)} |`,
    );
  }
  lines.push('');
  const findings = scenarioFindings(scenario);
  if (findings.length > 0) {
    lines.push('### Site integration findings', '', '| Profile | Finding | Evidence | What to do |', '|---|---|---|---|');
    for (const { profile, finding } of findings)
      lines.push(`| ${cell(profile)} | ${cell(findingLine(finding))} | ${cell(finding.evidence.join('; '))} | ${cell(finding.fix)} |`);
    lines.push('');
  }
  if (scenario.failures.length > 0 && scenario.steps.every((s) => s.status === 'skipped')) lines.push(`**${cell(scenario.failures.join(' '))}**`, '');
  if (scenario.profiles.length > 0) {
    lines.push('### Identity timelines', '');
    const failed = failedSteps(scenario);
    for (const profile of scenario.profiles) {
      // An HTML block: the SVG is one line, so no blank line ends the block early.
      lines.push(`<p>${timelineSvg(profile, { failedSteps: failed })}</p>`, '');
      lines.push(`<details><summary>${profile.name} (${profile.kind}) as a table</summary>`, '');
      lines.push('| Step | Action | Channel ID | Changed | Note |', '|---|---|---|---|---|');
      for (const row of profile.timeline) {
        lines.push(
          `| ${row.step === null ? '' : `steps[${row.step}]`} | ${row.action} | ${code(row.channelId ?? '')} | ${row.changed ? '**changed**' : ''} | ${cell(row.note ?? '')} |`,
        );
      }
      lines.push('', '</details>', '');
    }
  }
  return lines.join('\n');
}

/** Markdown: a summary table, then each scenario's steps and an SVG identity timeline per profile. */
export function renderMarkdown(summary: RunSummary): string {
  const lines = ['# Botbench identity scenarios', '', `**${summary.status === 'passed' ? '✓' : '✗'} ${summaryLine(summary)}**`, ''];
  lines.push('| | Scenario | Steps passed | Time |', '|---|---|---|---|');
  for (const s of summary.scenarios) {
    lines.push(
      `| ${SCENARIO_MARK[s.status]} | ${cell(s.name)} | ${s.steps.filter((x) => x.status === 'passed').length}/${s.steps.length} | ${formatDuration(s.durationMs)} |`,
    );
  }
  lines.push('');
  return `${[...lines, ...summary.scenarios.map(scenarioSection)].join('\n').trimEnd()}\n`;
}

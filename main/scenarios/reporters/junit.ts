import type { RunSummary, ScenarioResult, StepResult } from '../runner.ts';
import { countResults, findingLine, scenarioFindings } from './format.ts';
import { escapeXml } from './timeline-svg.ts';

const seconds = (ms: number): string => (ms / 1000).toFixed(3);
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');

function testcase(scenario: ScenarioResult, step: StepResult): string {
  const open = `<testcase classname="${escapeXml(scenario.name)}" name="${escapeXml(`steps[${step.index}] ${step.label}`)}" time="${seconds(step.durationMs)}"`;
  // A page step's page, as the step's own output.
  if (step.status === 'passed' && step.url) return `${open}><system-out>${escapeXml(`page: ${step.url}`)}</system-out></testcase>`;
  const details = step.expectations.map((e) => `${e.passed ? 'ok  ' : 'FAIL'} ${e.name}: expected ${e.expected}; observed ${e.observed}`).join('\n');
  switch (step.status) {
    case 'passed':
      return `${open}/>`;
    case 'skipped':
      return `${open}><skipped message="not run: an earlier step stopped the scenario, or the run stopped"/></testcase>`;
    case 'failed':
      return `${open}><failure type="expectation" message="${escapeXml(step.message ?? 'failed')}">${escapeXml(details)}</failure></testcase>`;
    case 'error':
      return `${open}><error type="error" message="${escapeXml(step.message ?? 'error')}">${escapeXml(step.message ?? '')}</error></testcase>`;
  }
}

/** The identity timelines as text, for CI pages that show a suite's output. */
function timelines(scenario: ScenarioResult): string {
  return [
    ...scenario.profiles.map(
      (p) =>
        `${p.name} (${p.kind}${p.url ? `, ${p.url}` : ''}): ${p.timeline.map((r) => `${r.changed ? '✂ ' : ''}${r.action} ${r.channelId ?? '–'}`).join(' → ')}`,
    ),
    ...scenarioFindings(scenario).map(({ profile, finding }) => `${profile} finding: ${findingLine(finding)}`),
  ].join('\n');
}

function suite(scenario: ScenarioResult): string {
  const count = (status: StepResult['status']): number => scenario.steps.filter((s) => s.status === status).length;
  const cases = scenario.steps.map((step) => testcase(scenario, step));
  // A scenario that failed before any step (its bot could not be made) still shows as an error.
  const unexplained = scenario.status === 'failed' && count('failed') + count('error') === 0;
  if (unexplained) {
    cases.unshift(
      `<testcase classname="${escapeXml(scenario.name)}" name="set-up" time="0.000"><error type="error" message="${escapeXml(scenario.failures[0] ?? 'failed')}">${escapeXml(scenario.failures.join('\n'))}</error></testcase>`,
    );
  }
  const attributes = [
    `name="${escapeXml(scenario.name)}"`,
    `tests="${cases.length}"`,
    `failures="${count('failed')}"`,
    `errors="${count('error') + (unexplained ? 1 : 0)}"`,
    `skipped="${count('skipped')}"`,
    `time="${seconds(scenario.durationMs)}"`,
    `timestamp="${iso(scenario.startedAt)}"`,
    `file="${escapeXml(scenario.source)}"`,
  ];
  const properties = scenario.botId ? `<properties><property name="botId" value="${escapeXml(scenario.botId)}"/></properties>` : '';
  const out = scenario.profiles.length ? `\n    <system-out>${escapeXml(timelines(scenario))}</system-out>` : '';
  return `  <testsuite ${attributes.join(' ')}>${properties ? `\n    ${properties}` : ''}\n    ${cases.join('\n    ')}${out}\n  </testsuite>`;
}

/** JUnit XML: a testsuite per scenario, a testcase per step; failures carry expected and observed. */
export function renderJunit(summary: RunSummary): string {
  const c = countResults(summary);
  const steps = summary.scenarios.flatMap((s) => s.steps);
  const errors =
    steps.filter((s) => s.status === 'error').length +
    summary.scenarios.filter((s) => s.status === 'failed' && s.steps.every((x) => x.status !== 'failed' && x.status !== 'error')).length;
  const head = `<testsuites name="Botbench identity scenarios" tests="${c.steps}" failures="${steps.filter((s) => s.status === 'failed').length}" errors="${errors}" skipped="${steps.filter((s) => s.status === 'skipped').length}" time="${seconds(summary.durationMs)}" timestamp="${iso(summary.startedAt)}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${summary.scenarios.map(suite).join('\n')}\n</testsuites>\n`;
}

import type { RunSummary, ScenarioResult } from '../runner.ts';
import { failedSteps, findingLine, formatDuration, hasPages, scenarioFindings, SCENARIO_MARK, STEP_MARK, summaryLine } from './format.ts';
import { escapeXml, timelineSvg } from './timeline-svg.ts';

const h = escapeXml;

const STYLE = `
  body { font: 14px/1.5 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header, main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
  header { border-bottom: 1px solid #d1d9e0; background: #fff; max-width: none; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  .verdict.passed { color: #1a7f37; } .verdict.failed { color: #cf222e; }
  section.scenario { background: #fff; border: 1px solid #d1d9e0; border-left: 6px solid #1a7f37; border-radius: 6px; margin: 16px 0; padding: 4px 16px 12px; }
  section.scenario.failed { border-left-color: #cf222e; } section.scenario.skipped { border-left-color: #8c959f; }
  h2 { font-size: 16px; margin: 12px 0 2px; } .meta { color: #59636e; margin: 0 0 8px; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
  tr.failed td, tr.error td { background: #ffebe9; } td.mark { width: 1.5em; } td.time { white-space: nowrap; }
  code { font: 12px ui-monospace, monospace; }
  figure.timeline { margin: 8px 0; overflow-x: auto; } figure.timeline svg { display: block; background: #fff; }
  figcaption { color: #59636e; font-size: 12px; }
`;

function scenarioSection(scenario: ScenarioResult): string {
  const failed = failedSteps(scenario);
  const pages = hasPages(scenario);
  const rows = scenario.steps
    .map(
      (step) =>
        `<tr class="${step.status}" data-testid="step"><td class="mark">${STEP_MARK[step.status]}</td><td>steps[${step.index}] ${h(step.label)}</td>${pages ? `<td><code>${h(step.url ?? '')}</code></td>` : ''}<td><code>${h(step.observed?.channelId ?? '')}</code></td><td class="time">${formatDuration(step.durationMs)}</td><td>${h(step.message ?? (step.status === 'passed' ? `${step.expectations.length} expectation(s) met` : step.status))}</td></tr>`,
    )
    .join('\n');
  const figures = scenario.profiles
    .map(
      (profile) =>
        `<figure class="timeline" data-testid="timeline">${timelineSvg(profile, { failedSteps: failed })}<figcaption>${h(profile.name)} · ${h(profile.kind)}: ${h(profile.timeline.map((r) => `${r.action} ${r.channelId ?? '–'}`).join(' → '))}</figcaption></figure>`,
    )
    .join('\n');
  const findings = scenarioFindings(scenario)
    .map(
      ({ profile, finding }) =>
        `<tr class="finding ${h(finding.severity)}" data-testid="finding"><td>${h(profile)}</td><td>${h(findingLine(finding))}</td><td>${h(finding.evidence.join('; '))}</td><td>${h(finding.fix)}</td></tr>`,
    )
    .join('\n');
  const lostBeforeSteps = scenario.failures.length > 0 && scenario.steps.every((s) => s.status === 'skipped');
  return `<section class="scenario ${scenario.status}" data-testid="scenario">
<h2>${SCENARIO_MARK[scenario.status]} ${h(scenario.name)}</h2>
<p class="meta"><code>${h(scenario.source)}</code> · ${scenario.status} · ${formatDuration(scenario.durationMs)}${scenario.botId ? ` · bot <code>${h(scenario.botId)}</code>` : ''}</p>
${scenario.description ? `<p>${h(scenario.description)}</p>` : ''}${lostBeforeSteps ? `<p class="verdict failed">${h(scenario.failures.join(' '))}</p>` : ''}
<table><thead><tr><th></th><th>Step</th>${pages ? '<th>Page after</th>' : ''}<th>Channel ID after</th><th>Time</th><th>Result</th></tr></thead><tbody>
${rows}
</tbody></table>
${findings ? `<h3>Site integration findings</h3>\n<table><thead><tr><th>Profile</th><th>Finding</th><th>Evidence</th><th>What to do</th></tr></thead><tbody>\n${findings}\n</tbody></table>\n` : ''}${figures ? `<h3>Identity timelines</h3>\n${figures}` : ''}
</section>`;
}

/** A standalone HTML page: the verdict, then each scenario with its steps and an SVG timeline per profile. */
export function renderHtml(summary: RunSummary): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Botbench identity scenarios: ${summary.status}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Botbench identity scenarios</h1><p class="verdict ${summary.status}" data-testid="verdict">${summary.status === 'passed' ? '✓' : '✗'} ${h(summaryLine(summary))}</p></header>
<main>
${summary.scenarios.map(scenarioSection).join('\n')}
</main>
</body>
</html>
`;
}

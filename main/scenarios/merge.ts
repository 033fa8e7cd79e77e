import { BotbenchError } from '../platform/errors.ts';
import type { JsonReport } from './reporters/json.ts';
import type { RunSummary, ScenarioResult } from './types.ts';

/**
 * Joins the JSON reports of a sharded run into the run of the whole suite, as Playwright Test's
 * merge-reports does: scenarios back in suite order (shards deal round-robin, so a scenario's
 * place is its place in its shard × total + shard − 1), failed if any shard failed, timed from
 * the first start to the last end. Two reports of the same shard, or shards of different
 * splits, are refused: the merged report would count scenarios twice or miss some silently.
 */
export function mergeReports(reports: ReadonlyArray<{ source: string; report: JsonReport }>): { summary: RunSummary; missingShards: number[] } {
  if (reports.length === 0) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', 'merge needs at least one JSON report.', {
      expected: 'one or more files from --reporter json',
    });
  }
  const totals = new Set(reports.map(({ report }) => report.shard?.total ?? 1));
  if (totals.size > 1) {
    throw new BotbenchError(
      'BOTBENCH_ERR_VALIDATION',
      `These reports come from different splits (${[...totals].map((t) => `${t} shards`).join(', ')}); merge the reports of one run.`,
      { expected: 'reports whose shard totals agree' },
    );
  }
  const total = [...totals][0] ?? 1;
  const seen = new Map<number, string>();
  for (const { source, report } of reports) {
    const current = report.shard?.current ?? 1;
    const earlier = seen.get(current);
    if (earlier !== undefined) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${source} and ${earlier} are both shard ${current}/${total}.`, {
        expected: 'each shard once',
      });
    }
    seen.set(current, source);
  }
  const placed: Array<{ order: number; scenario: ScenarioResult }> = reports.flatMap(({ report }) =>
    report.summary.scenarios.map((scenario, index) => ({ order: index * total + (report.shard?.current ?? 1) - 1, scenario })),
  );
  placed.sort((a, b) => a.order - b.order);
  const summaries = reports.map(({ report }) => report.summary);
  const startedAt = Math.min(...summaries.map((s) => s.startedAt));
  const endedAt = Math.max(...summaries.map((s) => s.startedAt + s.durationMs));
  return {
    summary: {
      status: summaries.some((s) => s.status === 'failed') ? 'failed' : 'passed',
      startedAt,
      durationMs: endedAt - startedAt,
      concurrency: summaries.reduce((sum, s) => sum + s.concurrency, 0),
      scenarios: placed.map((p) => p.scenario),
    },
    missingShards: Array.from({ length: total }, (_, i) => i + 1).filter((n) => !seen.has(n)),
  };
}

const TOTALS = ['tests', 'failures', 'errors', 'skipped'] as const;

/**
 * Joins JUnit XML files (from --reporter junit, or any JUnit producer) into one `<testsuites>`
 * whose totals are the sums of its suites. For a merged report in every format, merge the JSON
 * reports instead.
 */
export function mergeJunit(files: ReadonlyArray<{ source: string; text: string }>): string {
  const suites: string[] = [];
  let time = 0;
  const sums = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  let timestamp: string | null = null;
  for (const { source, text } of files) {
    const found = text.match(/<testsuite\b[\s\S]*?<\/testsuite>|<testsuite\b[^>]*\/>/g);
    if (!/<testsuites?\b/.test(text) || found === null) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${source} has no <testsuite> element: it is not a JUnit XML report.`, {
        expected: 'a JUnit XML file from --reporter junit',
      });
    }
    for (const suite of found) {
      const open = /^<testsuite\b[^>]*>/.exec(suite)?.[0] ?? '';
      const attribute = (name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(open)?.[1];
      for (const name of TOTALS) sums[name] += Number(attribute(name) ?? 0) || 0;
      time += Number(attribute('time') ?? 0) || 0;
      const stamp = attribute('timestamp');
      if (stamp !== undefined && (timestamp === null || stamp < timestamp)) timestamp = stamp;
      suites.push(`  ${suite.trim()}`);
    }
  }
  const head = [
    'name="Botbench identity scenarios"',
    ...TOTALS.map((name) => `${name}="${sums[name]}"`),
    `time="${time.toFixed(3)}"`,
    ...(timestamp === null ? [] : [`timestamp="${timestamp}"`]),
  ].join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${head}>\n${suites.join('\n')}\n</testsuites>\n`;
}

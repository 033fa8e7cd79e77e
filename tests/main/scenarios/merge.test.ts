import { describe, expect, it } from 'vitest';
import { mergeJunit, mergeReports } from '../../../main/scenarios/merge.ts';
import { JSON_REPORT_FORMAT, JSON_REPORT_VERSION, parseJsonReport, renderJson, type JsonReport } from '../../../main/scenarios/reporters/json.ts';
import type { RunSummary, ScenarioResult } from '../../../main/scenarios/types.ts';

const scenario = (name: string, status: ScenarioResult['status'] = 'passed'): ScenarioResult => ({
  key: name,
  name,
  description: null,
  source: `${name}.json`,
  botId: null,
  status,
  startedAt: 0,
  durationMs: 1,
  steps: [],
  profiles: [],
  failures: [],
});

const report = (current: number, total: number, names: string[], startedAt = 1000, durationMs = 500): JsonReport => ({
  format: JSON_REPORT_FORMAT,
  version: JSON_REPORT_VERSION,
  shard: { current, total },
  summary: { status: 'passed', startedAt, durationMs, concurrency: 2, scenarios: names.map((n) => scenario(n)) } satisfies RunSummary,
});

describe('mergeReports()', () => {
  it('puts the scenarios back in suite order and times the run from the first start to the last end', () => {
    // Suite a..e dealt over 3 shards: 1 → a, d; 2 → b, e; 3 → c.
    const { summary, missingShards } = mergeReports([
      { source: '3', report: report(3, 3, ['c'], 900, 100) },
      { source: '1', report: report(1, 3, ['a', 'd'], 1000, 700) },
      { source: '2', report: report(2, 3, ['b', 'e']) },
    ]);
    expect(summary.scenarios.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(summary.startedAt).toBe(900);
    expect(summary.durationMs).toBe(800);
    expect(summary.concurrency).toBe(6);
    expect(missingShards).toEqual([]);
  });

  it('fails when any shard failed, and names the shards not given', () => {
    const failed = report(1, 3, ['a']);
    failed.summary.status = 'failed';
    const { summary, missingShards } = mergeReports([{ source: '1', report: failed }]);
    expect(summary.status).toBe('failed');
    expect(missingShards).toEqual([2, 3]);
  });

  it('refuses reports of different splits', () => {
    expect(() =>
      mergeReports([
        { source: 'x', report: report(1, 2, ['a']) },
        { source: 'y', report: report(2, 3, ['b']) },
      ]),
    ).toThrow('These reports come from different splits (2 shards, 3 shards); merge the reports of one run.');
  });
});

describe('parseJsonReport()', () => {
  it('reads back what renderJson wrote', () => {
    const written = renderJson(report(1, 1, ['a']).summary, { current: 1, total: 1 });
    expect(parseJsonReport(written, 'r.json').summary.scenarios[0]?.name).toBe('a');
  });

  it('refuses other JSON and other versions with the expected envelope', () => {
    expect(() => parseJsonReport('{"name": "x", "steps": []}', 'scenario.json')).toThrow(
      /scenario\.json is not a Botbench scenario report \(version 1\): format:/,
    );
    expect(() => parseJsonReport(JSON.stringify({ ...report(1, 1, []), version: 2 }), 'v2.json')).toThrow(
      /v2\.json is not a Botbench scenario report \(version 1\): version:/,
    );
    expect(() => parseJsonReport('not json', 'x.json')).toThrow(/x\.json is not valid JSON/);
  });
});

describe('mergeJunit()', () => {
  it('sums the totals of every suite', () => {
    const file = (name: string, failures: number) =>
      `<?xml version="1.0"?><testsuites><testsuite name="${name}" tests="2" failures="${failures}" errors="0" skipped="1" time="1.5" timestamp="2026-01-0${failures + 1}T00:00:00"><testcase name="x"/></testsuite></testsuites>`;
    const merged = mergeJunit([
      { source: 'a', text: file('A', 1) },
      { source: 'b', text: file('B', 0) },
    ]);
    expect(merged).toContain(
      '<testsuites name="Botbench identity scenarios" tests="4" failures="1" errors="0" skipped="2" time="3.000" timestamp="2026-01-01T00:00:00">',
    );
    expect(merged.match(/<testsuite /g)).toHaveLength(2);
  });

  it('refuses a file without test suites', () => {
    expect(() => mergeJunit([{ source: 'notes.xml', text: '<notes/>' }])).toThrow(
      'notes.xml has no <testsuite> element: it is not a JUnit XML report.',
    );
  });
});

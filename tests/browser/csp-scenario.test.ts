import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_SCENARIO_PORT, startCspSite } from '../fixtures/own-site/csp-site.ts';
import type { OwnSite } from '../fixtures/own-site/own-site.ts';
import { parseJsonReport } from '../../main/scenarios/reporters/json.ts';

/**
 * tests/fixtures/own-site/csp.scenario.yaml run as `npm run scenarios` runs it (main/cli/scenarios.ts,
 * after the build), against the CSP fixture site on its fixed port: every step passes, with the
 * CSP findings present where the policy lacks Flow XO and none where it allows it.
 */
describe('csp.scenario.yaml through the scenarios CLI', () => {
  let site: OwnSite;
  let dir: string;

  beforeAll(async () => {
    site = await startCspSite(CSP_SCENARIO_PORT);
    dir = mkdtempSync(join(tmpdir(), 'botbench-csp-scenario-'));
  });
  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes every step', { timeout: 180_000 }, async () => {
    const out = join(dir, 'report.json');
    const child = spawn(process.execPath, ['main/cli/scenarios.ts', 'tests/fixtures/own-site/csp.scenario.yaml', '-r', 'json', '-o', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);
    const report = parseJsonReport(readFileSync(out, 'utf8'), out);
    expect(report.summary.scenarios.map((scenario) => scenario.status)).toEqual(['passed']);
    const [scenario] = report.summary.scenarios;
    expect(scenario!.steps.map((step) => step.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    const findings = scenario!.steps.flatMap((step) => step.expectations.filter((e) => e.name === 'findings'));
    expect(findings.map((e) => e.passed)).toEqual([true, true, true, true, true]);
  });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/**
 * `npm run bench:quick` in the test suite: every benchmark script runs at tiny sizes against
 * the built platform and prints its tables. Nothing here looks at a figure: quick sizes mean
 * nothing, and no timing is asserted in npm test. A script fails (exit 1) on a crash, a failed
 * request or, in quick mode, a lost message.
 */
describe('bench/run.ts --quick', () => {
  it('runs every benchmark script, each printing its goal table with the command that made it', { timeout: 300_000 }, () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bench/run.ts'), '--quick'], { cwd: ROOT, encoding: 'utf8', timeout: 290_000 });
    expect(run.stderr).not.toMatch(/Error|failed/);
    expect(run.status).toBe(0);
    const sections = [...run.stdout.matchAll(/^## (.+?) \(quick mode/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      'Webhook throughput',
      'Webhook → widget delivery latency',
      'Webhook → message visible in the widget DOM (Chromium)',
      'Widget connections held',
      'Profile cost (Chromium adapter)',
      'Headless start',
      'Log view with 100k entries (workbench UI in Chromium)',
    ]);
    for (const script of ['webhook-throughput', 'delivery-latency', 'dom-latency', 'connections', 'profile-cost', 'startup', 'log-view']) {
      expect(run.stdout).toContain(`Command: \`node bench/${script}.ts`);
    }
    // Every section ends in a verdict table; in quick mode nothing is lost.
    expect(run.stdout.match(/\| [Vv]erdict/g)?.length).toBe(7);
    expect(run.stdout).toMatch(/All done in [\d.]+ s\./);
  });
});

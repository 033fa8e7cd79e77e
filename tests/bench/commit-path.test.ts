import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/**
 * `bench/commit-path.ts --quick`: the webhook path without HTTP runs against this checkout's
 * sources and prints its table. Like tests/bench/run.test.ts, nothing looks at a figure.
 */
describe('bench/commit-path.ts --quick', () => {
  it('measures the webhook path in a child process and prints CPU per webhook with the command that made it', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bench/commit-path.ts'), '--quick'], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    expect(run.stderr).not.toMatch(/Error|failed/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Command: `node bench/commit-path.ts --quick`');
    expect(run.stdout).toMatch(/\| This checkout \| +[\d.]+ µs/);
  });
});

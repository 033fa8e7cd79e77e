import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** `node bench/own-site.ts --quick`: the script runs end to end and prints its goal table. No figure is looked at. */
describe('bench/own-site.ts --quick', () => {
  it('opens the own-site page both ways and prints its verdict table with the command that made it', { timeout: 180_000 }, () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bench/own-site.ts'), '--quick'], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    expect(run.stderr).not.toMatch(/Error|failed/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Command: `node bench/own-site.ts --quick`');
    expect(run.stdout.match(/\| [Vv]erdict/g)?.length).toBe(1);
    expect(run.stdout).toMatch(/\| no spare +\| ≤ 1.15×/);
  });
});

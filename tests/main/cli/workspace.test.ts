import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkbench } from '../../../main/workbench.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';

function workspace(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['main/cli/workspace.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run workspace (main/cli/workspace.ts)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const temp = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-cli-workspace-'));
    dirs.push(dir);
    return dir;
  };

  it('exports one workspace and imports it into another: dry run first, then all of it', async () => {
    const [mine, theirs] = [temp(), temp()];
    const first = await startWorkbench({ dataDir: mine, mode: 'browser', createHost: () => new FakeProfileHost() });
    const shop = first.server.platform.createBot({ name: 'Shop' });
    await first.close();
    const second = await startWorkbench({ dataDir: theirs, mode: 'browser', createHost: () => new FakeProfileHost() });
    await second.close();

    const file = join(mine, 'team.json');
    const exported = await workspace(['export', '--data-dir', mine, '--out', file, '--secrets']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('Warning: this file holds the bots’ secrets');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'botbench-workspace', includes: { secrets: true } });

    const dry = await workspace(['import', file, '--data-dir', theirs, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`add     bot    ${shop.botId} "Shop" (2 flows, with secrets)`);
    const done = await workspace(['import', file, '--data-dir', theirs]);
    expect(done.code, done.stderr).toBe(0);
    const again = await workspace(['import', file, '--data-dir', theirs, '--dry-run']);
    expect(again.stdout).toContain(`skip    bot    ${shop.botId} "Shop"`);
    const check = await startWorkbench({ dataDir: theirs, mode: 'browser', createHost: () => new FakeProfileHost() });
    expect(
      check.server.platform.bots
        .list()
        .map((b) => b.name)
        .sort(),
    ).toEqual(['Demo bot', 'Demo bot', 'Shop']); // theirs, and mine with Shop
    await check.close();
  }, 60_000);

  it('refuses bad usage with exit 2 and a file that is not a workspace with exit 1, naming it', async () => {
    const dir = temp();
    const usage = await workspace(['export', '--on-conflict', 'merge']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--on-conflict must be replace or skip; got "merge".');
    const notThere = await workspace(['export', '--data-dir', join(dir, 'nope')]);
    expect(notThere.code).toBe(1);
    expect(notThere.stderr).toContain(`BOTBENCH_ERR_VALIDATION: There is no workspace at ${join(dir, 'nope')}.`);
    const bad = await workspace(['import', 'package.json', '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('BOTBENCH_ERR_VALIDATION: package.json is not a Botbench workspace file.');
  }, 30_000);
});

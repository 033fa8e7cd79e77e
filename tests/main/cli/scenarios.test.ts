import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { startPlatform, TOKEN } from '../../mocks/platform.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function scenarios(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['main/cli/scenarios.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Scenarios that need no browser: a webhook to a visitor who does not exist is refused. */
const refusedWebhook = (expected: 'refused' | 'delivered') =>
  JSON.stringify({
    name: `A webhook to an unknown visitor is ${expected}`,
    steps: [{ do: 'webhook', responsePath: '{botId}/c/Nobody', text: 'hello?', expect: { webhook: expected } }],
  });

describe('npm run scenarios (main/cli/scenarios.ts)', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-cli-scenarios-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it.each([
    [['--reporter', 'xml'], '--reporter must be one of list, junit, markdown, html, json; got "xml".'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
    [['--url', 'http://127.0.0.1:1'], '--platform and --token go together: the admin API needs the token.'],
    [['--platform', 'http://127.0.0.1:1'], '--platform and --token go together: the admin API needs the token.'],
    [['--shard', '3/2'], '--shard must be <current>/<total> with 1 <= current <= total, like 2/4; got "3/2".'],
    [['--shard', '0/4'], '--shard must be <current>/<total>'],
    [['--browser', 'http://127.0.0.1:9222'], "--browser must be a browser server's ws:// endpoint"],
    [['--cdp', 'nonsense'], '--cdp must be a DevTools endpoint, like http://127.0.0.1:9222; got "nonsense".'],
    [['--browser', 'ws://127.0.0.1:1/x', '--cdp', 'http://127.0.0.1:9222'], 'Give --browser or --cdp, not both'],
    [['-r', 'junit,html'], 'Several reports (junit, html) need --out <directory>.'],
    [['--concurrency', '0'], '--concurrency must be a whole number from 1 to 16; got "0".'],
  ])('exits 2 with the reason and the usage for %j', async (args, reason) => {
    const run = await scenarios(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stderr).toContain('Usage: npm run scenarios -- [files or directories…] [options]');
    expect(run.stdout).toBe('');
  });

  it('exits 2 for an invalid scenario file, naming the file and the bad field, and runs nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'x', steps: [{ do: 'open', profile: 'A', kind: 'private' }] }));
    const run = await scenarios([file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`BOTBENCH_ERR_VALIDATION: ${file} is not a valid scenario:\n  steps[0].kind: Invalid option`);
    expect(run.stdout).toBe('');
  });

  it('prints the usage for --help and exits 0', async () => {
    const run = await scenarios(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit status: 0 all passed, 1 a scenario failed');
  });

  it('exits 0 when every expectation holds, with the JUnit report on stdout and progress on stderr', async () => {
    const file = join(tempDir(), 'refused.json');
    writeFileSync(file, refusedWebhook('refused'));
    const run = await scenarios([file, '--reporter', 'junit']);
    expect(run.code, run.stderr).toBe(0);
    const xml = new new JSDOM('').window.DOMParser().parseFromString(run.stdout, 'application/xml');
    expect(xml.querySelector('parsererror')).toBeNull();
    expect(xml.documentElement.getAttribute('tests')).toBe('1');
    expect(xml.documentElement.getAttribute('failures')).toBe('0');
    expect(run.stderr).toMatch(/Running 1 scenario\(s\), 1 at once, against a temporary platform at http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stderr).toContain('[1/1]   ✓ steps[0] webhook → {botId}/c/Nobody');
  }, 20_000);

  it('exits 1 on a failed expectation, prints it, and writes every report into --out', async () => {
    const dir = tempDir();
    const file = join(dir, 'delivered.yaml');
    writeFileSync(file, refusedWebhook('delivered'));
    const out = join(dir, 'reports');
    const run = await scenarios([file, '-r', 'list,junit,markdown,html', '--out', out]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(
      /steps\[0\] "webhook → \{botId\}\/c\/Nobody": expected the webhook to [0-9a-f]{24}\/c\/Nobody to answer delivered, observed it answered refused \(HTTP 404, BOTBENCH_ERR_USER_NOT_FOUND: /,
    );
    expect(run.stdout).toContain('✗ 0 passed, 1 failed of 1 scenario(s) (1 steps, 1 failed)');
    expect(readFileSync(join(out, 'scenarios.junit.xml'), 'utf8')).toContain('<failure type="expectation"');
    expect(readFileSync(join(out, 'scenarios.md'), 'utf8')).toContain('| ✗ | A webhook to an unknown visitor is delivered | 0/1 |');
    expect(readFileSync(join(out, 'scenarios.html'), 'utf8')).toContain('<section class="scenario failed"');
    expect(readFileSync(join(out, 'scenarios.txt'), 'utf8')).toContain('✗ 0 passed, 1 failed of 1 scenario(s)');
    expect(run.stderr).toContain(`Wrote html report: ${join(out, 'scenarios.html')}`);
  }, 20_000);

  it('targets a running platform with --platform and --token, creating its bot through the admin API and deleting it after the run unless --keep-bots', async () => {
    const server: PlatformServer = await startPlatform();
    cleanups.push(() => server.close());
    const file = join(tempDir(), 'refused.json');
    writeFileSync(file, refusedWebhook('refused'));
    const run = await scenarios([file, '--platform', server.url, '--token', TOKEN]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`against the platform at ${server.url}`);
    // The bot was made through the admin API and deleted through it when the run ended.
    expect(server.platform.log.query({ kind: 'bot' }).map((e) => e.summary)).toEqual([]);
    expect(server.platform.bots.list()).toEqual([]);

    const kept = await scenarios([file, '--url', server.url, '--token', TOKEN, '--keep-bots']);
    expect(kept.code, kept.stdout + kept.stderr).toBe(0);
    expect(server.platform.bots.list().map((b) => b.name)).toEqual(['Scenario: A webhook to an unknown visitor is refused']);
  }, 30_000);

  it('splits a suite with --shard so that the shards run every scenario exactly once, and merge joins their reports', async () => {
    const dir = tempDir();
    const files = ['a', 'b', 'c', 'd', 'e'].map((name) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          name: `Scenario ${name}`,
          steps: [{ do: 'webhook', responsePath: '{botId}/c/Nobody', text: 'hi', expect: { webhook: name === 'd' ? 'delivered' : 'refused' } }],
        }),
      );
      return file;
    });
    const shards = await Promise.all([1, 2].map((n) => scenarios([dir, '--shard', `${n}/2`, '-r', 'json,junit', '--out', join(dir, `shard-${n}`)])));
    expect(shards[0]!.stdout).toContain('Running 3 scenario(s) (shard 1/2)');
    expect(shards[1]!.stdout).toContain('Running 2 scenario(s) (shard 2/2)');
    // Scenario d fails, and it is dealt to shard 2 (the suite's 4th file).
    expect(shards.map((run) => run.code)).toEqual([0, 1]);
    const names = (n: number): string[] =>
      (
        JSON.parse(readFileSync(join(dir, `shard-${n}`, 'scenarios.json'), 'utf8')) as { summary: { scenarios: Array<{ name: string }> } }
      ).summary.scenarios.map((s) => s.name);
    expect([...names(1), ...names(2)].sort()).toEqual(files.map((_f, i) => `Scenario ${'abcde'[i]}`));

    const merged = join(dir, 'merged');
    const run = await scenarios([
      'merge',
      join(dir, 'shard-2', 'scenarios.json'),
      join(dir, 'shard-1', 'scenarios.json'),
      '-r',
      'junit,json',
      '--out',
      merged,
    ]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('✗ 4 passed, 1 failed of 5 scenario(s)');
    const report = JSON.parse(readFileSync(join(merged, 'scenarios.json'), 'utf8')) as { summary: { scenarios: Array<{ name: string }> } };
    // Back in the suite's order, whatever order the shards were given in.
    expect(report.summary.scenarios.map((s) => s.name)).toEqual(['Scenario a', 'Scenario b', 'Scenario c', 'Scenario d', 'Scenario e']);
    const xml = new new JSDOM('').window.DOMParser().parseFromString(readFileSync(join(merged, 'scenarios.junit.xml'), 'utf8'), 'application/xml');
    expect(xml.documentElement.getAttribute('tests')).toBe('5');
    expect(xml.documentElement.getAttribute('failures')).toBe('1');

    const junit = await scenarios(['merge', join(dir, 'shard-1', 'scenarios.junit.xml'), join(dir, 'shard-2', 'scenarios.junit.xml'), '-r', 'junit']);
    expect(junit.code, junit.stderr).toBe(0);
    const joined = new new JSDOM('').window.DOMParser().parseFromString(junit.stdout, 'application/xml');
    expect(joined.querySelectorAll('testsuite')).toHaveLength(5);
    expect(joined.documentElement.getAttribute('failures')).toBe('1');

    const twice = await scenarios(['merge', join(dir, 'shard-1', 'scenarios.json'), join(dir, 'shard-1', 'scenarios.json')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('are both shard 1/2');
    const notReport = await scenarios(['merge', files[0]!]);
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toContain('is not a Botbench scenario report (version 1): format:');
  }, 60_000);

  it('exits 1 when the running platform refuses the token', async () => {
    const server: PlatformServer = await startPlatform();
    cleanups.push(() => server.close());
    const file = join(tempDir(), 'refused.json');
    writeFileSync(file, refusedWebhook('refused'));
    const run = await scenarios([file, '--url', server.url, '--token', 'not-the-token']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("The scenario's bot could not be created: POST");
    expect(run.stdout).toContain('BOTBENCH_ERR_UNAUTHORIZED');
  }, 20_000);
});

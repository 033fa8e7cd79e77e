import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const LISTENING = /^Botbench platform listening on (http:\/\/127\.0\.0\.1:(\d+))$/m;

/** What `npm run serve` runs after its build: the bundle of main/cli/serve-entry.ts and serve.ts. */
const SERVE_BUNDLE = 'out/main/serve.js';

function serve(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [SERVE_BUNDLE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
  const start = Date.now();
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() - start > timeoutMs) throw new Error(`no match for ${pattern} in: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('npm run serve (main/cli/serve.ts, as built into out/main/serve.js)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('prints one listening line with the real port, serves, and stops cleanly on %s', async (signal) => {
    const run = serve(['--port', '0', '--data-dir', tempDir(), '--token', 'cli-test-token']);
    cleanups.push(() => run.child.kill('SIGKILL'));
    const [, url, port] = await waitFor(run.stdout, LISTENING);
    expect(Number(port)).toBeGreaterThan(0);
    expect(run.stdout().trim().split('\n')).toHaveLength(1);
    const bots = await fetch(`${url}/api/bots`, { headers: { authorization: 'Bearer cli-test-token' } });
    expect(await bots.json()).toEqual({ bots: [] });
    run.child.kill(signal);
    expect(await run.exited).toBe(0);
  });

  it('with --demo creates a demo bot and prints where its customer site is', async () => {
    const run = serve(['--data-dir', tempDir(), '--demo']);
    cleanups.push(() => run.child.kill('SIGKILL'));
    const [, url] = await waitFor(run.stdout, LISTENING);
    const [, site] = await waitFor(run.stderr, /customer site:\s+(\S+)/);
    expect(site).toMatch(new RegExp(`^${url}/site/[0-9a-f]{24}$`));
    const page = await fetch(site!);
    expect(await page.text()).toContain('data-fxo-widget=');
    expect(run.stderr()).toMatch(/Admin token \(generated/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses an unknown flag with the usage and exit code 2', async () => {
    const run = serve(['--colour', 'red']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('Usage: npm run serve --');
  });

  it('says why when the port is taken', async () => {
    const first = serve(['--data-dir', tempDir()]);
    cleanups.push(() => first.child.kill('SIGKILL'));
    const [, , port] = await waitFor(first.stdout, LISTENING);
    const second = serve(['--port', port!, '--data-dir', tempDir()]);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(/could not listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
  });
});

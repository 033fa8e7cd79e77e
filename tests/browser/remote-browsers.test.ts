import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { chromiumExecutable, chromiumLaunch } from '../../main/profiles/chromium.ts';

interface Run {
  code: number | null;
  output: string;
}

function scenarios(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['main/cli/scenarios.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** Resolves with the first line a child prints that matches, or rejects after `ms`. */
function firstLine(child: ChildProcess, pattern: RegExp, ms = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${ms} ms; got: ${text}`)), ms);
    child.stdout?.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((l) => pattern.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
  });
}

// The anonymous-visitor scenario restarts a persistent profile and expects the same Channel ID:
// on a remote browser that holds only because the host carries the profile's storage across.
const ANONYMOUS = 'main/scenarios/builtin/anonymous-visitor.json';

describe('scenarios on a remote browser', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('runs on a Playwright browser server in another process (--browser ws://…)', async () => {
    const server = spawn(process.execPath, ['tests/mocks/browser-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => new Promise((done) => (server.exitCode !== null ? done(null) : (server.once('exit', done), server.kill('SIGTERM')))));
    const wsEndpoint = await firstLine(server, /^ws:\/\//);
    const run = await scenarios([ANONYMOUS, '--browser', wsEndpoint]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`on ${wsEndpoint}`);
    expect(run.output).toMatch(/✓ steps\[2\] restarting the browser keeps it \(restart Same browser\) → (n_\S+)/);
    expect(run.output).toContain('✓ 1 passed of 1 scenario(s)');
  }, 90_000);

  it('runs on any Chrome DevTools Protocol endpoint (--cdp http://…)', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'botbench-cdp-'));
    const chrome = spawn(
      chromiumExecutable(),
      [
        ...chromiumLaunch().args,
        '--headless=new',
        '--remote-debugging-address=127.0.0.1',
        '--remote-debugging-port=0',
        `--user-data-dir=${userDataDir}`,
        'about:blank',
      ],
      { stdio: 'ignore' },
    );
    cleanups.push(() => rmSync(userDataDir, { recursive: true, force: true }));
    cleanups.push(() => new Promise((done) => (chrome.exitCode !== null ? done(null) : (chrome.once('exit', done), chrome.kill('SIGTERM')))));
    // Chromium writes the port it chose into DevToolsActivePort once it listens.
    const portFile = join(userDataDir, 'DevToolsActivePort');
    await expect.poll(() => existsSync(portFile) && readFileSync(portFile, 'utf8').split('\n')[0] !== '', { timeout: 20_000 }).toBe(true);
    const endpoint = `http://127.0.0.1:${readFileSync(portFile, 'utf8').split('\n')[0]}`;
    const run = await scenarios([ANONYMOUS, 'main/scenarios/builtin/external-id.json', '--cdp', endpoint]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`on ${endpoint}`);
    expect(run.output).toContain('✓ 2 passed of 2 scenario(s)');
  }, 90_000);

  it('refuses a storage-blocked profile on a remote browser, saying why', async () => {
    const profilesDir = mkdtempSync(join(tmpdir(), 'botbench-remote-blocked-'));
    cleanups.push(() => rmSync(profilesDir, { recursive: true, force: true }));
    const host = new ChromiumProfileHost({ profilesDir, remote: { protocol: 'playwright', wsEndpoint: 'ws://127.0.0.1:9/never' } });
    cleanups.push(() => host.dispose());
    expect(host.status()).toEqual({ ready: true, browser: 'browser server ws://127.0.0.1:9/never' });
    await expect(
      host.open({ id: 'b', storage: 'blocked', url: 'http://127.0.0.1:9/', viewport: { width: 400, height: 600 } }, { onWidget: () => undefined }),
    ).rejects.toThrow('A storage-blocked profile needs a local Chromium');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../mocks/chromium.ts';

/**
 * `npm run web` on a machine where no browser can be found (BOTBENCH_CHROMIUM points nowhere, so
 * discovery reports it instead of searching): the workbench still starts, says in one line what is
 * missing, and the Profiles screen shows how to get a browser. The test looks with its own Chromium.
 */
describe('browser mode without a browser for the profiles', () => {
  let dataDir: string;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'botbench-no-browser-'));
    child = spawn(process.execPath, ['main/cli/web.ts', '--no-open', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, BOTBENCH_CHROMIUM: join(dataDir, 'no-such-chrome') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`browser mode did not start in 30 s: ${stdout}${stderr}`)), 30_000);
      child.stdout!.on('data', () => {
        const found = /Botbench workbench \(browser mode\): (\S+)/.exec(stdout)?.[1];
        if (found) {
          clearTimeout(timer);
          done(found);
        }
      });
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      await new Promise((done) => {
        child.once('exit', done);
        child.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('starts, and says in one line what is missing and how to get it, never a stack trace', async () => {
    await expect.poll(() => stderr).toContain('Botbench: profiles cannot open yet.');
    expect(stderr).toContain(
      `Botbench: profiles cannot open yet. BOTBENCH_CHROMIUM is set to ${join(dataDir, 'no-such-chrome')}, which is not an executable file.`,
    );
    expect(stderr).toContain('apt-get install chromium');
    expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at /);
    expect(child.exitCode).toBeNull();
  });

  it('shows on the Profiles screen what to install, with Retry, while the rest of the workbench works', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(url);
    const panel = page.getByTestId('browser-missing');
    await expect.poll(() => panel.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await panel.textContent()).toContain('BOTBENCH_CHROMIUM is set to');
    expect(await page.getByTestId('open-profile-persistent').isDisabled()).toBe(true);
    mkdirSync(resolve('docs/screenshots'), { recursive: true });
    await page.screenshot({ path: resolve('docs/screenshots/no-browser.png') });

    await page.getByTestId('browser-retry').click();
    await expect.poll(() => page.getByTestId('browser-retry').isEnabled()).toBe(true);
    expect(await panel.isVisible()).toBe(true);

    // The platform works meanwhile: the Bots screen lists the demo bot.
    await page.getByRole('button', { name: /Bots/ }).first().click();
    await expect.poll(() => page.getByTestId('bot-item').count()).toBe(1);
    await page.close();
  }, 60_000);
});

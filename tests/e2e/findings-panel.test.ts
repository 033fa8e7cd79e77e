import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workbench } from '../../main/workbench.ts';
import { axeViolations, describeViolations } from '../mocks/axe.ts';
import { openBrowserWorkbench, type BrowserWorkbench } from '../mocks/browser-workbench.ts';

/**
 * The site integration findings in the workbench UI (browser mode), real Chromium: the seed
 * story's External ID profile sets "User123" on a bot that verifies no identities, so its pane
 * counts one finding; the pane's count opens the site's Findings list, which axe finds clean in
 * both themes. Saves docs/screenshots/findings.png and findings-dark.png.
 */
describe('findings in the workbench', () => {
  let opened: BrowserWorkbench;
  let workbench: Workbench;
  let page: Page;

  beforeAll(async () => {
    opened = await openBrowserWorkbench('botbench-findings-e2e-');
    ({ workbench, page } = opened);
    await page.getByTestId('nav-profiles').waitFor();
  }, 60_000);

  afterAll(() => opened?.close(), 60_000);

  it('counts a pane’s findings, lists the site’s with evidence and fix, and passes axe in both themes', async () => {
    await page.getByTestId('open-profile-persistent').click();
    await page.getByTestId('open-profile-external-id').click();
    await page.getByTestId('open-profile-submit').click();
    const external = page.locator('[data-testid="profile-pane"][data-kind="external-id"]');
    const anonymous = page.locator('[data-testid="profile-pane"][data-kind="persistent"]');
    await expect.poll(() => external.getByTestId('pane-findings').getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
    expect(await external.getByTestId('pane-findings').getAttribute('data-worst')).toBe('warning');
    await expect.poll(() => anonymous.getByTestId('pane-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('connected');
    expect(await anonymous.getByTestId('pane-findings').getAttribute('data-count')).toBe('0');

    await external.getByTestId('pane-findings').click();
    const panel = page.getByTestId('findings-panel');
    await panel.waitFor();
    const finding = panel.getByTestId('finding');
    await expect.poll(() => finding.count()).toBe(1);
    expect(await finding.getAttribute('data-code')).toBe('EXTERNAL_ID_GUESSABLE');
    expect(await finding.textContent()).toContain('User123');
    expect(await panel.textContent()).toContain(new URL(workbench.server.url).origin);
    expect(await panel.getByTestId('botbench-badge').count()).toBe(1);

    mkdirSync(resolve('docs/screenshots'), { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('radio', { name: theme === 'light' ? 'Light theme' : 'Dark theme' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(`${theme} · Findings`, violations)).toEqual([]);
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve('docs/screenshots', theme === 'light' ? 'findings.png' : 'findings-dark.png') });
    }

    // The identity lab link goes to the People screen.
    await finding.getByRole('button', { name: 'Try it in the identity lab' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/people');
  }, 120_000);
});

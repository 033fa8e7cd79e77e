import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../main/scenarios/load.ts';
import { axeViolations, describeViolations } from '../mocks/axe.ts';
import { openBrowserWorkbench, type BrowserWorkbench } from '../mocks/browser-workbench.ts';

/**
 * Record a scenario in the workbench UI (browser mode), in real Chromium: Record, open two
 * profiles, reload one, restart the other, Stop; the recorded scenario validates, saves as YAML
 * and, run again by the runner on a bot of its own, passes. Saves docs/screenshots/recording.png
 * and recorded-scenario.png.
 */
describe('Record a scenario in browser mode', () => {
  let opened: BrowserWorkbench;
  let page: Page;

  beforeAll(async () => {
    opened = await openBrowserWorkbench('botbench-e2e-record-', { acceptDownloads: true });
    ({ page } = opened);
  }, 60_000);

  afterAll(() => opened?.close(), 60_000);

  const pane = (kind: string): Locator => page.locator(`[data-testid="profile-pane"][data-kind="${kind}"]`);
  const connected = (p: Locator) =>
    expect.poll(() => p.getByTestId('pane-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('connected');
  const rows = (p: Locator, n: number) => expect.poll(() => p.getByTestId('timeline-row').count(), { timeout: 30_000 }).toBe(n);
  const steps = (n: number) => expect.poll(() => page.getByTestId('record-status').getAttribute('data-steps'), { timeout: 10_000 }).toBe(String(n));

  it('records opening two profiles, a reload and a restart as they happen', async () => {
    await page.getByTestId('record-start').click();
    await expect.poll(() => page.getByTestId('record-status').textContent()).toContain('Recording · 0 steps');
    await page.getByTestId('open-profile-persistent').click();
    await connected(pane('persistent'));
    await page.getByTestId('open-profile-incognito').click();
    await connected(pane('incognito'));
    await steps(2);
    await pane('persistent').getByTestId('pane-action-reload').click();
    await rows(pane('persistent'), 2);
    await pane('incognito').getByTestId('pane-action-restart').click();
    await rows(pane('incognito'), 2);
    await steps(4);
    await expect.poll(() => page.getByTestId('record-status').textContent()).toContain('restart Incognito');
    expect(describeViolations('Profiles while recording', await axeViolations(page))).toBe('');
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve('docs/screenshots/recording.png') });
  }, 120_000);

  it('stops into the Scenarios screen with the scenario to review, checked by the schema as it is edited', async () => {
    await page.getByTestId('record-stop').click();
    await expect.poll(() => page.getByTestId('recorded-check').getAttribute('data-valid'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByTestId('recorded-check').textContent()).toContain('4 steps');
    expect(await page.getByTestId('record-start').count()).toBe(0); // The Profiles screen is gone: Stop opened Scenarios.
    const text = await page.getByTestId('recorded-text').inputValue();
    const scenario = parseScenarioText(text, 'recorded.yaml');
    expect(scenario.steps.map((s) => [s.do, 'expect' in s ? s.expect : undefined])).toEqual([
      ['open', { channelId: 'new' }],
      ['open', { channelId: 'new' }],
      ['reload', { channelId: 'same' }],
      ['restart', { channelId: 'changed' }],
    ]);

    // A mistake while editing is shown with the schema's own message; putting it back makes it valid again.
    await page.getByTestId('recorded-text').fill(text.replace('channelId: same', 'channelId: kept'));
    await expect.poll(() => page.getByTestId('recorded-check').getAttribute('data-valid'), { timeout: 10_000 }).toBe('false');
    expect(await page.getByTestId('recorded-check').textContent()).toContain('steps[2].expect.channelId: channelId must be "same", "changed", "new"');
    expect(await page.getByTestId('recorded-run').isDisabled()).toBe(true);
    await page.getByTestId('recorded-text').fill(text);
    await expect.poll(() => page.getByTestId('recorded-check').getAttribute('data-valid'), { timeout: 10_000 }).toBe('true');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recorded-save').click()]);
    expect(download.suggestedFilename()).toMatch(/^recorded-.*\.yaml$/);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(text);
    await page.screenshot({ path: resolve('docs/screenshots/recorded-scenario.png') });
    for (const theme of ['dark', 'light'] as const) {
      await page.getByRole('radio', { name: theme === 'light' ? 'Light theme' : 'Dark theme' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(describeViolations(`Scenarios with a recording · ${theme}`, await axeViolations(page))).toBe('');
    }
  }, 60_000);

  it('runs the recorded scenario again, on a bot of its own, and it passes', async () => {
    await page.getByTestId('recorded-run').click();
    await expect.poll(() => page.getByTestId('scenario-summary').getAttribute('data-status'), { timeout: 90_000 }).toBe('passed');
    expect(await page.getByTestId('scenario-step').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-status')))).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
    ]);
    // The scenario from its first line, as a reviewer starts reading it.
    await page.getByTestId('recorded-text').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve('docs/screenshots/recorded-scenario.png') });
  }, 120_000);
});

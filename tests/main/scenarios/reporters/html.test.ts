import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../../main/scenarios/reporters/html.ts';
import { launchBrowser } from '../../../mocks/chromium.ts';
import { SUMMARY } from './fixtures.ts';

describe('renderHtml()', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.setContent(renderHtml(SUMMARY));
  }, 20_000);
  afterAll(async () => {
    await browser.close();
  });

  it('opens in Chromium with the verdict and a section per scenario', async () => {
    expect(await page.title()).toBe('Botbench identity scenarios: failed');
    expect(await page.getByTestId('verdict').textContent()).toBe('✗ 1 passed, 1 failed of 2 scenario(s) (7 steps, 2 failed) in 4.3 s, 2 at once');
    expect(await page.locator('section.scenario').evaluateAll((s) => s.map((e) => e.className))).toEqual(['scenario passed', 'scenario failed']);
    expect(await page.locator('section.failed h2').textContent()).toBe('✗ Incognito keeps the ID <wrong> & "odd" | piped');
  });

  it('shows an SVG timeline per profile, with a visible break where the Channel ID changed', async () => {
    const timelines = page.getByTestId('timeline');
    expect(await timelines.count()).toBe(3);
    for (const svg of await page.locator('figure.timeline svg').all()) expect(await svg.isVisible()).toBe(true);
    const breakMark = page.locator('section.passed [data-testid="break"]');
    expect(await breakMark.count()).toBe(1);
    expect(await breakMark.isVisible()).toBe(true);
    const box = (await breakMark.boundingBox())!;
    expect(box.width).toBeGreaterThan(10);
    expect(box.height).toBeGreaterThan(10);
    // The break sits between the two nodes of the incognito timeline.
    const nodes = await page
      .locator('section.passed figure')
      .nth(1)
      .locator('circle')
      .evaluateAll((c) => c.map((e) => e.getBoundingClientRect().x));
    expect(box.x).toBeGreaterThan(nodes[0]!);
    expect(box.x + box.width).toBeLessThan(nodes[1]!);
  });

  it('marks the failed step in its table and on its timeline', async () => {
    expect(await page.locator('section.failed tr.failed td').nth(4).textContent()).toBe(
      'expected Channel ID n_keep0001 (the same as before this step), observed Channel ID n_other002',
    );
    expect(await page.locator('section.failed g.row.failed').getAttribute('data-step')).toBe('1');
    expect(await page.locator('section.failed g.row.failed circle').getAttribute('stroke')).toBe('#cf222e');
  });

  it('escapes what the scenario named, so no markup of its own runs', async () => {
    expect(await page.locator('wrong').count()).toBe(0);
  });
});

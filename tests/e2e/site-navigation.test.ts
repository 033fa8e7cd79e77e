import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiServer, type UiServer } from '../../main/browser-mode/ui-server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';
import { axeViolations, describeViolations } from '../mocks/axe.ts';
import { launchBrowser } from '../mocks/chromium.ts';
import { LOGIN_FIELD, startLoginSite } from '../mocks/login-site.ts';

/**
 * A site of the tester's own in the workbench UI (browser mode), in real Chromium: the Open
 * profile dialog's site field and recent sites, and a pane's address bar (type an address, back,
 * forward, reload) over a two-page site with a login form the tester fills in through the pane's
 * picture. Saves docs/screenshots/own-site-dialog.png and own-site-pane.png.
 */
const SHOTS = resolve('docs/screenshots');

describe('own sites in the workbench (browser mode)', () => {
  let dataDir: string;
  let workbench: Workbench;
  let ui: UiServer;
  let browser: Browser;
  let page: Page;
  let site: Awaited<ReturnType<typeof startLoginSite>>;
  let botId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'botbench-e2e-site-'));
    workbench = await startWorkbench({
      dataDir,
      mode: 'browser',
      createHost: (profilesDir) => new ChromiumProfileHost({ profilesDir, screencast: true }),
    });
    const bot = workbench.server.platform.bots.list()[0]!;
    botId = bot.botId;
    site = await startLoginSite(bot.embedCode);
    ui = await startUiServer({ rendererDir: resolve('out/renderer'), services: workbench.services, token: workbench.token, port: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(ui.url);
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await ui?.close();
    await workbench?.close();
    await site?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const pane = (): Locator => page.getByTestId('profile-pane').first();
  /** axe-core over the page as it is, in the light and the dark theme: no critical or serious violation. */
  const auditBothThemes = async (where: string) => {
    const report: string[] = [];
    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((t) => {
        document.documentElement.dataset.theme = t;
      }, theme);
      const found = await axeViolations(page);
      if (found.length > 0) report.push(describeViolations(`${theme} · ${where}`, found));
    }
    expect(report.join('\n'), 'critical or serious axe-core violations').toBe('');
  };
  const url = () => pane().getByTestId('pane-url').inputValue();
  const rows = () => pane().getByTestId('timeline-row');

  it('checks the site field as the tester types, and lists recent sites most recent first', async () => {
    await workbench.services.dispatch('sites.save', { url: 'http://localhost:3000/', name: 'Dev server' });
    await workbench.services.dispatch('sites.save', { url: `${site.url}/`, name: 'Login site' });
    await page.reload();
    await page.getByTestId('open-site').click();
    const dialog = page.getByTestId('open-profile-dialog');
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByTestId('recent-site').allTextContents())
      .toEqual([`Login site${site.url}/`, 'Dev serverhttp://localhost:3000/']);
    // Focus is where the tester came for: the site field.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-profile-site');
    await page.keyboard.type('ftp://example.com/');
    await expect.poll(() => dialog.getByTestId('open-profile-problem').textContent()).toContain('its scheme is ftp:');
    expect(await dialog.getByTestId('open-profile-submit').isDisabled()).toBe(true);
    await dialog.getByTestId('recent-site').first().click();
    expect(await dialog.getByTestId('open-profile-site').inputValue()).toBe(`${site.url}/`);
    expect(await dialog.getByTestId('open-profile-site-name').inputValue()).toBe('Login site');
    await dialog.getByTestId('open-profile-kind').selectOption('external-id');
    await expect.poll(() => dialog.getByTestId('open-profile-problem').textContent()).toContain('the site’s snippet decides who the visitor is');
    await auditBothThemes('Open profile dialog with recent sites and a refusal');
    await dialog.getByTestId('open-profile-kind').selectOption('persistent');
    await page.screenshot({ path: join(SHOTS, 'own-site-dialog.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }, 60_000);

  it('navigates a pane from its address bar, logs in through the site’s own form, and goes back, forward and reloads', async () => {
    await page.getByTestId('site-choice').selectOption('');
    await page.getByTestId('open-profile-persistent').click();
    await expect.poll(() => pane().getByTestId('pane-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('connected');
    expect(await url()).toBe(`${workbench.server.url}/site/${botId}`);
    expect(await pane().getByTestId('pane-back').isDisabled()).toBe(true);

    // Type the site's address and press Enter, as in a browser.
    await pane().getByTestId('pane-url').fill(`${site.url}/`);
    await pane().getByTestId('pane-url').press('Enter');
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => pane().getByTestId('pane-status').getAttribute('data-status')).toBe('connected');
    expect(await url()).toBe(`${site.url}/`);
    expect(await pane().getByTestId('pane-back').isDisabled()).toBe(false);

    // A bad address is refused in the pane before anything moves.
    await pane().getByTestId('pane-url').fill('javascript:alert(1)');
    await pane().getByTestId('pane-url').press('Enter');
    await expect.poll(() => pane().getByTestId('pane-url-problem').textContent()).toContain('its scheme is javascript:');
    await auditBothThemes('a pane on a site, its address bar refusing an address');
    await pane().getByTestId('pane-url').press('Escape');
    expect(await url()).toBe(`${site.url}/`);

    await pane().getByTestId('pane-url').fill(`${site.url}/login`);
    await pane().getByTestId('pane-url').press('Enter');
    await expect.poll(() => pane().getByRole('alert').first().textContent(), { timeout: 20_000 }).toContain('No Flow XO widget');

    // Click the login field in the page's picture, type the user and press Enter: the site's form logs in.
    const picture = pane().getByTestId('pane-frame').locator('img');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBeGreaterThan(0);
    const scale = await picture.evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width / img.naturalWidth);
    await picture.click({ position: { x: LOGIN_FIELD.x * scale, y: LOGIN_FIELD.y * scale } });
    await page.keyboard.type('User123');
    await page.keyboard.press('Enter');
    await expect.poll(() => pane().getByTestId('pane-response-path').textContent(), { timeout: 20_000 }).toBe(`${botId}/c/User123`);
    expect(await url()).toBe(`${site.url}/`);
    await expect.poll(() => rows().last().getAttribute('data-action')).toBe('logged-in');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(SHOTS, 'own-site-pane.png') });

    await pane().getByTestId('pane-back').click();
    await expect.poll(url, { timeout: 20_000 }).toBe(`${site.url}/login`);
    await expect.poll(() => pane().getByTestId('pane-forward').isDisabled()).toBe(false);
    await pane().getByTestId('pane-forward').click();
    await expect.poll(url, { timeout: 20_000 }).toBe(`${site.url}/`);
    await expect.poll(() => pane().getByTestId('pane-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('connected');
    await pane().getByTestId('pane-address-reload').click();
    await expect.poll(() => rows().last().getAttribute('data-action'), { timeout: 20_000 }).toBe('reloaded');
    expect(await pane().getByTestId('pane-channel-id').textContent()).toBe('User123');
  }, 120_000);

  it('opens the seed story’s three browsers side by side on the chosen site: a new visitor in each', async () => {
    for (const id of await page.getByTestId('profile-pane').evaluateAll((panes) => panes.map((p) => p.getAttribute('data-profile-id')))) {
      await workbench.services.dispatch('profiles.close', { id });
    }
    await page.getByTestId('site-choice').selectOption(`${site.url}/`);
    expect(await page.getByTestId('open-profile-external-id').isDisabled()).toBe(true);
    await page.getByTestId('seed-story').click();
    const panes = page.getByTestId('profile-pane');
    await expect.poll(() => panes.count(), { timeout: 60_000 }).toBe(3);
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => panes.nth(i).getByTestId('pane-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('connected');
    }
    expect(await panes.evaluateAll((all) => all.map((p) => p.getAttribute('data-kind')))).toEqual(['persistent', 'incognito', 'other-device']);
    const urls = await Promise.all([0, 1, 2].map((i) => panes.nth(i).getByTestId('pane-url').inputValue()));
    expect(urls).toEqual([`${site.url}/`, `${site.url}/`, `${site.url}/`]);
    const ids = await Promise.all([0, 1, 2].map((i) => panes.nth(i).getByTestId('pane-channel-id').textContent()));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^n_/);
    await page.screenshot({ path: join(SHOTS, 'own-site-seed.png') });
  }, 120_000);
});

import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiServer, type UiServer } from '../../main/browser-mode/ui-server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';
import { launchBrowser } from '../mocks/chromium.ts';

/**
 * The seed's whole story, done in the workbench UI (browser mode) as a tester would, in real
 * Chromium: anonymous → incognito → reload → cleared cache → external ID ×2 → webhook to
 * {botId}/c/User123. Saves a screenshot of each screen to docs/screenshots/.
 */
const SHOTS = resolve('docs/screenshots');

describe('workbench in browser mode', () => {
  let dataDir: string;
  let workbench: Workbench;
  let ui: UiServer;
  let browser: Browser;
  let page: Page;
  let botId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'botbench-e2e-'));
    workbench = await startWorkbench({
      dataDir,
      mode: 'browser',
      // As `npm run web` sets it up, spares included.
      createHost: (profilesDir) => new ChromiumProfileHost({ profilesDir, screencast: true, spare: true }),
    });
    ui = await startUiServer({ rendererDir: resolve('out/renderer'), services: workbench.services, token: workbench.token, port: 0 });
    botId = workbench.server.platform.bots.list()[0]!.botId;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(ui.url);
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await ui?.close();
    await workbench?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const pane = (kind: string, nth = 0): Locator => page.locator(`[data-testid="profile-pane"][data-kind="${kind}"]`).nth(nth);
  const channelId = (p: Locator) => p.getByTestId('pane-channel-id').textContent();
  const connected = (p: Locator) =>
    expect.poll(() => p.getByTestId('pane-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('connected');
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  it('shows a persistent and an incognito profile with different Channel IDs', async () => {
    await page.getByTestId('open-profile-persistent').click();
    await page.getByTestId('open-profile-incognito').click();
    await connected(pane('persistent'));
    await connected(pane('incognito'));
    const persistent = await channelId(pane('persistent'));
    const incognito = await channelId(pane('incognito'));
    expect(persistent).toMatch(/^n_/);
    expect(incognito).toMatch(/^n_/);
    expect(persistent).not.toBe(incognito);
    await expect.poll(() => pane('persistent').getByTestId('pane-response-path').textContent()).toBe(`${botId}/c/${persistent}`);
  }, 60_000);

  it('keeps the persistent profile’s ID over a reload, and breaks its timeline when its site data is cleared', async () => {
    const before = await channelId(pane('persistent'));
    await pane('persistent').getByTestId('pane-action-reload').click();
    await expect.poll(() => pane('persistent').getByTestId('timeline-row').count(), { timeout: 20_000 }).toBe(2);
    expect(await channelId(pane('persistent'))).toBe(before);
    const profileId = await pane('persistent').getAttribute('data-profile-id');
    const matrixCell = (action: string) => page.locator(`[data-testid="matrix-cell"][data-profile-id="${profileId}"][data-action="${action}"]`);
    await expect.poll(() => matrixCell('reloaded').getAttribute('data-value')).toBe('same');

    await pane('persistent').getByTestId('pane-action-clear').click();
    await expect
      .poll(() => pane('persistent').locator('[data-testid="timeline-row"][data-action="cleared"]').getAttribute('data-changed'), { timeout: 20_000 })
      .toBe('true');
    expect(await channelId(pane('persistent'))).not.toBe(before);
    await expect.poll(() => matrixCell('cleared').getAttribute('data-value')).toBe('changed');
  }, 60_000);

  it('gives two external-ID profiles the same response path {botId}/c/User123', async () => {
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('open-profile-external-id').click();
      await expect(page.getByTestId('open-profile-value').inputValue()).resolves.toBe('User123');
      await page.getByTestId('open-profile-submit').click();
    }
    await connected(pane('external-id', 0));
    await connected(pane('external-id', 1));
    for (const nth of [0, 1]) {
      await expect.poll(() => pane('external-id', nth).getByTestId('pane-response-path').textContent()).toBe(`${botId}/c/User123`);
    }
    await page.getByTestId('open-profile-metadata').click();
    await page.getByTestId('open-profile-submit').click();
    await connected(pane('metadata'));
    await page.waitForTimeout(500);
    await shot('profiles');
  }, 90_000);

  it('sends a webhook from the composer; the delivery trace names both external-ID panes and the message lands there', async () => {
    await page.getByTestId('nav-webhooks').click();
    await page.getByTestId('webhook-path').fill('User123');
    await expect.poll(() => page.getByTestId('webhook-path-check').getAttribute('data-valid')).toBe('false');
    await expect.poll(() => page.getByTestId('webhook-path-check').textContent()).toContain('{Bot ID}/c/{Channel ID}');
    await page.getByTestId('webhook-path').fill(`${botId}/c/User123`);
    await expect.poll(() => page.getByTestId('webhook-path-check').getAttribute('data-valid')).toBe('true');
    await page.getByTestId('webhook-body').fill('{"response_path": "{{responsePath}}", "text": "Your order has shipped"}');
    await page.getByTestId('webhook-send').click();
    await expect.poll(() => page.getByTestId('delivery-trace').getAttribute('data-outcome'), { timeout: 10_000 }).toBe('delivered');
    await expect.poll(() => page.getByTestId('trace-profile').allTextContents()).toEqual(['External ID', 'External ID 2']);
    // docs/screenshots/webhooks.png is taken by tests/e2e/webhook-workbench.test.ts (the whole composer).

    await page.getByTestId('nav-profiles').click();
    for (const nth of [0, 1]) {
      await expect
        .poll(() => pane('external-id', nth).getByTestId('pane-last-webhook').textContent(), { timeout: 10_000 })
        .toContain('Your order has shipped');
    }
    expect(await pane('incognito').getByTestId('pane-last-webhook').count()).toBe(0);
    // The message is in the page itself, too: the users database shows it in User123's transcript once a widget
    // has acknowledged it (the ack may trail the pane's render by a moment, hence the poll).
    await expect
      .poll(() => workbench.server.platform.transcripts.history(`${botId}/c/User123`).map((m) => m.text), { timeout: 10_000 })
      .toContain('Your order has shipped');
  }, 60_000);

  it('shows users, the log, flows, a scenario run and bots with real data', async () => {
    await page.getByTestId('nav-users').click();
    await expect.poll(() => page.getByTestId('user-row').count()).toBeGreaterThanOrEqual(4);
    await page.getByTestId('user-row').filter({ hasText: 'User123' }).first().click();
    await expect
      .poll(() => page.getByTestId('transcript-message').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('Your order has shipped')]));
    await shot('users');

    await page.getByTestId('nav-log').click();
    await expect.poll(() => page.getByTestId('log-row').count()).toBeGreaterThan(5);
    await page.getByTestId('log-row').filter({ hasText: 'Deliver webhook text' }).first().click();
    await shot('log');
    await page.getByTestId('log-filter-text').fill('webhook');
    await expect.poll(async () => (await page.getByTestId('log-row').allTextContents()).every((t) => /webhook/i.test(t))).toBe(true);

    await page.getByTestId('nav-flows').click();
    await expect.poll(() => page.getByTestId('flow-item').count()).toBe(2);
    await page.getByTestId('flow-item').first().click();
    await shot('flows');

    await page.getByTestId('nav-scenarios').click();
    await expect.poll(() => page.getByTestId('scenario-item').count()).toBeGreaterThanOrEqual(5);
    // Run one built-in scenario against live Chromium profiles: untick all but the first.
    const items = page.getByTestId('scenario-item');
    for (let i = 1; i < (await items.count()); i++) await items.nth(i).locator('input[type="checkbox"]').uncheck();
    await page.getByTestId('scenario-run').click();
    await expect.poll(() => page.getByTestId('scenario-summary').getAttribute('data-status'), { timeout: 40_000 }).toBe('passed');
    expect(await page.getByTestId('scenario-step').count()).toBeGreaterThan(1);
    await shot('scenarios');
    // The run's persistent profiles took their storage with them: what is left is the workbench's own profiles and at most one spare.
    const own = new Set(workbench.profiles.list().map((p) => p.id));
    await expect.poll(() => readdirSync(join(dataDir, 'profiles')).filter((name) => !own.has(name)).length).toBeLessThanOrEqual(1);

    await page.getByTestId('nav-bots').click();
    await expect.poll(() => page.getByTestId('bot-id').textContent()).toContain(botId);
    await shot('bots');
  }, 90_000);
  it('shows a person in the People screen: two devices are two web visitors, one Telegram-like user, one Messenger-like ID per page', async () => {
    workbench.server.platform.createBot({ name: 'Support desk' });
    await page.getByTestId('nav-people').click();
    await page.getByTestId('person-create-name').fill('Ada');
    await page.getByTestId('person-create').click();
    const link = async (device: string, profileLabel: string) => {
      await page.getByTestId('device-name').fill(device);
      const value = await page.getByTestId('device-profile').locator('option', { hasText: profileLabel }).first().getAttribute('value');
      await page.getByTestId('device-profile').selectOption(value!);
      await page.getByTestId('device-add').click();
      await expect.poll(() => page.getByTestId('person-device').filter({ hasText: device }).count()).toBe(1);
    };
    await link('Laptop', 'Same browser');
    await link('Phone', 'Incognito');
    const send = async (device: string, channel: 'telegram' | 'messenger', bot: string, text: string) => {
      await page.getByTestId('person-send-device').selectOption({ label: device });
      await page.getByTestId('person-send-channel').selectOption(channel);
      await page.getByTestId('person-send-bot').selectOption({ label: bot });
      await page.getByTestId('person-send-text').fill(text);
      await page.getByTestId('person-send').click();
      await expect.poll(() => page.getByTestId('person-send-result').textContent()).toContain(`From the ${device}`);
    };
    await send('Laptop', 'telegram', 'Demo bot', 'Where is my order?');
    await send('Phone', 'telegram', 'Demo bot', 'Sent from my phone');
    await send('Phone', 'messenger', 'Support desk', 'Hi support');
    await expect.poll(() => page.getByTestId('person-transcript').textContent()).toContain('Your response path is');
    // The scenario run made bots of its own: show only the two pages Ada wrote to.
    for (const chip of await page.getByTestId('person-bot-filter').filter({ hasText: 'Scenario' }).all()) await chip.click();

    const verdict = (channel: string, nth: number) =>
      page.locator(`[data-testid="person-matrix-row"][data-channel="${channel}"]`).nth(nth).getByTestId('person-matrix-verdict').textContent();
    await expect.poll(() => verdict('web', 0)).toBe('differs per device');
    expect(await verdict('telegram', 0)).toBe('same on every device');
    const groups = await page
      .locator('[data-testid="person-matrix-row"][data-channel="telegram"] [data-testid="person-matrix-cell"]')
      .evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.group));
    expect(new Set(groups).size).toBe(1);
    const pages = await page
      .locator('[data-testid="person-matrix-row"][data-channel="messenger"] [data-testid="person-matrix-cell"]')
      .evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.group));
    expect(new Set(pages).size).toBe(2);
    await page.getByTestId('person-details').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('people');
  }, 90_000);
});

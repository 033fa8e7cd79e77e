import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiServer, type UiServer } from '../../main/browser-mode/ui-server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';
import { axeViolations, describeViolations } from '../mocks/axe.ts';
import { launchBrowser } from '../mocks/chromium.ts';

/**
 * Accessibility of the workbench in browser mode, in real Chromium: the seed story done with the
 * keyboard alone (no mouse event reaches the page), then axe-core over every screen in the light
 * and the dark theme, and over the widget's own chat UI in the customer page. Fails on any
 * critical or serious violation and prints each one with its elements.
 */
describe('accessibility in browser mode', () => {
  let dataDir: string;
  let workbench: Workbench;
  let ui: UiServer;
  let browser: Browser;
  let page: Page;
  let botId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'botbench-a11y-'));
    workbench = await startWorkbench({
      dataDir,
      mode: 'browser',
      createHost: (profilesDir) => new ChromiumProfileHost({ profilesDir, screencast: true, spare: true }),
    });
    ui = await startUiServer({ rendererDir: resolve('out/renderer'), services: workbench.services, token: workbench.token, port: 0 });
    botId = workbench.server.platform.bots.list()[0]!.botId;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    // Counts every mouse and pointer event the page sees; a click made by a key has detail 0 and is not one.
    await page.addInitScript(() => {
      const w = window as unknown as { pointerEvents: string[] };
      w.pointerEvents = [];
      for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick', 'contextmenu', 'wheel', 'click']) {
        addEventListener(type, (e) => (type !== 'click' || (e as MouseEvent).detail > 0 ? w.pointerEvents.push(type) : 0), true);
      }
    });
    await page.goto(ui.url);
    await page.getByTestId('nav-profiles').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await ui?.close();
    await workbench?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const pane = (kind: string, nth = 0): Locator => page.locator(`[data-testid="profile-pane"][data-kind="${kind}"]`).nth(nth);
  const focused = (selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

  /** Presses Tab (or Shift+Tab) until `selector` has focus: the element must be reachable in the tab order. */
  async function tabTo(selector: string, { back = false, limit = 200 } = {}): Promise<void> {
    for (let i = 0; i < limit; i++) {
      if (await focused(selector)) return;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`${selector} was not reached with ${limit} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
  }

  /** The focused element (or its wrapper) draws a ring, box-shadow or outline, so a sighted keyboard user sees where they are. */
  async function expectFocusRing(): Promise<void> {
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'nothing focused';
      // The ring may be drawn by a wrapper (:focus-within), as the flow editor's is, two levels up at most.
      for (let at: Element | null = el, up = 0; at && up < 3; at = at.parentElement, up++) {
        const style = getComputedStyle(at);
        if (style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')) return 'ring';
      }
      return `no ring on ${el.outerHTML.slice(0, 80)}`;
    });
    expect(ring).toBe('ring');
  }

  it('does the seed story with the keyboard alone: profiles, clear site data, a webhook to {botId}/c/User123 and its delivery trace', async () => {
    await page.keyboard.press('Control+1');
    await tabTo('[data-testid="seed-story"]');
    await expectFocusRing();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="pane-status"][data-status="connected"]').count(), { timeout: 90_000 }).toBe(6);

    // Clear the same-browser profile's site data from its pane's toolbar.
    const before = await pane('persistent').getByTestId('pane-channel-id').textContent();
    await tabTo('[data-kind="persistent"] [data-testid="pane-action-clear"]');
    await expectFocusRing();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => pane('persistent').locator('[data-testid="timeline-row"][data-action="cleared"]').getAttribute('data-changed'), { timeout: 20_000 })
      .toBe('true');
    expect(await pane('persistent').getByTestId('pane-channel-id').textContent()).not.toBe(before);
    await expect.poll(() => page.getByTestId('announcer').textContent()).toContain('Channel ID changed');

    // The identity matrix is one tab stop; arrows walk its cells and the line under it explains the cell.
    await tabTo('[data-testid="matrix-cell"]', { back: true });
    await expectFocusRing();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const cell = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { action: el.dataset.action, value: el.dataset.value };
    });
    expect(cell).toEqual({ action: 'cleared', value: 'changed' });
    expect(await page.getByTestId('matrix-detail').textContent()).toContain('Clear data: changed');

    // The help sheet: "?" opens it, Tab stays inside, Escape closes it and focus comes back.
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await focused('[data-testid="shortcuts-dialog"] *, [data-testid="shortcuts-dialog"]')).toBe(true);
    }
    expect(await page.getByTestId('shortcut').count()).toBeGreaterThan(8);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcuts-dialog').count()).toBe(0);
    expect(await focused('[data-testid="matrix-cell"][data-action="cleared"]')).toBe(true);

    // Webhooks: type the path, keep the default body, send with Ctrl+Enter.
    await page.keyboard.press('Control+5');
    await tabTo('[data-testid="webhook-path"]');
    await expectFocusRing();
    await page.keyboard.type(`${botId}/c/User123`);
    await expect.poll(() => page.getByTestId('webhook-path-check').getAttribute('data-valid')).toBe('true');
    await tabTo('[data-testid="webhook-body"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{"response_path": "{{responsePath}}", "text": "Shipped, said the keyboard"}');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('delivery-trace').getAttribute('data-outcome'), { timeout: 15_000 }).toBe('delivered');

    // Read the trace where the keyboard reaches it: Tab into the result and read what it says.
    await tabTo('[data-testid="webhook-result"] button, [data-testid="webhook-result"] summary');
    const result = page.getByTestId('webhook-result');
    expect(await result.getByTestId('trace-profile').allTextContents()).toEqual(['External ID', 'External ID 2']);
    expect(await result.getByTestId('delivery-trace').textContent()).toContain(`${botId}/c/User123`);
    await expect.poll(() => page.getByTestId('announcer').textContent()).toContain('Webhook landed in External ID and External ID 2');

    expect(await page.evaluate(() => (window as unknown as { pointerEvents: string[] }).pointerEvents)).toEqual([]);
  }, 180_000);

  it('works the restart menu, the composer’s path picker and replay, the users drawer, the log list and the flow editor with the keyboard alone', async () => {
    // Restart's ▾ menu: Enter opens it on its first item, arrows move, Escape closes it and returns to ▾.
    await page.keyboard.press('Control+1');
    await tabTo('[data-kind="persistent"] [data-testid="pane-restart-menu"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused('[role="menuitem"]')).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await focused('[data-testid="pane-restart-new"]')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await focused('[data-kind="persistent"] [data-testid="pane-restart-menu"]')).toBe(true);

    // Webhooks: pick a path from the open profiles with the arrow keys, and replay the last send.
    await page.keyboard.press('Control+5');
    await tabTo('[data-testid="webhook-path-pick"]');
    await expectFocusRing();
    await page.keyboard.press('ArrowDown');
    const firstPath = await page.locator('[data-testid="webhook-path-pick"] option').nth(1).getAttribute('value');
    expect(firstPath).toMatch(/\/c\//);
    await expect.poll(() => page.getByTestId('webhook-path').inputValue()).toBe(firstPath);
    const sent = await page.getByTestId('webhook-history-item').count();
    await tabTo('[data-testid="webhook-replay"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('webhook-history-item').count()).toBe(sent + 1);

    // Users: Enter opens the drawer, Tab stays inside it, Escape closes it and focus goes back to the row.
    await page.keyboard.press('Control+3');
    await tabTo('[data-testid="user-row"]');
    await expectFocusRing();
    const row = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.responsePath);
    await page.keyboard.press('Enter');
    await page.getByTestId('user-drawer').waitFor();
    expect(await focused('[data-testid="user-drawer"] *')).toBe(true);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await focused('[data-testid="user-drawer"] *, [data-testid="user-drawer"]')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('user-drawer').count()).toBe(0);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.responsePath)).toBe(row);

    // Log: the grid is one tab stop; arrows move the active row, Enter opens the inspector, Escape closes it.
    await page.keyboard.press('Control+4');
    await tabTo('[data-testid="log-scroll"]');
    await expectFocusRing();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = await page.evaluate(() => document.getElementById(document.activeElement!.getAttribute('aria-activedescendant')!)?.dataset.seq);
    expect(active).toBe(await page.getByTestId('log-row').nth(1).getAttribute('data-seq'));
    expect(await page.getByTestId('log-inspector').count()).toBe(0);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('log-inspector').textContent()).toContain(`#${active}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('log-inspector').count()).toBe(0);
    expect(await focused('[data-testid="log-scroll"]')).toBe(true);

    // Flows: a flow opens in the editor from the list, and the editor's fields are in the tab order.
    await page.keyboard.press('Control+6');
    await tabTo('[data-testid="flow-item"] button');
    await page.keyboard.press('Enter');
    await page.getByTestId('flow-editor').waitFor();
    await tabTo('[data-testid="flow-editor"] textarea');
    await expectFocusRing();

    expect(await page.evaluate(() => (window as unknown as { pointerEvents: string[] }).pointerEvents)).toEqual([]);
  }, 120_000);

  it('stops animations and transitions when the system asks for reduced motion', async () => {
    const motion = () =>
      page.evaluate(() => {
        // A toast slides in and a progress bar grows: a fresh one of each, read and removed.
        const toast = Object.assign(document.createElement('div'), { className: 'toast' });
        const fill = Object.assign(document.createElement('div'), { className: 'progress-fill' });
        document.body.append(toast, fill);
        const found = [getComputedStyle(toast).animationName, getComputedStyle(fill).transitionDuration];
        toast.remove();
        fill.remove();
        return found;
      });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await motion()).toEqual(['none', '0s']);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const [animation, transition] = await motion();
    expect(animation).not.toBe('none');
    expect(transition).not.toBe('0s');
  });

  it('has no critical or serious axe-core violation on any screen, in the light and the dark theme, nor in the widget', async () => {
    const report: string[] = [];
    const audit = async (where: string, on: Page = page) => {
      const found = await axeViolations(on);
      if (found.length > 0) report.push(describeViolations(where, found));
    };

    // Data every screen shows at its fullest: a selected user, a log entry, a flow, a finished scenario run.
    await page.getByTestId('nav-scenarios').click();
    await expect.poll(() => page.getByTestId('scenario-item').count()).toBeGreaterThanOrEqual(5);
    const items = page.getByTestId('scenario-item');
    for (let i = 1; i < (await items.count()); i++) await items.nth(i).locator('input[type="checkbox"]').uncheck();
    await page.getByTestId('scenario-run').click();
    await expect.poll(() => page.getByTestId('scenario-summary').getAttribute('data-status'), { timeout: 60_000 }).toBe('passed');
    await expect.poll(() => page.getByTestId('announcer').textContent()).toContain('Scenario run passed');

    const screens: Array<[string, () => Promise<void>]> = [
      ['Profiles', async () => void (await page.getByTestId('nav-profiles').click())],
      [
        'People (a person with a device, a Telegram-like message)',
        async () => {
          await page.getByTestId('nav-people').click();
          if ((await page.getByTestId('person-device').count()) > 0) return;
          await page.getByTestId('person-create-name').fill('Ada');
          await page.getByTestId('person-create').click();
          await page.getByTestId('device-name').fill('Laptop');
          const sameBrowser = await page.getByTestId('device-profile').locator('option', { hasText: 'Same browser' }).first().getAttribute('value');
          await page.getByTestId('device-profile').selectOption(sameBrowser!);
          await page.getByTestId('device-add').click();
          await page.getByTestId('person-device').first().waitFor();
          // A Telegram-like user too, so the Users screen shows its provider badge.
          await page.getByTestId('person-send-device').selectOption({ label: 'Laptop' });
          await page.getByTestId('person-send-channel').selectOption('telegram');
          await page.getByTestId('person-send-bot').selectOption({ label: 'Demo bot' });
          await page.getByTestId('person-send-text').fill('Where is my order?');
          await page.getByTestId('person-send').click();
          await expect.poll(() => page.getByTestId('person-send-result').textContent()).toContain('From the Laptop');
        },
      ],
      [
        'Users (a user selected)',
        async () => {
          await page.getByTestId('nav-users').click();
          await page.getByTestId('user-row').filter({ hasText: 'User123' }).first().click();
          await page.getByTestId('user-drawer').waitFor();
        },
      ],
      [
        'Log (inspector open)',
        async () => {
          await page.keyboard.press('Escape');
          await page.getByTestId('nav-log').click();
          // The entry stays selected across visits; clicking it again would close it.
          if (!(await page.getByTestId('log-inspector').isVisible()))
            await page.getByTestId('log-row').filter({ hasText: 'webhook' }).first().click();
          await page.getByTestId('log-inspector').waitFor();
        },
      ],
      ['Webhooks (after a send)', async () => void (await page.getByTestId('nav-webhooks').click())],
      [
        'Flows (editor open)',
        async () => {
          await page.getByTestId('nav-flows').click();
          await page.getByTestId('flow-item').first().locator('button').first().click();
          await page.getByTestId('flow-editor').waitFor();
        },
      ],
      ['Scenarios (after a run)', async () => void (await page.getByTestId('nav-scenarios').click())],
      ['Bots', async () => void (await page.getByTestId('nav-bots').click())],
      [
        'Open-profile dialog',
        async () => {
          await page.getByTestId('nav-profiles').click();
          await page.getByTestId('open-profile-external-id').click();
          await page.getByTestId('open-profile-dialog').waitFor();
        },
      ],
      [
        'Help sheet',
        async () => {
          await page.keyboard.press('Escape');
          await page.keyboard.press('?');
          await page.getByTestId('shortcuts-dialog').waitFor();
        },
      ],
    ];
    for (const theme of ['light', 'dark'] as const) {
      await page.keyboard.press('Escape');
      await page.getByRole('radio', { name: theme === 'light' ? 'Light theme' : 'Dark theme' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      for (const [name, open] of screens) {
        await open();
        await audit(`${theme} · ${name}`);
        // Every screen in both themes, to look at by eye when BOTBENCH_SHOTS_DIR is set; the dark Profiles and Log go in the docs.
        const file = `${theme}-${name.split(' ')[0]!.toLowerCase()}.png`;
        if (process.env.BOTBENCH_SHOTS_DIR) await page.screenshot({ path: join(process.env.BOTBENCH_SHOTS_DIR, file) });
        if (theme === 'dark' && (name === 'Profiles' || name.startsWith('Log'))) {
          await page.screenshot({ path: resolve('docs/screenshots', `${name.split(' ')[0]!.toLowerCase()}-dark.png`) });
        }
      }
    }
    await page.keyboard.press('Escape');

    // The widget's chat UI in the customer page, open, with a message each way; the page in both colour schemes.
    const site = await browser.newPage();
    try {
      await site.goto(`${workbench.server.url}/site/${botId}`);
      await site.waitForFunction(() => (window as any).FxoMessenger?.getState().state === 'connected');
      // The demo page opens the chat on load (toggle() would destroy the messenger, as Flow XO documents it);
      // sendMessage's promise is not awaited across the page boundary.
      await site.evaluate(() => void (window as any).FxoMessenger.sendMessage('Where is my order?'));
      await expect.poll(() => site.locator('#fxo-messenger-root [data-testid="message"]').count()).toBeGreaterThanOrEqual(2);
      for (const scheme of ['light', 'dark'] as const) {
        await site.emulateMedia({ colorScheme: scheme });
        await audit(`widget (${scheme} page)`, site);
      }
    } finally {
      await site.close();
    }

    expect(report.join('\n'), 'critical or serious axe-core violations').toBe('');
  }, 240_000);
});

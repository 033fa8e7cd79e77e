import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import type { ProfilePage } from '../../main/profiles/profile-host.ts';
import type { PageAction } from '../../main/profiles/types.ts';
import { startCustomerSite } from '../mocks/customer-site.ts';
import { createBot, eventually, startPlatform } from '../mocks/platform.ts';

/** A shop's login form next to the widget, on its own origin. */
const shopPage = (platformUrl: string, embedCode: string) => `<!doctype html><meta charset="utf-8"><title>Shop</title>
<style>body { font: 16px sans-serif; margin: 20px; } input, button { display: block; margin: 8px 0; font-size: 16px; }</style>
<form id="login" onsubmit="event.preventDefault(); document.getElementById('who').textContent = this.email.value">
  <label for="email">Email</label><input id="email" name="email" type="email">
  <input name="password" type="password" aria-label="Password">
  <button type="submit">Log in</button>
</form>
<p id="who"></p>
<script>function messengerReady() {}</script>
<script src="${platformUrl}/embed.js?callback=messengerReady" data-fxo-widget="${embedCode}" async defer></script>`;

/** The page recorder in real Chromium: what a tester does with the mouse and keyboard, as the Profiles pane forwards it. */
describe('the page recorder in a Chromium profile', () => {
  let server: PlatformServer;
  let bot: Bot;
  let dir: string;
  let host: ChromiumProfileHost;
  let site: { url: string; close: () => Promise<void> };
  let page: ProfilePage;
  const actions: PageAction[] = [];

  beforeAll(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    site = await startCustomerSite(shopPage(server.url, bot.embedCode));
    dir = mkdtempSync(join(tmpdir(), 'botbench-recorder-'));
    host = new ChromiumProfileHost({ profilesDir: dir });
    let connected = false;
    page = await host.open(
      { id: 'recorded', storage: 'ephemeral', url: site.url, viewport: { width: 420, height: 680 } },
      { onWidget: (report) => (connected ||= report.state === 'connected'), onPageAction: (action) => actions.push(action) },
    );
    await eventually(() => connected, 15_000);
  }, 60_000);

  afterAll(async () => {
    await host?.dispose();
    await site?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const centre = (selector: string) =>
    page.evaluate<{ x: number; y: number }>(
      `(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    );

  it('turns real clicks and typing into fill, press and click steps with selectors, and leaves the widget out', async () => {
    await page.input({ type: 'click', ...(await centre('#email')) });
    await page.input({ type: 'type', text: 'jane@example.test' });
    await page.input({ type: 'click', ...(await centre('input[name="password"]')) });
    await page.input({ type: 'type', text: 'hunter2' });
    await page.input({ type: 'key', key: 'Enter' });
    await page.input({ type: 'click', ...(await centre('button')) });
    // The widget's launcher: its own actions are the workbench's to record, not page steps.
    await page.input({ type: 'click', ...(await centre('#fxo-messenger-root')) });
    await eventually(() => actions.length >= 4, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(actions).toEqual([
      { type: 'fill', selector: '#email', value: 'jane@example.test' },
      { type: 'fill', selector: 'input[name="password"]', value: 'hunter2' },
      { type: 'press', key: 'Enter', selector: 'input[name="password"]' },
      { type: 'click', selector: 'text=Log in' },
    ]);
    expect(await page.evaluate('document.getElementById("who").textContent')).toBe('jane@example.test');
  }, 30_000);
});

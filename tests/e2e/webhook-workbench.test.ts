import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Collection } from 'postman-collection';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiServer, type UiServer } from '../../main/browser-mode/ui-server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';
import { launchBrowser } from '../mocks/chromium.ts';
import { WidgetClient } from '../mocks/platform.ts';

/**
 * A developer from Postman, in the workbench UI (browser mode, real Chromium): paste a cURL, keep
 * it in a collection, send it with an environment, export the collection (Postman v2.1), import
 * it into a fresh workspace and send it again with the same result. Saves docs/screenshots/webhooks.png.
 */
const BOT_ID = '5852754509ac70000c104b80';

interface Side {
  dataDir: string;
  workbench: Workbench;
  ui: UiServer;
  page: Page;
  widget: WidgetClient;
}

describe('webhook workbench in browser mode', () => {
  let browser: Browser;
  const sides: Side[] = [];
  let exported = '';
  let firstSend: { outcome: string | null; status: string | null } = { outcome: null, status: null };

  /** A workspace with a bot of a fixed Bot ID (as a tester re-creates a production bot) and User123 online. */
  const openSide = async (): Promise<Side> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'botbench-e2e-wh-'));
    const workbench = await startWorkbench({
      dataDir,
      mode: 'browser',
      demoBot: false,
      createHost: (profilesDir) => new ChromiumProfileHost({ profilesDir }),
    });
    workbench.server.platform.createBot({ name: 'Shop bot', botId: BOT_ID });
    const ui = await startUiServer({ rendererDir: resolve('out/renderer'), services: workbench.services, token: workbench.token, port: 0 });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1100 }, acceptDownloads: true });
    await page.goto(ui.url);
    const { client: widget } = await WidgetClient.connectUrl(workbench.server.url, { botId: BOT_ID, externalUserId: 'User123' });
    const side = { dataDir, workbench, ui, page, widget };
    sides.push(side);
    await page.getByTestId('nav-webhooks').click();
    return side;
  };

  /** The environment the request needs, made in the UI; secrets are masked. */
  const makeEnvironment = async (page: Page) => {
    await page.getByTestId('webhook-environments-edit').click();
    const dialog = page.getByTestId('environments-dialog');
    if ((await dialog.getByTestId('environment-editor').count()) === 0) await dialog.getByTestId('environment-new').click();
    await dialog.getByTestId('environment-name').fill('Staging');
    const vars: Array<[string, string, boolean]> = [
      ['userId', 'User123', false],
      ['orderId', '42', false],
      ['apiToken', 'tok_s3cret', true],
    ];
    for (const [i, [key, value, secret]] of vars.entries()) {
      await dialog.getByLabel(`Variable ${i + 1} name`).fill(key);
      await dialog.getByLabel(`Variable ${i + 1} value`).fill(value);
      if (secret) await dialog.getByLabel(`Variable ${i + 1} is a secret`).check();
      if (i < vars.length - 1) await dialog.getByRole('button', { name: 'Add variable' }).click();
    }
    expect(await dialog.getByLabel('Variable 3 value').getAttribute('type')).toBe('password');
    await dialog.getByTestId('environment-save').click();
    await expect.poll(() => page.getByTestId('webhook-environment').locator('option:checked').textContent()).toBe('Staging');
    await dialog.getByRole('button', { name: 'Close' }).click();
  };

  const sendAndRead = async (side: Side) => {
    await side.page.getByTestId('webhook-send').click();
    await expect.poll(() => side.page.getByTestId('delivery-trace').getAttribute('data-outcome'), { timeout: 15_000 }).toBe('delivered');
    await expect.poll(() => side.widget.messages(), { timeout: 10_000 }).toContain('Order 42 shipped');
    return {
      outcome: await side.page.getByTestId('delivery-trace').getAttribute('data-outcome'),
      status: await side.page.getByTestId('webhook-result-status').textContent(),
    };
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    for (const side of sides) {
      await side.widget.close();
      await side.ui.close();
      await side.workbench.close();
      rmSync(side.dataDir, { recursive: true, force: true });
    }
    await browser?.close();
  }, 60_000);

  it('pastes a cURL, saves it to a collection, sends it with an environment, runs a bulk send', async () => {
    const side = await openSide();
    const { page, workbench } = side;
    const hookUrl = workbench.server.platform.bots.require(BOT_ID).webhookUrl;

    await page.getByTestId('composer-paste-curl').click();
    await page.getByTestId('curl-input').fill("curl -X POST not-closed '");
    await page.getByTestId('curl-import').click();
    await expect.poll(() => page.getByTestId('curl-error').textContent()).toContain('BOTBENCH_ERR_CURL');
    await page
      .getByTestId('curl-input')
      .fill(
        `curl -X POST '${hookUrl}' -H 'Content-Type: application/json' -H 'X-Api-Token: {{apiToken}}' --data-raw '{"response_path":"{{responsePath}}","text":"Order {{orderId}} shipped","id":"{{$guid}}"}'`,
      );
    await page.getByTestId('curl-import').click();
    await expect.poll(() => page.getByTestId('curl-dialog').count()).toBe(0);
    expect(await page.getByTestId('webhook-body').inputValue()).toContain('Order {{orderId}} shipped');
    expect(await page.getByLabel('Header 2 name').inputValue()).toBe('X-Api-Token');
    await page.getByTestId('webhook-path').fill('{{botId}}/c/{{userId}}');
    await expect.poll(() => page.getByTestId('webhook-path-check').getAttribute('data-valid')).toBe('variables');

    // Without an environment, {{orderId}} is unknown: refused before sending, naming it.
    await page.getByTestId('webhook-send').click();
    await expect.poll(() => page.locator('.toast').last().textContent()).toContain('{{');

    await makeEnvironment(page);
    await expect.poll(() => page.getByTestId('webhook-path-check').textContent()).toContain(`→ ${BOT_ID}/c/User123`);

    await page.getByTestId('composer-save-as').click();
    await page.getByTestId('save-request-name').fill('Order shipped');
    await page.getByTestId('save-request-new-collection').fill('Shop webhooks');
    await page.getByTestId('save-request-submit').click();
    await expect.poll(() => page.locator('[data-testid="collection-item"][data-name="Order shipped"]').count()).toBe(1);

    firstSend = await sendAndRead(side);
    expect(firstSend).toEqual({ outcome: 'delivered', status: 'HTTP 200' });
    // The secret was sent, as it is, in the header.
    const sent = workbench.services;
    expect(JSON.stringify(await sent.dispatch('webhooks.history', undefined))).toContain('tok_s3cret');

    await page.getByTestId('bulk-panel').locator('summary').click();
    await page.getByTestId('bulk-count').fill('25');
    await page.getByTestId('bulk-start').click();
    await expect.poll(() => page.getByTestId('bulk-summary').getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
    expect(await page.getByTestId('bulk-delivered').textContent()).toBe('25');

    // The picture for the docs: the whole screen from the top, without the toasts of the steps above.
    // Toasts also leave on their own, so a close button may be gone by the time it is clicked.
    for (const close of await page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).all())
      await close.click({ timeout: 1000 }).catch(() => undefined);
    await page.setViewportSize({ width: 1600, height: 1360 });
    await page.evaluate(() => document.querySelectorAll('*').forEach((e) => (e.scrollTop = 0)));
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve('docs/screenshots/webhooks.png') });

    const download = page.waitForEvent('download');
    await page.getByTestId('collection-export').click();
    exported = readFileSync((await (await download).path())!, 'utf8');
    const sdk = new Collection(JSON.parse(exported));
    expect(sdk.name).toBe('Shop webhooks');
    expect(sdk.items.count()).toBe(1);
  }, 120_000);

  it('imports the exported collection into a fresh workspace and sends it again with the same result', async () => {
    expect(exported).not.toBe('');
    const side = await openSide();
    const { page } = side;
    await page.getByTestId('collections-import').click();
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'Shop.postman_collection.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => page.getByTestId('import-preview-result').textContent()).toContain('1 request');
    await page.getByTestId('import-submit').click();
    await page.locator('[data-testid="collection-item"][data-name="Order shipped"]').getByTestId('collection-item-open').click();
    expect(await page.getByTestId('webhook-path').inputValue()).toBe('{{botId}}/c/{{userId}}');
    await makeEnvironment(page);
    expect(await sendAndRead(side)).toEqual(firstSend);
  }, 120_000);
});

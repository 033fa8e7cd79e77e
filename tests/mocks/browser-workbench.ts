import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startUiServer, type UiServer } from '../../main/browser-mode/ui-server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';
import { launchBrowser } from './chromium.ts';

/** The workbench in browser mode as an e2e test drives it: a data dir of its own, real Chromium profiles, the built UI in a page. */
export interface BrowserWorkbench {
  workbench: Workbench;
  ui: UiServer;
  browser: Browser;
  page: Page;
  /** Closes the page's browser, the UI server and the workbench, and deletes the data dir. */
  close(): Promise<void>;
}

/** Starts it (`prefix` names the temporary data dir) with the workbench page open at 1500×950. */
export async function openBrowserWorkbench(prefix: string, pageOptions: BrowserContextOptions = {}): Promise<BrowserWorkbench> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const workbench = await startWorkbench({
    dataDir,
    mode: 'browser',
    createHost: (profilesDir) => new ChromiumProfileHost({ profilesDir, screencast: true }),
  });
  const ui = await startUiServer({ rendererDir: resolve('out/renderer'), services: workbench.services, token: workbench.token, port: 0 });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 }, ...pageOptions });
  await page.goto(ui.url);
  return {
    workbench,
    ui,
    browser,
    page,
    close: async () => {
      await browser.close();
      await ui.close();
      await workbench.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

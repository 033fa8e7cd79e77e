import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumExecutable, chromiumLaunch } from '../../main/profiles/chromium.ts';

export interface WidgetState {
  state: string;
  botId: string | null;
  channelId: string | null;
  responsePath: string | null;
  kind: string | null;
  storage: string;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, ...chromiumLaunch() });
}

/** A "same browser" profile: its storage lives in `userDataDir` and survives closing. */
export function launchPersistent(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: chromiumExecutable(), headless: true, ...chromiumLaunch() });
}

/** Opens a page and waits until its widget is connected; returns the page and the widget's state. */
export async function openWidget(context: BrowserContext, url: string): Promise<{ page: Page; state: WidgetState }> {
  const page = await context.newPage();
  await page.goto(url);
  return { page, state: await connectedState(page) };
}

export async function connectedState(page: Page): Promise<WidgetState> {
  await page.waitForFunction(() => (window as any).FxoMessenger?.getState().state === 'connected', undefined, { timeout: 10_000 });
  return page.evaluate(() => (window as any).FxoMessenger.getState() as WidgetState);
}

/** Texts of the message bubbles the visitor sees, optionally of one source (widget | bot | webhook). */
export function visibleMessages(page: Page, source?: 'widget' | 'bot' | 'webhook'): Promise<string[]> {
  const selector = source ? `[data-testid="message"][data-source="${source}"]` : '[data-testid="message"]';
  return page.locator(selector).allTextContents();
}

/** Types into the widget and sends, as a visitor would. */
export async function typeMessage(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="input"]').fill(text);
  await page.locator('[data-testid="send"]').click();
}

/** Clears the origin's storage the way "clear browsing data" does, via the DevTools protocol. */
export async function clearSiteData(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  await cdp.detach();
}

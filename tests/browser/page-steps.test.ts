import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import type { ProfilePage } from '../../main/profiles/profile-host.ts';

/** A page with what page steps meet on real sites: a heading and a paragraph with the button's text, a hidden element, a form that posts. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>Form</title>
<h1>Log in</h1><p>Please log in to see your orders</p>
<form method="post" action="/done"><input id="email" name="email"><input id="off" disabled>
<button type="submit">Log in</button></form>
<div id="plain">not a field</div><div id="hidden" style="display:none">hidden</div>
<script>document.getElementById('email').addEventListener('keydown', (e) => (document.title = 'key ' + e.key + (e.ctrlKey ? ' ctrl' : '')));</script>`;

/** ProfilePage.drive() in real Chromium through Playwright's locators (main/profiles/chromium-host.ts). */
describe('ChromiumProfileHost page steps (drive)', () => {
  let dir: string;
  let host: ChromiumProfileHost;
  let site: Server;
  let origin: string;
  let page: ProfilePage;
  const posted: string[] = [];

  beforeAll(async () => {
    site = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.method === 'POST') posted.push(body);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(request.url === '/done' ? `<!doctype html><title>Done</title><h1>Welcome back</h1>` : PAGE);
      });
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'botbench-page-steps-'));
    host = new ChromiumProfileHost({ profilesDir: dir, screencast: false });
    page = await host.open(
      { id: 'p1', storage: 'ephemeral', url: `${origin}/`, viewport: { width: 420, height: 680 } },
      { onWidget: () => undefined },
    );
  });
  afterAll(async () => {
    await host?.dispose();
    await new Promise((resolve) => site.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills a field, presses keys in it, and clicks the button a text selector finds: the form posts and its page loads', async () => {
    await page.drive({ type: 'fill', selector: '#email', value: 'ada@shop.test' }, 3000);
    await page.drive({ type: 'press', selector: '#email', key: 'Control+a' }, 3000);
    expect(await page.evaluate('document.title')).toBe('key a ctrl');
    await page.drive({ type: 'click', selector: 'text=log in' }, 3000);
    expect(posted).toEqual(['email=ada%40shop.test']);
    // The navigation the click started has loaded when drive() resolves.
    expect(await page.evaluate('location.pathname + " " + document.title')).toBe('/done Done');
    await page.drive({ type: 'waitFor', text: 'welcome back' }, 3000);
    await page.drive({ type: 'goto', url: '/' }, 3000);
    expect(await page.evaluate('location.pathname')).toBe('/');
  });

  it('refuses with BOTBENCH_ERR_PAGE_STEP, saying what it expected, whatever cannot be done', async () => {
    const where = `(the page is ${origin}/)`;
    await expect(page.drive({ type: 'click', selector: '#checkout' }, 300)).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_PAGE_STEP',
      message: `No element matches "#checkout" within 300 ms ${where}.`,
    });
    await expect(page.drive({ type: 'click', selector: '#hidden' }, 300)).rejects.toThrow(
      `1 element(s) match "#hidden", but none became visible within 300 ms ${where}.`,
    );
    await expect(page.drive({ type: 'fill', selector: '#plain', value: 'x' }, 300)).rejects.toThrow(
      `The element matching "#plain" cannot be typed into: it is not an enabled text field or editable element ${where}.`,
    );
    await expect(page.drive({ type: 'waitFor', text: 'Order shipped' }, 300)).rejects.toThrow(
      `The text "Order shipped" did not show within 300 ms ${where}.`,
    );
    await expect(page.drive({ type: 'click', selector: 'button[' }, 300)).rejects.toThrow(/^"button\[" is not a valid selector \(.+\); use CSS/);
    await expect(page.drive({ type: 'goto', url: 'http://127.0.0.1:9/' }, 3000)).rejects.toThrow(
      /^The page http:\/\/127\.0\.0\.1:9\/ could not be loaded: net::ERR_(CONNECTION_REFUSED|UNSAFE_PORT)\.$/,
    );
  });
});

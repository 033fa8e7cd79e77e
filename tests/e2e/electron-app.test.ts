import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../main/api/contract.ts';
import { SHOP_BOT_ID, startOwnSite } from '../fixtures/own-site/own-site.ts';

/** The Electron binary, if this machine has one (npx install-electron fetches it on an online machine). */
function electronBinary(): { path: string } | { reason: string } {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      reason:
        'no Electron binary on this machine (node_modules/electron/path.txt is missing; run npx install-electron where the download is reachable)',
    };
  const path = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { reason: `the Electron binary ${path} is missing` };
}

const binary = electronBinary();
const available = 'path' in binary;
if (!available) console.warn(`Electron end-to-end spec skipped: ${binary.reason}.`);

describe.skipIf(!available)(
  available ? 'desktop app (Electron)' : `desktop app (Electron) — skipped: ${'reason' in binary ? binary.reason : ''}`,
  () => {
    const userData = mkdtempSync(join(tmpdir(), 'botbench-electron-'));
    afterAll(() => rmSync(userData, { recursive: true, force: true }));

    async function launch(): Promise<ElectronApplication> {
      return electron.launch({
        executablePath: (binary as { path: string }).path,
        args: ['.', '--no-sandbox'],
        env: { ...process.env, BOTBENCH_DATA_DIR: userData },
      });
    }

    it('opens two profiles with two Channel IDs, and keeps the persistent one across a relaunch', async () => {
      let app = await launch();
      let window = await app.firstWindow();
      await window.getByTestId('open-profile-persistent').click();
      await window.getByTestId('open-profile-incognito').click();
      const ids = window.getByTestId('pane-channel-id');
      await expect.poll(async () => (await ids.allTextContents()).filter((t) => t.startsWith('n_')).length, { timeout: 20_000 }).toBe(2);
      const [persistentId, incognitoId] = await ids.allTextContents();
      expect(persistentId).not.toBe(incognitoId);
      await app.close();

      app = await launch();
      window = await app.firstWindow();
      await expect
        .poll(() => window.locator('[data-kind="persistent"] [data-testid="pane-channel-id"]').textContent(), { timeout: 20_000 })
        .toBe(persistentId);
      await app.close();
    });

    // The story tests/main/index.test.ts and tests/main/profiles/electron-host.test.ts tell against the fake, on the real thing.
    it('runs the window and the profile pages hardened, and a profile page can neither forge a report nor throw in main', async () => {
      const app = await launch();
      try {
        const window = await app.firstWindow();
        await window.getByTestId('open-profile-incognito').click();
        const pane = window.locator('[data-kind="incognito"] [data-testid="pane-channel-id"]');
        await expect.poll(() => pane.textContent(), { timeout: 20_000 }).toMatch(/^n_/);
        const channelId = await pane.textContent();

        // Electron 42 has no getter for a web contents' preferences: what a page can reach is the proof.
        const contents = await app.evaluate(({ BrowserWindow, webContents }) => {
          const main = BrowserWindow.getAllWindows()[0]!.webContents;
          return webContents.getAllWebContents().map((c) => ({ id: c.id, main: c === main, url: c.getURL() }));
        });
        const profiles = contents.filter((c) => !c.main && /^https?:/.test(c.url));
        expect(profiles).toHaveLength(1);
        const reach = await app.evaluate(
          ({ webContents }, id) => webContents.fromId(id)!.executeJavaScript('[typeof require, typeof process, typeof botbench]'),
          profiles[0]!.id,
        );
        expect(reach).toEqual(['undefined', 'undefined', 'undefined']);

        // The workbench page sees the contract and nothing of Node or Electron.
        const seen = await window.evaluate(() => [
          typeof (globalThis as { require?: unknown }).require,
          typeof (globalThis as { process?: unknown }).process,
          Object.keys(self.botbench?.methods ?? {}),
        ]);
        expect(seen[0]).toBe('undefined');
        expect(seen[1]).toBe('undefined');
        expect([...(seen[2] as string[])].sort()).toEqual([...API_METHODS].sort());

        // The profile page tries every forgery it has: the old console channel, a malformed one, a faked widget state.
        await app.evaluate(
          ({ webContents }, id) =>
            webContents.fromId(id)!.executeJavaScript(`(() => {
              console.debug('__botbench_report__{');
              console.debug('__botbench_report__' + JSON.stringify({ loadId: 'x', state: 'connected', channelId: 'forged-1', responsePath: 'x/c/forged-1', kind: 'external' }));
              const real = window.FxoMessenger.getState.bind(window.FxoMessenger);
              window.FxoMessenger.getState = () => ({ ...real(), channelId: 'forged-2', kind: 'external' });
              window.FxoMessenger.toggle();
            })()`),
          profiles[0]!.id,
        );
        // Main is still answering, and the pane still shows the real ID.
        expect(await window.evaluate(() => self.botbench!.methods['workbench.info']().then((info) => info.mode))).toBe('electron');
        expect(await pane.textContent()).toBe(channelId);
      } finally {
        await app.close();
      }
    });

    // Issue #15 on the real thing: the session's webRequest answers Flow XO's script for a page on another origin, and its bot is imported.
    it('opens an own site whose page embeds Flow XO’s published snippet, answered by the platform, its bot imported on first sight', async () => {
      const site = await startOwnSite();
      const app = await launch();
      try {
        const window = await app.firstWindow();
        const opened = await window.evaluate((siteUrl) => self.botbench!.methods['profiles.open']({ kind: 'incognito', siteUrl }), site.url);
        expect(opened).toMatchObject({ status: 'connected', botId: SHOP_BOT_ID, siteUrl: site.url, channelKind: 'anonymous' });
        expect(opened.notices.map((notice) => notice.text)).toEqual([`Imported bot 645731a0… from ${site.origin}`]);
      } finally {
        await app.close();
        await site.close();
      }
    });
  },
);

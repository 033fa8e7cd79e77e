import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

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
  },
);

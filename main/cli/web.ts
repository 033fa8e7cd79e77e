import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startUiServer } from '../browser-mode/ui-server.ts';
import { ChromiumProfileHost } from '../profiles/chromium-host.ts';
import { describeMissingBrowser, discoverBrowser } from '../profiles/browser-discovery.ts';
import { chromiumLaunch } from '../profiles/chromium.ts';
import { startWorkbench } from '../workbench.ts';

const usage = 'Usage: npm run web -- [--port <ui port>] [--platform-port <port>] [--data-dir <dir>] [--no-open]';

/**
 * Browser mode: the platform, Chromium profiles and the workbench UI served on loopback, opened
 * in a Chromium app window when a display exists. Same renderer and contract as the desktop app.
 */
async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        // No default: the workspace remembers the platform's port (its origin holds the profiles' storage).
        'platform-port': { type: 'string' },
        'data-dir': { type: 'string', default: '.data' },
        'no-open': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const dataDir = resolve(values['data-dir']);
  const workbench = await startWorkbench({
    dataDir,
    mode: 'browser',
    platform: values['platform-port'] === undefined ? {} : { port: Number(values['platform-port']) },
    createHost: (profilesDir) => new ChromiumProfileHost({ profilesDir, screencast: true, spare: true }),
  });
  const ui = await startUiServer({
    rendererDir: resolve('out/renderer'),
    services: workbench.services,
    token: workbench.token,
    port: Number(values.port),
  });
  console.log(`Botbench workbench (browser mode): ${ui.url}`);
  console.log(`Botbench platform listening on ${workbench.server.url}`);
  const browser = discoverBrowser();
  if (!browser.found)
    console.error(`Botbench: profiles cannot open yet. ${describeMissingBrowser(browser)} (then press Retry on the Profiles screen).`);

  if (!values['no-open']) {
    if (!browser.found) {
      console.log('Open the URL above in any browser on this machine.');
    } else if (process.env.DISPLAY || process.platform !== 'linux') {
      const profile = join(dataDir, 'workbench-window');
      mkdirSync(profile, { recursive: true });
      spawn(browser.executable, [...chromiumLaunch().args, `--user-data-dir=${profile}`, `--app=${ui.url}`, '--window-size=1500,950'], {
        stdio: 'ignore',
        detached: true,
      }).unref();
    } else {
      console.log('No display found: open the URL above in a browser on this machine.');
    }
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    Promise.all([ui.close(), workbench.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Botbench stopped with an error:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`Botbench could not start: ${(error as Error).message}`);
  process.exit(1);
});

/**
 * A Playwright browser server in its own process, as a team's grid would run one: prints its
 * ws:// endpoint on the first line of stdout and stops on SIGTERM.
 */
import { chromium } from 'playwright-core';
import { chromiumExecutable, chromiumLaunch } from '../../main/profiles/chromium.ts';

const server = await chromium.launchServer({ executablePath: chromiumExecutable(), headless: true, ...chromiumLaunch() });
process.stdout.write(`${server.wsEndpoint()}\n`);
process.once('SIGTERM', () => {
  void server.close().finally(() => process.exit(0));
});

import { BotbenchError } from '../platform/errors.ts';
import { describeMissingBrowser, discoverBrowser } from './browser-discovery.ts';

/**
 * The Chromium-based browser profiles run in (see discoverBrowser for where it looks; BOTBENCH_CHROMIUM
 * overrides). Throws BOTBENCH_ERR_NO_BROWSER, naming what to install, when there is none.
 */
export function chromiumExecutable(): string {
  const found = discoverBrowser();
  if (!found.found) throw new BotbenchError('BOTBENCH_ERR_NO_BROWSER', describeMissingBrowser(found));
  return found.executable;
}

/**
 * Flags for every Chromium Botbench starts. Background networking, component updates and sync
 * are off: they reach for Google's hosts, which a closed network refuses (and a test should not
 * depend on). --no-sandbox because CI runs as root.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

import { existsSync } from 'node:fs';

/** Debian's Chromium; override with BOTBENCH_CHROMIUM. Playwright's own browser download is not available here. */
export function chromiumExecutable(): string {
  const candidates = [process.env.BOTBENCH_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
  if (!found) {
    throw new Error('No Chromium found. Install it (Debian: apt-get install chromium) or set BOTBENCH_CHROMIUM to its path.');
  }
  return found;
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

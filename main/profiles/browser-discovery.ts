import { accessSync, constants, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** Where a Chromium-based browser was found, and by which rule. */
export interface FoundBrowser {
  found: true;
  executable: string;
  /** 'BOTBENCH_CHROMIUM', 'installed' (a system Chrome, Chromium or Edge) or 'playwright' (Playwright's browser cache). */
  source: 'BOTBENCH_CHROMIUM' | 'installed' | 'playwright';
}

/** No browser anywhere: what was looked at and how to get one, for a message a person can act on. */
export interface MissingBrowser {
  found: false;
  /** One sentence: what is missing (or what BOTBENCH_CHROMIUM points at). */
  problem: string;
  /** Every path looked at, in order. */
  searched: string[];
  /** Commands that bring a browser, best first, for this operating system. */
  fixes: string[];
  /** The other way: a setting. */
  hint: string;
}

export type BrowserDiscovery = FoundBrowser | MissingBrowser;

/** What discovery reads of the machine; the real one reads the file system, tests give a made-up machine. */
export interface DiscoveryProbe {
  platform: NodeJS.Platform;
  arch: string;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** The file exists and may be run. */
  isExecutable(path: string): boolean;
  /** The names in a directory, or [] when it is not there. */
  list(dir: string): string[];
}

export const realProbe = (): DiscoveryProbe => ({
  platform: process.platform,
  arch: process.arch,
  env: process.env,
  home: homedir(),
  isExecutable(path) {
    try {
      accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
});

/**
 * Finds a Chromium-based browser where people have one: BOTBENCH_CHROMIUM, then an installed
 * Chromium, Chrome or Edge (the paths playwright-core's channels use, plus distributions'
 * Chromium), then Playwright's own browser cache (`npx playwright install chromium`). A
 * BOTBENCH_CHROMIUM that points nowhere is reported, not skipped: the person asked for it.
 */
export function discoverBrowser(probe: DiscoveryProbe = realProbe()): BrowserDiscovery {
  const searched: string[] = [];
  const fixes = installFixes(probe.platform);
  const pinned = probe.env.BOTBENCH_CHROMIUM;
  if (pinned !== undefined && pinned !== '') {
    if (probe.isExecutable(pinned)) return { found: true, executable: pinned, source: 'BOTBENCH_CHROMIUM' };
    return {
      found: false,
      problem: `BOTBENCH_CHROMIUM is set to ${pinned}, which is not an executable file.`,
      searched: [pinned],
      fixes,
      hint: 'Set BOTBENCH_CHROMIUM to the path of a Chromium, Chrome or Edge executable, or unset it to search the usual places.',
    };
  }
  for (const path of installedPaths(probe)) {
    searched.push(path);
    if (probe.isExecutable(path)) return { found: true, executable: path, source: 'installed' };
  }
  for (const path of playwrightCachePaths(probe, searched)) {
    if (probe.isExecutable(path)) return { found: true, executable: path, source: 'playwright' };
  }
  return {
    found: false,
    problem: 'No Chromium, Chrome or Edge was found on this machine, so profiles cannot open.',
    searched,
    fixes,
    hint: 'Or set BOTBENCH_CHROMIUM to the path of a Chromium-based browser.',
  };
}

function installFixes(platform: NodeJS.Platform): string[] {
  const playwright = 'npx playwright install chromium';
  if (platform === 'linux') return ['apt-get install chromium', playwright];
  if (platform === 'darwin') return ['brew install --cask chromium', playwright];
  if (platform === 'win32') return ['winget install Google.Chrome', playwright];
  return [playwright];
}

/** The usual install locations, per operating system (playwright-core's channel paths and distributions' Chromium). */
function installedPaths(probe: DiscoveryProbe): string[] {
  if (probe.platform === 'darwin') {
    const apps = [
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    return [...apps.map((app) => posix.join('/Applications', app)), ...apps.map((app) => posix.join(probe.home, 'Applications', app))];
  }
  if (probe.platform === 'win32') {
    const roots = [probe.env.LOCALAPPDATA, probe.env.PROGRAMFILES, probe.env['PROGRAMFILES(X86)']].filter(
      (root): root is string => root !== undefined && root !== '',
    );
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return roots.flatMap((root) => apps.map((app) => win32.join(root, app)));
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];
  const pathDirs = (probe.env.PATH ?? '').split(':').filter((dir) => dir !== '');
  const fixed = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/opt/google/chrome/chrome', '/opt/microsoft/msedge/msedge'];
  const onPath = pathDirs.flatMap((dir) => names.map((name) => posix.join(dir, name)));
  return [...new Set([...fixed, ...onPath])];
}

/** Playwright's browser cache (PLAYWRIGHT_BROWSERS_PATH or the per-OS default), newest revision first. */
function playwrightCachePaths(probe: DiscoveryProbe, searched: string[]): string[] {
  const path = probe.platform === 'win32' ? win32 : posix;
  const custom = probe.env.PLAYWRIGHT_BROWSERS_PATH;
  const cache =
    custom !== undefined && custom !== '' && custom !== '0'
      ? custom
      : probe.platform === 'darwin'
        ? path.join(probe.home, 'Library', 'Caches', 'ms-playwright')
        : probe.platform === 'win32'
          ? path.join(probe.env.LOCALAPPDATA ?? path.join(probe.home, 'AppData', 'Local'), 'ms-playwright')
          : path.join(probe.env.XDG_CACHE_HOME ?? path.join(probe.home, '.cache'), 'ms-playwright');
  searched.push(path.join(cache, 'chromium-*'));
  const inner =
    probe.platform === 'darwin'
      ? probe.arch === 'arm64'
        ? ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing']
        : ['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing']
      : probe.platform === 'win32'
        ? ['chrome-win64', 'chrome.exe']
        : probe.arch === 'arm64'
          ? ['chrome-linux-arm64', 'chrome']
          : ['chrome-linux64', 'chrome'];
  const revisions = probe
    .list(cache)
    .filter((name) => /^chromium-\d+$/.test(name))
    .sort((a, b) => Number(b.slice('chromium-'.length)) - Number(a.slice('chromium-'.length)));
  return revisions.map((dir) => path.join(cache, dir, ...inner));
}

/** The message for a MissingBrowser, for a log line or an error. */
export function describeMissingBrowser(missing: MissingBrowser): string {
  return `${missing.problem} Get one with: ${missing.fixes.join(' | ')}. ${missing.hint}`;
}

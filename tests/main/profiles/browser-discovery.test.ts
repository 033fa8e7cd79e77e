import { describe, expect, it } from 'vitest';
import { discoverBrowser, type DiscoveryProbe } from '../../../main/profiles/browser-discovery.ts';

/** A made-up machine: these files exist and run, these directories list these names. */
function machine(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}, dirs: Record<string, string[]> = {}): DiscoveryProbe {
  return {
    platform,
    arch: 'x64',
    env,
    home: platform === 'win32' ? 'C:\\Users\\qa' : platform === 'darwin' ? '/Users/qa' : '/home/qa',
    isExecutable: (path) => files.includes(path),
    list: (dir) => dirs[dir] ?? [],
  };
}

describe('discoverBrowser()', () => {
  it('finds nothing on an empty machine, says what it looked at and how to get a browser', () => {
    const found = discoverBrowser(machine('linux', [], { PATH: '' }));
    expect(found.found).toBe(false);
    if (found.found) return;
    expect(found.problem).toBe('No Chromium, Chrome or Edge was found on this machine, so profiles cannot open.');
    expect(found.searched).toContain('/usr/bin/chromium');
    expect(found.searched).toContain('/opt/google/chrome/chrome');
    expect(found.searched).toContain('/home/qa/.cache/ms-playwright/chromium-*');
    expect(found.fixes.slice(0, 2)).toEqual(['apt-get install chromium', 'npx playwright install chromium']);
  });

  it('takes BOTBENCH_CHROMIUM first, and reports it when it points nowhere instead of searching elsewhere', () => {
    expect(discoverBrowser(machine('linux', ['/opt/my/chrome', '/usr/bin/chromium'], { BOTBENCH_CHROMIUM: '/opt/my/chrome' }))).toEqual({
      found: true,
      executable: '/opt/my/chrome',
      source: 'BOTBENCH_CHROMIUM',
    });
    const wrong = discoverBrowser(machine('linux', ['/usr/bin/chromium'], { BOTBENCH_CHROMIUM: '/nope/chrome' }));
    expect(wrong).toMatchObject({ found: false, problem: 'BOTBENCH_CHROMIUM is set to /nope/chrome, which is not an executable file.' });
  });

  it('finds an installed Chrome or Edge on Linux, including one on PATH', () => {
    expect(discoverBrowser(machine('linux', ['/opt/google/chrome/chrome']))).toMatchObject({
      executable: '/opt/google/chrome/chrome',
      source: 'installed',
    });
    expect(discoverBrowser(machine('linux', ['/home/qa/bin/microsoft-edge'], { PATH: '/usr/local/bin:/home/qa/bin' }))).toMatchObject({
      executable: '/home/qa/bin/microsoft-edge',
    });
  });

  it('finds the usual macOS and Windows installs', () => {
    expect(discoverBrowser(machine('darwin', ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']))).toMatchObject({
      executable: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    });
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(discoverBrowser(machine('win32', [edge], { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }))).toMatchObject({ executable: edge });
    const none = discoverBrowser(machine('win32', [], { LOCALAPPDATA: 'C:\\Users\\qa\\AppData\\Local' }));
    expect(none).toMatchObject({ found: false, fixes: ['winget install Google.Chrome', 'npx playwright install chromium'] });
  });

  it("falls back to Playwright's browser cache, newest revision first", () => {
    const cache = '/home/qa/.cache/ms-playwright';
    const found = discoverBrowser(
      machine(
        'linux',
        [`${cache}/chromium-1200/chrome-linux64/chrome`, `${cache}/chromium-1255/chrome-linux64/chrome`],
        {},
        {
          [cache]: ['chromium-1200', 'ffmpeg-1011', 'chromium-1255', 'chromium_headless_shell-1255'],
        },
      ),
    );
    expect(found).toEqual({ found: true, executable: `${cache}/chromium-1255/chrome-linux64/chrome`, source: 'playwright' });
    const custom = discoverBrowser(
      machine('linux', ['/pw/chromium-7/chrome-linux64/chrome'], { PLAYWRIGHT_BROWSERS_PATH: '/pw' }, { '/pw': ['chromium-7'] }),
    );
    expect(custom).toMatchObject({ executable: '/pw/chromium-7/chrome-linux64/chrome', source: 'playwright' });
  });
});

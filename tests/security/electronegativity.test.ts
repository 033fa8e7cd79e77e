import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Finding {
  id: string;
  file: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
  location: { line: number };
}

/**
 * Electronegativity (Doyensec's Electron security scanner) over the desktop app's own code:
 * the main process and shell, the preload, and the workbench page (for its CSP). It runs
 * programmatically: its CLI breaks with the newer `commander` another dependency brings.
 */
describe('Electronegativity scan', () => {
  const scanDir = mkdtempSync(join(tmpdir(), 'botbench-scan-'));
  afterAll(() => rmSync(scanDir, { recursive: true, force: true }));

  it('finds no high-severity issue in main/, preload/ and the workbench page', async () => {
    for (const part of ['main', 'preload']) cpSync(part, join(scanDir, part), { recursive: true });
    cpSync('renderer/index.html', join(scanDir, 'renderer/index.html'));
    cpSync('package.json', join(scanDir, 'package.json'));
    const require = createRequire(import.meta.url);
    // Offline: the scanner fetches translations from the internet on start (and falls back to its
    // own English when that fails), but a failed lookup can surface as an unhandled error. Its HTTP
    // client answers "unreachable" at once instead.
    const got = require.resolve('got', { paths: [dirname(require.resolve('@doyensec/electronegativity/dist/locales/i18n.js'))] });
    const offline = Object.assign(() => Promise.reject(new Error('offline: translations are not fetched in tests')), {
      default: undefined as unknown,
    });
    offline.default = offline;
    require.cache[got] = { id: got, filename: got, loaded: true, exports: offline } as unknown as NodeJS.Module;
    const run = require('@doyensec/electronegativity/dist/runner.js') as (
      options: object,
    ) => Promise<{ issues: Finding[]; errors: Array<{ file: string; tolerable: boolean; message: string }> }>;
    const result = await run({ input: scanDir, electronVersionOverride: '42.0.0', isRelative: true, customScan: [], excludeFromScan: [] });
    const findings = result.issues.map((i) => `${i.severity.name} ${i.id} ${i.file}:${i.location.line}${i.manualReview ? ' (manual review)' : ''}`);
    console.log(`Electronegativity: ${findings.length} finding(s)\n${findings.join('\n')}`);
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
    expect(result.issues.filter((i) => i.severity.name === 'HIGH')).toEqual([]);
    // What it finds, each reviewed; a new finding fails here until it is reviewed too:
    // - the CSP of the workbench page: found, and LOW only for style-src 'unsafe-inline', which React's style props need
    //   (a page without one is MEDIUM);
    // - the window's preload (manual review): preload/index.ts exposes one function per contract method, nothing raw;
    // - shell.openExternal (manual review): main/index.ts opens only http(s) links the window was refused to navigate to;
    // - setCertificateVerifyProc (manual review, twice: set and cleared): main/profiles/electron-host.ts acceptCertificate()
    //   trusts one host name only, the own site whose certificate the tester chose to accept for that profile; every other
    //   host gets Chromium's own verdict (-3).
    expect(result.issues.map((i) => `${i.severity.name} ${i.id} ${i.file}${i.manualReview ? ' (manual review)' : ''}`).sort()).toEqual([
      'LOW CSP_GLOBAL_CHECK renderer/index.html (manual review)',
      'MEDIUM CERTIFICATE_VERIFY_PROC_JS_CHECK main/profiles/electron-host.ts (manual review)',
      'MEDIUM CERTIFICATE_VERIFY_PROC_JS_CHECK main/profiles/electron-host.ts (manual review)',
      'MEDIUM OPEN_EXTERNAL_JS_CHECK main/index.ts (manual review)',
      'MEDIUM PRELOAD_JS_CHECK main/index.ts (manual review)',
    ]);
    // Limited navigation and a permission handler were found too: those checks report nothing when satisfied.
    expect(result.issues.map((i) => i.id)).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(result.issues.map((i) => i.id)).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
  }, 60_000);
});

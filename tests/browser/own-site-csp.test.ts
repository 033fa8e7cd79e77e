import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { ProfileService } from '../../main/profiles/profile-service.ts';
import { importWith } from '../../main/profiles/site-import.ts';
import type { ProfileSnapshot } from '../../main/profiles/types.ts';
import { CSP_POLICIES, startCspSite } from '../fixtures/own-site/csp-site.ts';
import type { OwnSite } from '../fixtures/own-site/own-site.ts';
import { startPlatform } from '../mocks/platform.ts';

const { allows: ALLOWS, meta: META } = CSP_POLICIES;

// Fixture sites on another origin (tests/fixtures/own-site) with a Content-Security-Policy, each
// embedding Flow XO's published legacy snippet, opened through ProfileService on real Chromium.
describe('own sites with a Content-Security-Policy (Chromium)', () => {
  let server: PlatformServer;
  let dir: string;
  let host: ChromiumProfileHost;
  let profiles: ProfileService;
  let site: OwnSite;

  beforeAll(async () => {
    server = await startPlatform();
    dir = mkdtempSync(join(tmpdir(), 'botbench-csp-'));
    host = new ChromiumProfileHost({ profilesDir: join(dir, 'profiles') });
    profiles = new ProfileService({
      host,
      platformUrl: () => server.url,
      liveWidget: (path) => server.platform.hub.count(path) > 0,
      importer: importWith(server.platform),
    });
    site = await startCspSite();
  });

  afterAll(async () => {
    await profiles?.dispose();
    await host?.dispose();
    await site?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const current = (id: string) => profiles.list().find((p) => p.id === id)!;
  /** Opens the page in an incognito profile; the widget must connect (the call rejects otherwise). */
  const open = (path: string) => profiles.open({ kind: 'incognito', siteUrl: site.at(path) });
  const sitePolicy = async (profile: ProfileSnapshot) => {
    await expect.poll(() => current(profile.id).sitePolicy).not.toBeNull();
    return current(profile.id).sitePolicy!;
  };

  it('a policy that allows Flow XO: the widget works in the profile (its policy widened for the platform), and there is no finding', async () => {
    const profile = await open('/allows');
    expect(profile).toMatchObject({ status: 'connected', channelKind: 'anonymous' });
    const policy = await sitePolicy(profile);
    expect(policy.policies).toEqual([{ source: 'header', disposition: 'enforce', text: ALLOWS }]);
    // The socket goes to the platform on loopback, which the site's policy does not name: added here, to what governs connections.
    expect(policy.added).toContainEqual(expect.stringMatching(/^connect-src: http:\/\/127\.0\.0\.1:\d+ ws:\/\/127\.0\.0\.1:\d+ /));
    expect(policy.added.join(' ')).not.toMatch(/img-src|default-src/);
    expect(policy.findings).toEqual([]);
    expect(policy.violations).toEqual([]);
    expect(profiles.findings({ profileId: profile.id }).filter((f) => f.code.startsWith('CSP_'))).toEqual([]);
    // The rest of the site's policy is still enforced: an image from elsewhere is refused.
    const blocked = await host
      .open(
        {
          id: 'probe',
          storage: 'ephemeral',
          url: site.at('/allows'),
          viewport: { width: 400, height: 400 },
          flowxo: { platformUrl: server.url, patterns: [] },
        },
        { onWidget: () => undefined },
      )
      .then(async (probe) => {
        const result = await probe.evaluate<string>(
          `new Promise((resolve) => { document.addEventListener('securitypolicyviolation', (e) => { if (e.disposition === 'enforce') resolve(e.effectiveDirective); }); setTimeout(() => resolve('nothing blocked'), 5000); const i = new Image(); i.src = 'https://images.example.test/a.png'; })`,
        );
        await probe.close();
        return result;
      });
    expect(blocked).toBe('img-src');
  });

  it('a policy that lacks Flow XO: the widget still works in the profile, and the findings name the blocking directives and the fix', async () => {
    const profile = await open('/lacks');
    expect(profile).toMatchObject({ status: 'connected', channelKind: 'anonymous' });
    const policy = await sitePolicy(profile);
    expect(policy.added.map((line) => line.split(':')[0])).toEqual(['script-src', 'connect-src']);
    await expect
      .poll(() => current(profile.id).sitePolicy!.findings.map((f) => f.code))
      .toEqual(['CSP_BLOCKS_FLOWXO_SCRIPT', 'CSP_BLOCKS_FLOWXO_SOCKET']);
    const [script, socket] = current(profile.id).sitePolicy!.findings;
    expect(script!.evidence[1]).toContain(
      "script-src (in place of script-src-elem) allows 'self' 'nonce-shop', not https://widget.flowxo.com/embed.js",
    );
    expect(script!.fix).toBe("In the Content-Security-Policy header, write: script-src 'self' 'nonce-shop' https://widget.flowxo.com");
    expect(socket!.evidence[1]).toContain("default-src (in place of connect-src) allows 'self', not wss://widget.flowxo.com/");
    expect(socket!.fix).toBe("In the Content-Security-Policy header, write: connect-src 'self' wss://widget.flowxo.com");
    // The browser's own report of the site's policy (running report-only) is the script finding's evidence.
    await expect
      .poll(() => current(profile.id).sitePolicy!.violations.map((v) => [v.effectiveDirective, v.blockedURI, v.disposition]))
      .toContainEqual(['script-src-elem', 'https://widget.flowxo.com/embed.js?callback=messengerReady', 'report']);
    expect(current(profile.id).sitePolicy!.findings[0]!.evidence.at(-1)).toContain('the browser reported a violation of script-src-elem');
    // Like every other finding: in ProfileService.findings (the Findings list, scenario reports) and the pane's count.
    expect(profiles.findings({ profileId: profile.id }).map((f) => f.code)).toEqual(
      expect.arrayContaining(['CSP_BLOCKS_FLOWXO_SCRIPT', 'CSP_BLOCKS_FLOWXO_SOCKET']),
    );
    expect(profiles.findings({ site: site.origin }).filter((f) => f.profileId === profile.id && f.code.startsWith('CSP_'))).toHaveLength(2);
    expect(current(profile.id).findings).toMatchObject({ worst: 'error' });
  });

  it('a policy in a <meta> tag: adjusted in the page as it loads, and reported as the <meta> tag’s', async () => {
    const profile = await open('/meta');
    expect(profile.status).toBe('connected');
    const policy = await sitePolicy(profile);
    expect(policy.policies).toEqual([{ source: 'meta', disposition: 'enforce', text: META }]);
    expect(policy.findings.map((f) => [f.code, f.evidence[0]])).toEqual([
      ['CSP_BLOCKS_FLOWXO_SCRIPT', `the <meta http-equiv="Content-Security-Policy"> tag: ${META}`],
      ['CSP_BLOCKS_FLOWXO_SOCKET', `the <meta http-equiv="Content-Security-Policy"> tag: ${META}`],
    ]);
  });

  it("a 'strict-dynamic' policy: the widget works with Botbench's nonce, and the finding asks for the page's nonce on the tag", async () => {
    const profile = await open('/strict-dynamic');
    expect(profile.status).toBe('connected');
    await expect.poll(() => current(profile.id).sitePolicy?.findings.map((f) => f.code)).toEqual(['CSP_BLOCKS_FLOWXO_SCRIPT']);
    expect(current(profile.id).sitePolicy!.findings[0]!.fix).toContain("'nonce-shop'");
  });
});

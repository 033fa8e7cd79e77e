import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { BUILTIN_SCENARIOS } from '../../main/scenarios/builtin.ts';
import { localPlatform } from '../../main/scenarios/platform.ts';
import { createScenarioProfiles } from '../../main/scenarios/profiles.ts';
import { renderHtml } from '../../main/scenarios/reporters/html.ts';
import { renderJunit } from '../../main/scenarios/reporters/junit.ts';
import { runScenario, runScenarios, type RunSummary } from '../../main/scenarios/runner.ts';
import { parseScenario } from '../../main/scenarios/schema.ts';
import { launchBrowser } from '../mocks/chromium.ts';
import { startPlatform } from '../mocks/platform.ts';

describe('identity scenarios in real Chromium', () => {
  let server: PlatformServer;
  let dir: string;
  let host: ChromiumProfileHost;
  let profiles: ReturnType<typeof createScenarioProfiles>;
  let summary: RunSummary;

  beforeAll(async () => {
    server = await startPlatform({ dataDir: (dir = mkdtempSync(join(tmpdir(), 'botbench-scenarios-'))) });
    host = new ChromiumProfileHost({ profilesDir: join(dir, 'profiles'), screencast: false });
    profiles = createScenarioProfiles({ host, platformUrl: () => server.url, profilesDir: join(dir, 'profiles'), sign: localPlatform(server).sign });
  });
  afterAll(async () => {
    await profiles.dispose();
    await host.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the built-in set: the seed’s whole story', async () => {
    summary = await runScenarios(BUILTIN_SCENARIOS, { profiles, platform: localPlatform(server) });
    expect(summary.scenarios.flatMap((s) => s.failures)).toEqual([]);
    expect(summary.scenarios.map((s) => s.status)).toEqual(BUILTIN_SCENARIOS.map(() => 'passed'));
    // Every profile was closed, and each persistent profile's storage went with it.
    expect(profiles.list()).toEqual([]);
  }, 90_000);

  it('fails "incognito keeps the ID" with a message naming the step, the expected and the observed Channel IDs', async () => {
    const wrong = parseScenario(
      {
        name: 'Incognito keeps the ID (deliberately wrong)',
        steps: [
          { do: 'open', profile: 'Incognito', kind: 'incognito' },
          { do: 'restart', profile: 'Incognito', expect: { channelId: 'same' } },
        ],
      },
      'wrong.json',
    );
    const result = await runScenario(wrong, { profiles, platform: localPlatform(server), source: 'wrong.json' });
    const before = result.steps[0]!.observed!.channelId!;
    const after = result.steps[1]!.observed!.channelId!;
    expect(before).toMatch(/^n_/);
    expect(after).toMatch(/^n_/);
    expect(after).not.toBe(before);
    expect(result.status).toBe('failed');
    expect(result.failures).toEqual([
      `steps[1] "restart Incognito": expected Channel ID ${before} (the same as before this step), observed Channel ID ${after}`,
    ]);
    expect(result.profiles[0]!.timeline.map((r) => [r.step, r.action, r.changed])).toEqual([
      [0, 'opened', false],
      [1, 'restarted', true],
    ]);
  });

  it('with identity verification on, lets the signed site in and refuses an impersonator and an unsigned login', async () => {
    const signed = parseScenario(
      {
        name: 'Signed identity',
        bot: { verifyIdentity: true },
        steps: [
          // The demo site signs externalUserId with the bot's secret, as a real site's server would.
          {
            do: 'open',
            profile: 'Site',
            kind: 'incognito',
            externalUserId: 'User123',
            expect: { refused: false, responsePath: '{botId}/c/User123' },
          },
          { do: 'open', profile: 'Impostor', kind: 'impersonator', expect: { refused: true } },
          { do: 'open', profile: 'Visitor', kind: 'incognito' },
          { do: 'login', profile: 'Visitor', externalUserId: 'Jane', expect: { channelId: { equals: 'Jane' } } },
          { do: 'login', profile: 'Visitor', externalUserId: 'Mallory', signed: false, expect: { refused: true } },
        ],
      },
      'signed.json',
    );
    const result = await runScenario(signed, { profiles, platform: localPlatform(server) });
    expect(result.failures).toEqual([]);
    expect(result.steps[1]!.expectations[0]!.observed).toContain('This bot verifies identities');
  });

  it('writes a JUnit report a strict XML parser reads, a testcase per step', () => {
    const xml = new new JSDOM('').window.DOMParser().parseFromString(renderJunit(summary), 'application/xml');
    expect(xml.querySelector('parsererror')).toBeNull();
    const steps = BUILTIN_SCENARIOS.reduce((n, s) => n + s.scenario.steps.length, 0);
    expect([xml.documentElement.getAttribute('tests'), xml.documentElement.getAttribute('failures')]).toEqual([String(steps), '0']);
    expect(xml.querySelectorAll('testsuite')).toHaveLength(BUILTIN_SCENARIOS.length);
  });

  it('writes an HTML report whose timelines show, in Chromium, a break where each ID changed', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.setContent(renderHtml(summary));
      expect(await page.locator('section.scenario.passed').count()).toBe(BUILTIN_SCENARIOS.length);
      // The anonymous visitor's matrix: the same browser breaks once (cleared cache), the incognito window once (its next window).
      const anonymous = page.locator('section.scenario', { hasText: 'An anonymous visitor keeps its Channel ID only in the same browser' });
      const breaks = anonymous.locator('[data-testid="break"]');
      expect(await breaks.count()).toBe(2);
      for (const mark of await breaks.all()) expect(await mark.isVisible()).toBe(true);
      expect(await anonymous.locator('figure', { hasText: 'Other device' }).locator('[data-testid="break"]').count()).toBe(0);
      // An external user ID never changes: no break anywhere in its timelines.
      expect(
        await page
          .locator('section.scenario', { hasText: 'An external user ID is the same visitor everywhere' })
          .locator('[data-testid="break"]')
          .count(),
      ).toBe(0);
      const changes = summary.scenarios.flatMap((s) => s.profiles.flatMap((p) => p.timeline.filter((r) => r.changed)));
      expect(await page.locator('[data-testid="break"]').count()).toBe(changes.length);
    } finally {
      await browser.close();
    }
  });
});

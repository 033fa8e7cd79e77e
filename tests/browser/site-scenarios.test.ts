import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { localPlatform } from '../../main/scenarios/platform.ts';
import { createScenarioProfiles } from '../../main/scenarios/profiles.ts';
import { renderMarkdown } from '../../main/scenarios/reporters/markdown.ts';
import { runScenario } from '../../main/scenarios/runner.ts';
import { parseScenario } from '../../main/scenarios/schema.ts';
import { SHOP_BOT_ID, startOwnSite, type OwnSite } from '../fixtures/own-site/own-site.ts';
import { shopScenario } from '../fixtures/own-site/site-scenario.ts';
import { startPlatform } from '../mocks/platform.ts';

/** `npm run scenarios` without its build step (the tests build once): the CLI itself, as CI runs it. */
function scenariosCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['main/cli/scenarios.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Scenarios on a real site (issue #15): page steps drive the shop's own login form in real Chromium. */
describe('scenarios on a site of one’s own, in real Chromium', () => {
  let server: PlatformServer;
  let dir: string;
  let host: ChromiumProfileHost;
  let profiles: ReturnType<typeof createScenarioProfiles>;
  let site: OwnSite;

  beforeAll(async () => {
    server = await startPlatform({ dataDir: (dir = mkdtempSync(join(tmpdir(), 'botbench-site-scenarios-'))) });
    // The shop as its customers get it: Flow XO's published snippet, a Bot ID the platform has never seen.
    site = await startOwnSite();
    host = new ChromiumProfileHost({ profilesDir: join(dir, 'profiles'), screencast: false });
    const platform = localPlatform(server);
    profiles = createScenarioProfiles({
      host,
      platformUrl: () => server.url,
      profilesDir: join(dir, 'profiles'),
      sign: platform.sign,
      importer: platform.importer,
    });
  });
  afterAll(async () => {
    await profiles?.dispose();
    await host?.dispose();
    await site?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs a customer in on the site in two browsers (same response path, a webhook reaches both); incognito stays anonymous', async () => {
    const result = await runScenario(parseScenario(shopScenario(site.url), 'shop.json'), {
      profiles,
      platform: localPlatform(server),
      source: 'shop.json',
    });
    expect(result.failures).toEqual([]);
    expect(result.status).toBe('passed');
    // Imported on first sight, keeping the shop's production Bot ID; not the scenario's own bot.
    expect(server.platform.bots.get(SHOP_BOT_ID)).toBeDefined();
    expect(result.botId).not.toBe(SHOP_BOT_ID);
    const byId = new Map(result.steps.map((s) => [s.id, s]));
    expect(byId.get('laptop-login')!.observed).toEqual({ channelId: 'cust_1001', responsePath: `${SHOP_BOT_ID}/c/cust_1001` });
    expect(byId.get('laptop-login')!.url).toBe(site.url);
    expect(byId.get('laptop')!.observed!.channelId).toMatch(/^n_/);
    // The site's own pages were asked for: its login form was really submitted (once with the wrong password).
    expect(site.requests.filter((r) => r === 'POST /login')).toHaveLength(3);
    expect(site.requests).toContain('POST /logout');
    // The report shows the page steps with the page they left.
    const report = renderMarkdown({ status: 'passed', startedAt: 0, durationMs: 0, concurrency: 1, scenarios: [result] });
    expect(report).toContain('fill #password with •••••• in Laptop');
    expect(report).not.toContain('lovelace');
    expect(profiles.list()).toEqual([]);
  }, 120_000);

  it('fails, without a crash, at a selector that matches nothing and at a page that cannot be loaded, naming the step', async () => {
    const result = await runScenario(
      parseScenario(
        {
          name: 'Broken steps',
          steps: [
            { do: 'open', profile: 'A', kind: 'incognito', url: site.url },
            { do: 'click', profile: 'A', selector: '#checkout', timeoutMs: 500 },
          ],
        },
        'broken.json',
      ),
      { profiles, platform: localPlatform(server) },
    );
    expect(result.failures).toEqual([
      `steps[1] "click #checkout in A": BOTBENCH_ERR_PAGE_STEP: No element matches "#checkout" within 500 ms (the page is ${site.url}).`,
    ]);
    // A port nothing listens on any more: connection refused.
    const closed = await freePort();
    const unreachable = await runScenario(
      parseScenario(
        {
          name: 'Unreachable',
          steps: [
            { do: 'open', profile: 'A', kind: 'incognito', url: site.url },
            { do: 'goto', profile: 'A', url: `http://127.0.0.1:${closed}/` },
            { do: 'waitFor', profile: 'A', text: 'Never' },
          ],
        },
        'unreachable.json',
      ),
      { profiles, platform: localPlatform(server) },
    );
    expect(unreachable.steps.map((s) => s.status)).toEqual(['passed', 'error', 'skipped']);
    expect(unreachable.failures[0]).toBe(
      `steps[1] "go to http://127.0.0.1:${closed}/ in A": BOTBENCH_ERR_PAGE_STEP: The page http://127.0.0.1:${closed}/ could not be loaded: net::ERR_CONNECTION_REFUSED.`,
    );
    expect(profiles.list()).toEqual([]);
  }, 60_000);

  it('runs the shop scenario as a YAML file with npm run scenarios, headless, with its reports', async () => {
    const cases = join(dir, 'cases');
    const out = join(dir, 'reports');
    mkdirSync(cases);
    const file = join(cases, 'shop.yaml');
    writeFileSync(file, stringify(shopScenario(site.url)));
    const run = await scenariosCli([file, '-r', 'list,junit,markdown', '--out', out]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toMatch(/\[1\/1\] {3}✓ steps\[9\] click text=Log in in Laptop → cust_1001 on http:\/\/127\.0\.0\.1:\d+\/ \(/);
    expect(output).toContain('finding: LOGIN_CONVERSATION_LOST');
    const markdown = readFileSync(join(out, 'scenarios.md'), 'utf8');
    expect(markdown).toContain('| | Step | Page after | Channel ID after | Time | Result |');
    expect(markdown).toContain('### Site integration findings');
    expect(readFileSync(join(out, 'scenarios.junit.xml'), 'utf8')).toContain('failures="0" errors="0"');
  }, 120_000);
});

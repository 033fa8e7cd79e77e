import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../main/findings/types.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { localPlatform, type ScenarioPlatform } from '../../../main/scenarios/platform.ts';
import { createScenarioProfiles } from '../../../main/scenarios/profiles.ts';
import { runScenario } from '../../../main/scenarios/runner.ts';
import { parseScenario } from '../../../main/scenarios/schema.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';
import { startPlatform } from '../../mocks/platform.ts';

const scenario = (value: Record<string, unknown>) => parseScenario({ name: 'site', ...value }, 'site.json');

/**
 * The page steps and `open` with `url` through the runner (main/scenarios/steps.ts), over the
 * browserless fake host: its pages' "DOM" is FakeProfileHost.elements, and a click that navigates
 * loads the demo page with the query a login form's redirect would add. Real Chromium runs the
 * same steps on a real site in tests/browser/site-scenarios.test.ts.
 */
describe('page steps (runScenario)', () => {
  let server: PlatformServer;
  let host: FakeProfileHost;
  let profiles: ReturnType<typeof createScenarioProfiles>;
  let platform: ScenarioPlatform;

  beforeEach(async () => {
    server = await startPlatform();
    host = new FakeProfileHost();
    platform = localPlatform(server);
    profiles = createScenarioProfiles({ host, platformUrl: () => server.url, connectTimeoutMs: 3000, sign: platform.sign });
    // A login form: typing a name, then "Log in" reloads the page as that user.
    host.elements.set('#user', null);
    host.elements.set('text=Log in', '?externalUserId=ada');
    host.elements.set('text=Welcome', null);
  });
  afterEach(async () => {
    await profiles.dispose();
    await host.dispose();
    await server.close();
  });

  it('drives the page as a user would and reads the identity its widget settled on after each step', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { id: 'a', do: 'open', profile: 'A', kind: 'persistent', url: '{platformUrl}/site/{botId}', expect: { channelId: 'new' } },
          { do: 'open', profile: 'B', kind: 'incognito', url: '{platformUrl}/site/{botId}', expect: { channelId: { differentFrom: 'a' } } },
          { do: 'fill', profile: 'A', selector: '#user', value: 'ada' },
          { do: 'press', profile: 'A', key: 'Tab' },
          { id: 'in', do: 'click', profile: 'A', selector: 'text=Log in', expect: { channelId: 'changed', responsePath: '{botId}/c/ada' } },
          { do: 'click', profile: 'B', selector: 'text=Log in', expect: { responsePath: { sameAs: 'in' } } },
          { do: 'waitFor', profile: 'B', text: 'Welcome', expect: { channelId: 'same' } },
          { do: 'goto', profile: 'B', url: '/site/{botId}', expect: { channelId: 'changed' } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.failures).toEqual([]);
    expect(result.steps.map((s) => s.label)).toEqual([
      'open A (persistent, {platformUrl}/site/{botId})',
      'open B (incognito, {platformUrl}/site/{botId})',
      'fill #user with "ada" in A',
      'press Tab in A',
      'click text=Log in in A',
      'click text=Log in in B',
      'wait for text "Welcome" in B',
      'go to /site/{botId} in B',
    ]);
    const botId = result.botId!;
    expect(result.steps[4]!.observed).toEqual({ channelId: 'ada', responsePath: `${botId}/c/ada` });
    expect(result.steps[4]!.url).toBe(`${server.url}/site/${botId}?externalUserId=ada`);
    expect(result.steps[7]!.url).toBe(`${server.url}/site/${botId}`);
    // The placeholders were filled in before the page was asked for.
    expect(host.commands.map(({ command }) => command)).toEqual([
      { type: 'fill', selector: '#user', value: 'ada' },
      { type: 'press', key: 'Tab' },
      { type: 'click', selector: 'text=Log in' },
      { type: 'click', selector: 'text=Log in' },
      { type: 'waitFor', text: 'Welcome' },
      { type: 'goto', url: `/site/${botId}` },
    ]);
    // The page's own login is on A's timeline, made by the click step.
    expect(result.profiles[0]!.timeline.map((row) => [row.step, row.action, row.note])).toEqual([
      [0, 'opened', null],
      [4, 'logged-in', 'from the page'],
    ]);
    expect(result.profiles[0]!.url).toBe(`${server.url}/site/${botId}`);
  });

  it('means by {botId} the bot the page’s widget connected to, and fires a webhook at a site’s visitor through that bot', async () => {
    const shop = server.platform.createBot({ name: 'The shop’s bot' });
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito', url: `{platformUrl}/site/${shop.botId}`, expect: { responsePath: '{botId}/c/{channelId}' } },
          { do: 'webhook', profile: 'A', text: 'to the shop’s visitor', expect: { webhook: 'delivered', arrivesIn: ['A'] } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.failures).toEqual([]);
    expect(result.botId).not.toBe(shop.botId);
    expect(result.steps[0]!.observed!.responsePath!.startsWith(`${shop.botId}/c/`)).toBe(true);
  });

  it('stops at a selector that matches nothing, naming the step, what it waited for and the page', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito' },
          { do: 'click', profile: 'A', selector: '#checkout', timeoutMs: 200 },
          { do: 'reload', profile: 'A' },
        ],
      }),
      { profiles, platform },
    );
    expect(result.status).toBe('failed');
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'error', 'skipped']);
    expect(result.failures).toEqual([
      `steps[1] "click #checkout in A": BOTBENCH_ERR_PAGE_STEP: No element matches "#checkout" within 200 ms (the page is ${server.url}/site/${result.botId}).`,
    ]);
    expect(profiles.list()).toEqual([]);
  });

  it('stops at a page that cannot be loaded, saying which and why', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito' },
          { do: 'goto', profile: 'A', url: 'http://127.0.0.1:1/shop' },
        ],
      }),
      { profiles, platform },
    );
    expect(result.steps[1]!.status).toBe('error');
    expect(result.steps[1]!.message).toBe(
      'BOTBENCH_ERR_PAGE_STEP: The page http://127.0.0.1:1/shop could not be loaded: net::ERR_CONNECTION_REFUSED.',
    );
  });

  it('checks a findings expectation against the profile’s findings and reports them with the step', async () => {
    const guessable: Finding = {
      code: 'EXTERNAL_ID_GUESSABLE',
      severity: 'warning',
      title: 'externalUserId "1" looks guessable',
      evidence: ['setConfig({"externalUserId":"1"})'],
      fix: 'Use an unguessable ID.',
      url: 'http://shop.test/',
      profileId: null,
    };
    const asked: string[] = [];
    const withFindings = {
      ...profiles,
      findings: (id: string) => {
        asked.push(id);
        return [guessable, { ...guessable }];
      },
    };
    const result = await runScenario(
      scenario({
        steps: [
          {
            do: 'open',
            profile: 'A',
            kind: 'incognito',
            expect: { findings: { present: ['EXTERNAL_ID_GUESSABLE'], absent: ['READY_CALLBACK_MISSING'] } },
          },
          { do: 'reload', profile: 'A', expect: { findings: { none: true } } },
          { do: 'reload', profile: 'A', expect: { findings: { present: ['READY_CALLBACK_THREW'], absent: ['EXTERNAL_ID_GUESSABLE'] } } },
        ],
      }),
      { profiles: withFindings, platform },
    );
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'failed']);
    expect(result.steps[0]!.findings).toEqual([guessable, guessable]);
    expect(result.steps[1]!.message).toBe('expected no site integration findings in A, observed findings EXTERNAL_ID_GUESSABLE in A');
    expect(result.steps[2]!.message).toBe(
      'expected findings READY_CALLBACK_THREW and no EXTERNAL_ID_GUESSABLE in A, observed findings EXTERNAL_ID_GUESSABLE in A',
    );
    expect(new Set(asked).size).toBe(1);
    expect(result.profiles[0]!.findings).toEqual([guessable, guessable]);
  });
});

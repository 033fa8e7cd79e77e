import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotbenchError } from '../../../main/platform/errors.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { BUILTIN_SCENARIOS } from '../../../main/scenarios/builtin.ts';
import { localPlatform, remotePlatform, type ScenarioPlatform } from '../../../main/scenarios/platform.ts';
import { createScenarioProfiles } from '../../../main/scenarios/profiles.ts';
import { runScenario, runScenarios, type ScenarioProgress } from '../../../main/scenarios/runner.ts';
import { parseScenario, type LoadedScenario } from '../../../main/scenarios/schema.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';
import { startPlatform, TOKEN } from '../../mocks/platform.ts';

const scenario = (value: Record<string, unknown>) => parseScenario({ name: 'test', ...value }, 'test.json');

describe('runScenario()', () => {
  let server: PlatformServer;
  let host: FakeProfileHost;
  let profiles: ReturnType<typeof createScenarioProfiles>;
  let platform: ScenarioPlatform;

  beforeEach(async () => {
    server = await startPlatform();
    host = new FakeProfileHost();
    platform = localPlatform(server);
    profiles = createScenarioProfiles({ host, platformUrl: () => server.url, connectTimeoutMs: 3000, sign: platform.sign });
  });
  afterEach(async () => {
    await profiles.dispose();
    await host.dispose();
    await server.close();
  });

  it('passes the built-in set, each scenario on its own bot', async () => {
    const summary = await runScenarios(BUILTIN_SCENARIOS, { profiles, platform });
    expect(summary.scenarios.flatMap((s) => s.failures)).toEqual([]);
    expect(summary.status).toBe('passed');
    expect(new Set(summary.scenarios.map((s) => s.botId)).size).toBe(BUILTIN_SCENARIOS.length);
    expect(summary.scenarios.flatMap((s) => s.steps).every((s) => s.status === 'passed')).toBe(true);
  });

  it('fails a wrong expectation with a message naming the step, the expected and the observed Channel IDs, and runs on', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'Incognito', kind: 'incognito' },
          { do: 'restart', profile: 'Incognito', expect: { channelId: 'same' } },
          { do: 'reload', profile: 'Incognito', expect: { channelId: 'same' } },
        ],
      }),
      { profiles, platform },
    );
    const [opened, restarted, reloaded] = result.steps;
    expect(result.status).toBe('failed');
    expect(restarted!.status).toBe('failed');
    expect(opened!.observed!.channelId).not.toBe(restarted!.observed!.channelId);
    expect(result.failures).toEqual([
      `steps[1] "restart Incognito": expected Channel ID ${opened!.observed!.channelId} (the same as before this step), observed Channel ID ${restarted!.observed!.channelId}`,
    ]);
    expect(reloaded!.status).toBe('passed');
  });

  it('compares with earlier steps by index, id or profile, and finds a reused ID "new" or not', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { id: 'a', do: 'open', profile: 'A', kind: 'persistent', expect: { channelId: 'new' } },
          { do: 'open', profile: 'B', kind: 'incognito', externalUserId: 'User123', expect: { channelId: { differentFrom: 'a' } } },
          { do: 'open', profile: 'C', kind: 'other-device', externalUserId: 'User123', expect: { channelId: 'new' } },
          { do: 'reload', profile: 'A', expect: { channelId: { sameAs: 0 }, responsePath: { differentFrom: { profile: 'B' } } } },
          { do: 'reload', profile: 'C', expect: { channelId: { sameAs: 'a' } } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'failed', 'passed', 'failed']);
    expect(result.steps[2]!.message).toBe(
      'expected a new Channel ID, not seen earlier in the scenario, observed Channel ID User123, already seen at steps[1] (B)',
    );
    expect(result.steps[4]!.message).toBe(
      `expected Channel ID ${result.steps[0]!.observed!.channelId} (the same as at steps[0] (A)), observed Channel ID User123`,
    );
  });

  it('emits progress for every step, in order, with its result', async () => {
    const events: ScenarioProgress[] = [];
    await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito' },
          { do: 'reload', profile: 'A' },
        ],
      }),
      {
        profiles,
        platform,
        key: 'k',
        onProgress: (event) => events.push(event),
      },
    );
    expect(events.map((e) => `${e.type}${'index' in e ? ` ${e.index}` : 'step' in e ? ` ${e.step.index} ${e.step.status}` : ''}`)).toEqual([
      'scenario-started',
      'step-started 0',
      'step-finished 0 passed',
      'step-started 1',
      'step-finished 1 passed',
      'scenario-finished',
    ]);
    expect(events.every((e) => e.key === 'k')).toBe(true);
    expect(events[0]).toMatchObject({
      steps: [
        { index: 0, label: 'open A (incognito)' },
        { index: 1, label: 'reload A' },
      ],
    });
  });

  it('records the step behind each timeline row and closes its profiles at the end', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'A', kind: 'persistent' },
          { do: 'send', profile: 'A', text: 'hello' },
          { do: 'clearSiteData', profile: 'A', expect: { channelId: 'changed' } },
          { do: 'reset', profile: 'A', expect: { reset: 'allowed', channelId: 'changed' } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.status).toBe('passed');
    expect(result.profiles[0]!.timeline.map((r) => [r.step, r.action, r.changed])).toEqual([
      [0, 'opened', false],
      [2, 'cleared', true],
      [3, 'reset', true],
    ]);
    expect(profiles.list()).toEqual([]);
    expect(host.pages.size).toBe(0);
  });

  it('says when a reset it expected to be allowed was refused', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'E', kind: 'external-id' },
          { do: 'reset', profile: 'E', expect: { reset: 'allowed' } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.steps[1]!.message).toBe(
      'expected the reset to be allowed, observed it was refused: Reset is unavailable when the site sets an external user ID.',
    );
  });

  it('checks what a webhook answered and which profiles show it', async () => {
    const result = await runScenario(
      scenario({
        timeoutMs: 300,
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito' },
          { do: 'open', profile: 'B', kind: 'incognito' },
          { do: 'webhook', profile: 'A', text: 'for A', expect: { webhook: 'delivered', arrivesIn: ['A'], notIn: ['B'] } },
          { do: 'webhook', profile: 'A', text: 'for A again', expect: { webhook: 'queued', arrivesIn: ['B'], notIn: ['A'] } },
          { do: 'webhook', responsePath: '{botId}/c/nobody', text: 'lost', expect: { webhook: 'refused' } },
          { do: 'webhook', responsePath: '{botId}/c/nobody', text: 'lost', expect: { arrivesIn: ['A'] } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'failed', 'passed', 'failed']);
    const failed = result.steps[3]!.expectations.filter((e) => !e.passed).map((e) => `${e.name}: ${e.observed}`);
    expect(failed).toEqual([
      'webhook: it answered delivered to 1 widget(s)',
      'arrivesIn: it did not; the widget shows no messages',
      'notIn: it showed there',
    ]);
    expect(result.steps[5]!.message).toMatch(
      /observed the webhook was refused \(HTTP 404, BOTBENCH_ERR_USER_NOT_FOUND: .*\), so there is no message$/,
    );
  });

  it('signs webhooks with the bot’s secret, so a verifying bot takes them and refuses an unsigned one', async () => {
    const result = await runScenario(
      scenario({
        bot: { verifyWebhooks: true },
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito' },
          { do: 'webhook', profile: 'A', text: 'signed', expect: { webhook: 'delivered', arrivesIn: ['A'] } },
          { do: 'webhook', profile: 'A', text: 'forged', signed: false, expect: { webhook: 'refused', notIn: ['A'] } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.failures).toEqual([]);
    expect(result.steps[2]!.label).toBe('webhook → A (unsigned)');
    expect(result.steps[2]!.expectations[0]!.observed).toMatch(/^it answered refused \(HTTP 401, BOTBENCH_ERR_WEBHOOK_SIGNATURE: /);
  });

  it('queues a webhook for a closed profile’s external ID and shows it when the visitor comes back', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'A', kind: 'external-id' },
          { do: 'close', profile: 'A' },
          { do: 'webhook', responsePath: '{botId}/c/User123', text: 'while away', expect: { webhook: 'queued' } },
          { do: 'open', profile: 'B', kind: 'incognito', externalUserId: 'User123' },
          { do: 'waitForMessage', profile: 'B', text: 'while away', source: 'webhook' },
          { do: 'waitForMessage', profile: 'B', text: 'never sent', timeoutMs: 100 },
        ],
      }),
      { profiles, platform },
    );
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed', 'failed']);
    expect(result.steps[5]!.message).toBe('expected "never sent" in B within 100 ms, observed the widget shows 1 message(s): "while away" (webhook)');
  });

  it('checks the metadata a flow got and the reply the visitor sees', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'M', kind: 'metadata', metadata: { myUserId: '123' } },
          { do: 'send', profile: 'M', text: 'who am I', expect: { triggerMetadata: { myUserId: '123' }, reply: { contains: '"myUserId":"123"' } } },
          { do: 'send', profile: 'M', text: 'and now', expect: { triggerMetadata: { myUserId: '456' } } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'failed']);
    expect(result.steps[2]!.message).toBe(
      'expected the flow triggered by this message to get metadata {"myUserId":"456"}, observed metadata {"myUserId":"123"}',
    );
  });

  it('logs a visitor in and out mid-session, and restarts a browser with a new or a typed ID', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { id: 'anonymous', do: 'open', profile: 'Page', kind: 'login', externalUserId: 'Jane' },
          { do: 'login', profile: 'Page', externalUserId: 'Jane', expect: { channelId: { equals: 'Jane' }, responsePath: '{botId}/c/Jane' } },
          { do: 'logout', profile: 'Page', expect: { channelId: { sameAs: 'anonymous' } } },
          { do: 'restart', profile: 'Page', identity: { typed: 'n_typed07' }, expect: { responsePath: '{botId}/c/n_typed07' } },
          { do: 'restart', profile: 'Page', identity: 'new', expect: { channelId: 'new' } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.failures).toEqual([]);
    expect(result.steps.map((s) => s.label)).toEqual([
      'open Page (login, externalUserId Jane)',
      'log Page in as Jane',
      'log Page out',
      'restart Page with ID n_typed07',
      'restart Page with a new ID',
    ]);
    expect(result.profiles[0]!.timeline.map((r) => [r.step, r.action])).toEqual([
      [0, 'opened'],
      [1, 'logged-in'],
      [2, 'logged-out'],
      [3, 'restarted'],
      [4, 'restarted'],
    ]);
  });

  it('on a bot that verifies identities, refuses an impersonator and an unsigned login, and lets a signed login in', async () => {
    const result = await runScenario(
      scenario({
        bot: { verifyIdentity: true },
        steps: [
          { do: 'open', profile: 'Impostor', kind: 'impersonator', expect: { refused: true } },
          { do: 'open', profile: 'Site', kind: 'incognito' },
          { do: 'login', profile: 'Site', externalUserId: 'User123', expect: { refused: false, channelId: { equals: 'User123' } } },
          { do: 'open', profile: 'Attacker', kind: 'incognito' },
          { do: 'login', profile: 'Attacker', externalUserId: 'User123', signed: false, expect: { refused: true } },
        ],
      }),
      { profiles, platform },
    );
    expect(result.failures).toEqual([]);
    expect(result.steps[4]!.label).toBe('log Attacker in as User123 (unsigned)');
    expect(result.steps[0]!.expectations[0]!.observed).toMatch(
      /^The platform refused the widget in "Impostor": This bot verifies identities, and the userHash for "User123" is missing/,
    );
    expect(profiles.list()).toEqual([]);
  });

  it('fails a step that expected a refusal the platform did not make, and errors on one it did not expect', async () => {
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'Impostor', kind: 'impersonator', expect: { refused: true } },
          { do: 'reload', profile: 'Impostor' },
        ],
      }),
      { profiles, platform },
    );
    expect(result.steps[0]!.message).toBe('expected the platform to refuse the widget, observed it connected as User123');
    const strict = await runScenario(
      scenario({ bot: { verifyIdentity: true }, steps: [{ do: 'open', profile: 'Impostor', kind: 'impersonator' }] }),
      {
        profiles,
        platform,
      },
    );
    expect(strict.steps[0]!.status).toBe('error');
    expect(strict.failures[0]).toMatch(
      /^steps\[0\] "open Impostor \(impersonator\)": BOTBENCH_ERR_WIDGET_REFUSED: The platform refused the widget in "Impostor": /,
    );
    expect(profiles.list()).toEqual([]);
  });

  it('stops at an error: later steps are skipped and the profiles closed', async () => {
    const failing = {
      ...profiles,
      restart: () => Promise.reject(new BotbenchError('BOTBENCH_ERR_PROFILE_TIMEOUT', 'The widget in "A" did not connect within 15000 ms.')),
    };
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'A', kind: 'persistent' },
          { do: 'restart', profile: 'A' },
          { do: 'reload', profile: 'A' },
        ],
      }),
      { profiles: failing, platform },
    );
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'error', 'skipped']);
    expect(result.failures).toEqual(['steps[1] "restart A": BOTBENCH_ERR_PROFILE_TIMEOUT: The widget in "A" did not connect within 15000 ms.']);
    expect(profiles.list()).toEqual([]);
  });

  it('stops after the current step when aborted, and does not count as passed', async () => {
    const controller = new AbortController();
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito' },
          { do: 'reload', profile: 'A' },
        ],
      }),
      {
        profiles,
        platform,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.type === 'step-finished') controller.abort();
        },
      },
    );
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'skipped']);
    expect(result).toMatchObject({ status: 'failed', failures: ['The run was stopped before steps[1].'] });
    expect(profiles.list()).toEqual([]);
  });

  it('runs against a remote platform through its admin API and the webhook URL', async () => {
    const remote = remotePlatform(`${server.url}/`, TOKEN);
    const result = await runScenario(
      scenario({
        steps: [
          { do: 'open', profile: 'M', kind: 'metadata' },
          { do: 'send', profile: 'M', text: 'hi', expect: { triggerMetadata: { myUserId: '123' } } },
          { do: 'webhook', profile: 'M', text: 'from the back end', expect: { webhook: 'delivered', arrivesIn: ['M'] } },
          { do: 'open', profile: 'E', kind: 'external-id' },
          { do: 'close', profile: 'E' },
          { do: 'webhook', responsePath: '{botId}/c/User123', text: 'while away', expect: { webhook: 'queued' } },
        ],
      }),
      { profiles, platform: remote, keepBots: true },
    );
    expect(result.failures).toEqual([]);
    // Kept when asked: its bot is still on the remote platform.
    expect(server.platform.bots.list().map((b) => b.botId)).toContain(result.botId);
  });

  it('deletes the scenario’s bot once the run is over, unless keepBots', async () => {
    const steps = [{ do: 'webhook', responsePath: '{botId}/c/Nobody', text: 'hi', expect: { webhook: 'refused' } }];
    const gone = await runScenario(scenario({ steps }), { profiles, platform: remotePlatform(server.url, TOKEN) });
    expect(gone.failures).toEqual([]);
    expect(gone.botId).toMatch(/^[0-9a-f]{24}$/);
    expect(server.platform.bots.get(gone.botId!)).toBeUndefined();
    const kept = await runScenario(scenario({ steps }), { profiles, platform: localPlatform(server), keepBots: true });
    expect(server.platform.bots.get(kept.botId!)).toBeDefined();
  });

  it('fails the scenario, without running steps, when its bot cannot be created', async () => {
    const result = await runScenario(scenario({ steps: [{ do: 'open', profile: 'A', kind: 'persistent' }] }), {
      profiles,
      platform: remotePlatform(server.url, 'wrong-token-123'),
    });
    expect(result.status).toBe('failed');
    expect(result.steps[0]!.status).toBe('skipped');
    expect(result.failures[0]).toMatch(/^The scenario's bot could not be created: POST .*\/api\/bots was refused \(BOTBENCH_ERR_UNAUTHORIZED: /);
  });
});

describe('runScenarios()', () => {
  let server: PlatformServer;
  let host: FakeProfileHost;
  let profiles: ReturnType<typeof createScenarioProfiles>;

  beforeEach(async () => {
    server = await startPlatform();
    host = new FakeProfileHost();
    profiles = createScenarioProfiles({ host, platformUrl: () => server.url, sign: localPlatform(server).sign });
  });
  afterEach(async () => {
    await profiles.dispose();
    await server.close();
  });

  const many = (n: number, failAt = -1): LoadedScenario[] =>
    Array.from({ length: n }, (_, i) => ({
      source: `s${i}.json`,
      scenario: scenario({
        name: `scenario ${i}`,
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito' },
          { do: 'reload', profile: 'A', expect: { channelId: i === failAt ? 'changed' : 'same' } },
        ],
      }),
    }));

  /** The most scenarios running at the same moment, from the progress events. */
  const peak = (events: ScenarioProgress[]): number => {
    let running = 0;
    let most = 0;
    for (const event of events) {
      if (event.type === 'scenario-started') most = Math.max(most, ++running);
      if (event.type === 'scenario-finished') running--;
    }
    return most;
  };

  it('runs at most `concurrency` scenarios at once and keeps the given order in the results', async () => {
    for (const concurrency of [1, 2, 3]) {
      const events: ScenarioProgress[] = [];
      const summary = await runScenarios(many(5), { profiles, platform: localPlatform(server), concurrency, onProgress: (e) => events.push(e) });
      expect(peak(events)).toBe(concurrency);
      expect(summary).toMatchObject({ status: 'passed', concurrency });
      expect(summary.scenarios.map((s) => s.name)).toEqual(['scenario 0', 'scenario 1', 'scenario 2', 'scenario 3', 'scenario 4']);
    }
  });

  it('with bail, starts no scenario after one failed and reports the rest as skipped', async () => {
    const summary = await runScenarios(many(4, 0), { profiles, platform: localPlatform(server), concurrency: 1, bail: true });
    expect(summary.status).toBe('failed');
    expect(summary.scenarios.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
  });

  it('tells runs of the same file apart by key', async () => {
    const [one] = many(1);
    const summary = await runScenarios([one!, one!], { profiles, platform: localPlatform(server) });
    expect(summary.scenarios.map((s) => s.key)).toEqual(['s0.json', 's0.json#2']);
  });

  it('refuses a concurrency below 1', async () => {
    await expect(runScenarios(many(1), { profiles, platform: localPlatform(server), concurrency: 0 })).rejects.toThrow(
      'concurrency must be a whole number of at least 1; got 0.',
    );
  });
});

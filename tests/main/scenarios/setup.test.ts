import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { loadScenarioFiles } from '../../../main/scenarios/load.ts';
import { localPlatform, remotePlatform } from '../../../main/scenarios/platform.ts';
import { createScenarioProfiles } from '../../../main/scenarios/profiles.ts';
import { runScenarios } from '../../../main/scenarios/runner.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';
import { startPlatform, TOKEN } from '../../mocks/platform.ts';

/** A suite that brings its own set-up: a bin standing in for the back end, and a flow that calls it. */
const SUITE = `
name: The bot asks the back end who the visitor is
bins:
  - name: backend
    status: 200
    body: '{"plan": "pro"}'
bot:
  greeting: Hello from the suite
  flows:
    - name: Ask the back end
      trigger: { type: message, match: { type: any } }
      actions:
        - type: http
          url: "{bin:backend}?user={{metadata.myUserId}}"
          saveAs: lookup
        - type: send
          text: "Your plan is {{steps.lookup.body.plan}}"
steps:
  - do: open
    profile: M
    kind: metadata
  - do: send
    profile: M
    text: hi
    expect: { reply: { contains: "Your plan is pro" } }
`;

describe('scenarios that bring their own set-up', () => {
  let server: PlatformServer;
  let dir: string;
  let host: FakeProfileHost;
  beforeEach(async () => {
    server = await startPlatform();
    dir = mkdtempSync(join(tmpdir(), 'botbench-scenario-setup-'));
    host = new FakeProfileHost();
  });
  afterEach(async () => {
    await host.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['an in-process platform', () => localPlatform(server)],
    ['a running platform through its admin API', () => remotePlatform(server.url, TOKEN)],
  ])('makes the bins and flows it declares on %s, runs against them, and removes them afterwards', async (_name, platform) => {
    writeFileSync(join(dir, 'suite.yaml'), SUITE);
    const scenarios = await loadScenarioFiles([join(dir, 'suite.yaml')]);
    const profiles = createScenarioProfiles({ host, platformUrl: () => server.url, profilesDir: null });
    const requests: string[] = [];
    const stop = server.platform.subscribe(
      (event) => event.type === 'binRequest' && requests.push(`${event.request.method} ${JSON.stringify(event.request.query)}`),
    );
    const summary = await runScenarios(scenarios, { profiles, platform: platform() });
    stop();
    await profiles.dispose();
    expect(summary.scenarios[0]!.failures).toEqual([]);
    // The flow called the scenario's own bin with the visitor's metadata.
    expect(requests).toEqual(['GET {"user":"123"}']);
    expect(server.platform.bots.list()).toEqual([]);
    expect(server.platform.bins.list()).toEqual([]);
  });

  it('takes its bot from a workspace file next to it, and says which bot is missing', async () => {
    const shop = server.platform.createBot({ name: 'Shop', settings: { greeting: 'Shop greeting' } });
    server.platform.replaceFlows(shop.botId, [
      { name: 'Canned', trigger: { type: 'message', match: { type: 'any' } }, actions: [{ type: 'send', text: 'From the workspace file' }] },
    ]);
    const { exportWorkspace } = await import('../../../main/api/workspace-transfer.ts');
    const { openWorkspace } = await import('../../../main/workspace/workspace-db.ts');
    const { PersonStore } = await import('../../../main/lab/person-store.ts');
    const { WebhookHistory } = await import('../../../main/workspace/webhook-history.ts');
    const db = openWorkspace(null);
    const file = exportWorkspace(
      { platform: server.platform, persons: new PersonStore(db), history: new WebhookHistory(db), workspace: db },
      { botIds: [shop.botId] },
    );
    writeFileSync(join(dir, 'team.json'), JSON.stringify(file));
    server.platform.deleteBot(shop.botId);
    writeFileSync(
      join(dir, 'uses-workspace.json'),
      JSON.stringify({
        name: 'Uses the team workspace',
        bot: { workspace: { file: 'team.json' } },
        steps: [
          { do: 'open', profile: 'A', kind: 'incognito' },
          { do: 'send', profile: 'A', text: 'hi', expect: { reply: { contains: 'From the workspace file' } } },
        ],
      }),
    );
    const [loaded] = await loadScenarioFiles([join(dir, 'uses-workspace.json')]);
    expect(loaded!.scenario.bot).toMatchObject({ greeting: 'Shop greeting', flows: [expect.objectContaining({ name: 'Canned' })] });
    const profiles = createScenarioProfiles({ host, platformUrl: () => server.url, profilesDir: null });
    const summary = await runScenarios([loaded!], { profiles, platform: localPlatform(server) });
    await profiles.dispose();
    expect(summary.scenarios[0]!.failures).toEqual([]);

    writeFileSync(
      join(dir, 'wrong-bot.json'),
      JSON.stringify({
        name: 'x',
        bot: { workspace: { file: 'team.json', botId: 'b'.repeat(24) } },
        steps: [{ do: 'open', profile: 'A', kind: 'incognito' }],
      }),
    );
    await expect(loadScenarioFiles([join(dir, 'wrong-bot.json')])).rejects.toThrow(`has no bot ${'b'.repeat(24)} (it has ${shop.botId})`);
  });

  it('fails the scenario, leaving nothing behind, when its flows name a bin it does not declare', async () => {
    writeFileSync(join(dir, 'bad.yaml'), SUITE.replace('{bin:backend}', '{bin:billing}'));
    const scenarios = await loadScenarioFiles([join(dir, 'bad.yaml')]);
    const profiles = createScenarioProfiles({ host, platformUrl: () => server.url, profilesDir: null });
    const summary = await runScenarios(scenarios, { profiles, platform: localPlatform(server) });
    await profiles.dispose();
    expect(summary.scenarios[0]!.failures[0]).toContain('The flows name {bin:billing}, but the scenario declares no bin "billing" (bins: backend).');
    expect(server.platform.bots.list()).toEqual([]);
    expect(server.platform.bins.list()).toEqual([]);
  });
});

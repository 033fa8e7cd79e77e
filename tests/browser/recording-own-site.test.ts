import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ProfileSnapshot, RecordedScenario, RunSummary } from '../../main/api/contract.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import type { PageHooks, PageSpec, ProfileHost, ProfilePage } from '../../main/profiles/profile-host.ts';
import { parseScenarioText } from '../../main/scenarios/load.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';
import { SHOP_USERS, startOwnSite, type OwnSite } from '../fixtures/own-site/own-site.ts';
import { eventually } from '../mocks/platform.ts';

/** Keeps each profile's page, so the test can find where an element is (as a tester's eyes would) before clicking it through the workbench. */
class Tap implements ProfileHost {
  readonly name = 'chromium' as const;
  readonly pages = new Map<string, ProfilePage>();
  readonly #inner: ProfileHost;

  constructor(inner: ProfileHost) {
    this.#inner = inner;
  }

  async open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage> {
    const page = await this.#inner.open(spec, hooks);
    this.pages.set(spec.id, page);
    return page;
  }

  dispose(): Promise<void> {
    return this.#inner.dispose();
  }
}

/**
 * Record a scenario on a site of one's own, in real Chromium through the workbench API: the
 * fixture shop (Flow XO's published snippet, a real login form and server-side sessions), Ada
 * logging in on two browsers by clicking and typing into the page, as the Profiles pane forwards
 * it. The recording's page steps carry the identity the login gave; the scenario validates and,
 * run again on new browsers, passes.
 */
describe('recording a login on an own site', () => {
  let dir: string;
  let tap: Tap;
  let workbench: Workbench;
  let site: OwnSite;
  const call = <T>(method: string, params?: unknown) => workbench.services.dispatch(method, params) as Promise<T>;
  const ada = SHOP_USERS.ada!;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'botbench-record-site-'));
    site = await startOwnSite();
    workbench = await startWorkbench({
      dataDir: dir,
      mode: 'browser',
      demoBot: false,
      createHost: (profilesDir) => (tap = new Tap(new ChromiumProfileHost({ profilesDir }))),
    });
  }, 60_000);

  afterAll(async () => {
    await workbench?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Clicks an element of the profile's page where it is drawn, through profiles.input (a pointer event, as the pane sends it). */
  async function click(profileId: string, selector: string): Promise<void> {
    const at = await tap.pages
      .get(profileId)!
      .evaluate<{ x: number; y: number }>(
        `(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
      );
    await call('profiles.input', { id: profileId, input: { type: 'click', ...at } });
  }
  const type = (profileId: string, text: string) => call('profiles.input', { id: profileId, input: { type: 'type', text } });
  const channelOf = (id: string) => workbench.profiles.list().find((p) => p.id === id)?.channelId;

  it('records opening the site, typing into its login form and the login that followed, in two browsers; the scenario passes when run', async () => {
    await call('recording.start');
    const laptop = await call<ProfileSnapshot>('profiles.open', { kind: 'persistent', siteUrl: site.url, label: 'Laptop' });
    await click(laptop.id, '#username');
    await type(laptop.id, 'ada');
    await click(laptop.id, '#password');
    await type(laptop.id, ada.password);
    await click(laptop.id, '#login');
    await eventually(() => channelOf(laptop.id) === ada.id, 15_000);

    const phone = await call<ProfileSnapshot>('profiles.open', { kind: 'other-device', siteUrl: site.url, label: 'Phone' });
    await click(phone.id, '#username');
    await type(phone.id, 'ada');
    await click(phone.id, '#password');
    await type(phone.id, ada.password);
    await call('profiles.input', { id: phone.id, input: { type: 'key', key: 'Enter' } });
    await eventually(() => channelOf(phone.id) === ada.id, 15_000);
    await call('profiles.reload', { id: phone.id });

    const recorded = await call<RecordedScenario>('recording.stop', { name: 'Ada on two devices' });
    expect(parse(recorded.text).steps).toEqual([
      { do: 'open', profile: 'Laptop', kind: 'persistent', url: site.url, expect: { channelId: 'new' } },
      { do: 'fill', profile: 'Laptop', selector: '#username', value: 'ada' },
      { do: 'fill', profile: 'Laptop', selector: '#password', value: ada.password },
      { id: 'laptop-click', do: 'click', profile: 'Laptop', selector: '#login', expect: { channelId: { equals: ada.id } } },
      { do: 'open', profile: 'Phone', kind: 'other-device', url: site.url, expect: { channelId: 'new' } },
      { do: 'fill', profile: 'Phone', selector: '#username', value: 'ada' },
      { do: 'fill', profile: 'Phone', selector: '#password', value: ada.password },
      { do: 'press', profile: 'Phone', key: 'Enter', selector: '#password', expect: { channelId: { sameAs: 'laptop-click' } } },
      { do: 'reload', profile: 'Phone', expect: { channelId: 'same' } },
    ]);
    expect(() => parseScenarioText(recorded.text, recorded.fileName)).not.toThrow();

    const { summary } = await call<{ summary: RunSummary }>('scenarios.run', { scenarios: [{ source: recorded.fileName, text: recorded.text }] });
    expect(summary.scenarios[0]?.failures).toEqual([]);
    expect(summary.status).toBe('passed');
  }, 180_000);
});

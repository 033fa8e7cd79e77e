import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import type { PageHooks, PageSpec, ProfileHost, ProfilePage, WidgetReport } from '../../main/profiles/profile-host.ts';
import { ProfileService } from '../../main/profiles/profile-service.ts';
import { createBot, startPlatform } from '../mocks/platform.ts';

/** Keeps each profile's page and every report the host delivered, so the test can act as the page and see what got through. */
class Tap implements ProfileHost {
  readonly name = 'chromium' as const;
  readonly pages = new Map<string, ProfilePage>();
  readonly reports: WidgetReport[] = [];
  readonly #inner: ProfileHost;

  constructor(inner: ProfileHost) {
    this.#inner = inner;
  }

  async open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage> {
    const page = await this.#inner.open(spec, {
      ...hooks,
      onWidget: (report) => {
        this.reports.push(report);
        hooks.onWidget(report);
      },
    });
    this.pages.set(spec.id, page);
    return page;
  }

  dispose(): Promise<void> {
    return this.#inner.dispose();
  }
}

/**
 * Finding 11 of issue #17 in real Chromium: a profile page cannot forge its widget's reports,
 * neither by calling the reporting channel (it cannot find it, and a call without the
 * per-page secret is dropped) nor, through the real observer, by faking its widget's state
 * (the platform has no socket for that identity).
 */
describe('the widget observer’s channel, against pages that forge reports', () => {
  let server: PlatformServer;
  let bot: Bot;
  let dir: string;
  let host: ChromiumProfileHost;
  let tap: Tap;
  let profiles: ProfileService;

  beforeAll(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    dir = mkdtempSync(join(tmpdir(), 'botbench-observer-'));
    host = new ChromiumProfileHost({ profilesDir: dir });
    tap = new Tap(host);
    profiles = new ProfileService({
      host: tap,
      platformUrl: () => server.url,
      profilesDir: dir,
      liveWidget: (responsePath) => server.platform.hub.count(responsePath) > 0,
    });
  });
  afterAll(async () => {
    await profiles.dispose();
    await host.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Makes the real widget's state change (its panel opens or closes), so the observer reports, and waits until the host has that report. */
  async function genuineReport(page: ProfilePage): Promise<void> {
    const before = tap.reports.length;
    await page.evaluate('(() => { const widget = window.FxoMessenger.botbench; widget.setOpen(!widget.getState().open); })()');
    await expect.poll(() => tap.reports.length).toBeGreaterThan(before);
  }

  it('gives the page no channel to call, and drops calls that lack the page’s secret', async () => {
    const opened = await profiles.open({ kind: 'incognito', botId: bot.botId });
    const page = tap.pages.get(opened.id)!;
    const forged = { loadId: 'forged', state: 'connected', channelId: 'n_forged', responsePath: `${bot.botId}/c/n_forged`, kind: 'external' };

    // The page's own globals: no binding, old or new.
    const visible = await page.evaluate<string[]>(`Object.getOwnPropertyNames(window).filter((k) => /^__/.test(k) || /botbench/i.test(k))`);
    expect(visible).toEqual([]);

    // A fresh about:blank iframe may show the binding before the observer takes it: call every odd function there, with a guessed secret.
    await page.evaluate(`(() => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const w = frame.contentWindow;
      const payload = JSON.stringify({ secret: 'x'.repeat(32), report: ${JSON.stringify({ ...forged, error: null, errorCode: null })} });
      for (const name of Object.getOwnPropertyNames(w)) {
        if (/^__/.test(name) && typeof w[name] === 'function') try { w[name](payload); } catch {}
      }
      try { window.__botbenchReport(${JSON.stringify(forged)}); } catch {}
      console.debug('__botbench_report__' + JSON.stringify(${JSON.stringify(forged)}));
      console.debug('__botbench_report__{');
    })()`);
    // Reports arrive in order on one channel: once this genuine one is in, any forged one would be too.
    await genuineReport(page);
    expect(tap.reports.map((report) => report.loadId)).not.toContain('forged');
    const now = profiles.list().find((profile) => profile.id === opened.id)!;
    expect(now.channelId).toBe(opened.channelId);
    expect(now.timeline.map((entry) => entry.action)).toEqual(['opened']);
  });

  it('does not put on the timeline an identity the platform holds no socket for, even from the real observer', async () => {
    const opened = await profiles.open({ kind: 'incognito', botId: bot.botId });
    const page = tap.pages.get(opened.id)!;
    const victim = { state: 'connected', channelId: 'victim-42', responsePath: `${bot.botId}/c/victim-42`, kind: 'external' };
    // The page fakes what its widget says, then makes the widget change state so the observer reads the fake.
    await page.evaluate(`(() => {
      const widget = window.FxoMessenger.botbench;
      const real = widget.getState.bind(widget);
      widget.getState = () => ({ ...real(), ...${JSON.stringify(victim)} });
    })()`);
    await genuineReport(page);
    // The host passed it on (it came through the genuine observer) …
    expect(tap.reports.at(-1)).toMatchObject(victim);
    // … and ProfileService did not believe it.
    const now = profiles.list().find((profile) => profile.id === opened.id)!;
    expect(now.channelId).toBe(opened.channelId);
    expect(now.channelKind).toBe('anonymous');
    expect(now.timeline.map((entry) => entry.action)).toEqual(['opened']);
  });
});

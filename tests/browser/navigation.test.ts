import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileSnapshot } from '../../main/api/contract.ts';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { ProfileService } from '../../main/profiles/profile-service.ts';
import { LOGIN_FIELD, startLoginSite } from '../mocks/login-site.ts';
import { createBot, startPlatform } from '../mocks/platform.ts';

/** The pane's address bar and typing into a site's own form, in real Chromium (main/profiles/chromium-host.ts). */
describe('ChromiumProfileHost navigation', () => {
  let server: PlatformServer;
  let bot: Bot;
  let dir: string;
  let host: ChromiumProfileHost;
  let profiles: ProfileService;
  let site: Awaited<ReturnType<typeof startLoginSite>>;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    site = await startLoginSite(bot.embedCode);
    dir = mkdtempSync(join(tmpdir(), 'botbench-nav-'));
    host = new ChromiumProfileHost({ profilesDir: dir });
    profiles = new ProfileService({ host, platformUrl: () => server.url, profilesDir: dir });
  });
  afterEach(async () => {
    await profiles.dispose();
    await host.dispose();
    await site.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const current = (id: string): ProfileSnapshot => profiles.list().find((p) => p.id === id)!;

  it('goes to a site, logs in through its own form (click, type, Enter), and goes back, forward and reloads', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    expect(opened).toMatchObject({ canGoBack: false, canGoForward: false });

    const home = await profiles.navigate(opened.id, { url: `${site.url}/` });
    expect(home).toMatchObject({ url: `${site.url}/`, status: 'connected', channelKind: 'anonymous', canGoBack: true });
    // Another origin, another storage: a new anonymous visitor.
    expect(home.timeline.at(-1)).toMatchObject({ action: 'navigated', changed: true, note: `to ${site.url}/` });

    const login = await profiles.navigate(opened.id, { url: `${site.url}/login` });
    expect(login).toMatchObject({ url: `${site.url}/login`, status: 'error', error: expect.stringContaining('No Flow XO widget') });

    // What the pane forwards when the tester clicks the picture and types: the site's own form submits on Enter.
    await profiles.input(opened.id, { type: 'click', ...LOGIN_FIELD });
    await profiles.input(opened.id, { type: 'type', text: 'User123' });
    await profiles.input(opened.id, { type: 'key', key: 'Enter' });
    await expect.poll(() => current(opened.id).responsePath, { timeout: 15_000 }).toBe(`${bot.botId}/c/User123`);
    expect(current(opened.id)).toMatchObject({ url: `${site.url}/`, status: 'connected', channelKind: 'external' });
    expect(current(opened.id).timeline.at(-1)).toMatchObject({ action: 'logged-in', changed: true, note: `from the page, on ${site.url}/` });

    const back = await profiles.navigate(opened.id, 'back');
    expect(back).toMatchObject({ url: `${site.url}/login`, canGoForward: true });
    const forward = await profiles.navigate(opened.id, 'forward');
    expect(forward).toMatchObject({ url: `${site.url}/`, channelId: 'User123', canGoForward: false });
    const reloaded = await profiles.navigate(opened.id, 'reload');
    expect(reloaded.timeline.at(-1)).toMatchObject({ action: 'reloaded', channelId: 'User123', changed: false });
    expect(reloaded.timeline.map((e) => e.action)).toEqual(['opened', 'navigated', 'navigated', 'logged-in', 'navigated', 'navigated', 'reloaded']);
  });

  it('refuses an address that does not load with BOTBENCH_ERR_NAVIGATION, and back with nowhere to go', async () => {
    const opened = await profiles.open({ kind: 'incognito', botId: bot.botId });
    await expect(profiles.navigate(opened.id, 'back')).rejects.toMatchObject({ code: 'BOTBENCH_ERR_NAVIGATION' });
    // A closed loopback port: nothing listens on the site's port once it is closed.
    const gone = site.url;
    await site.close();
    await expect(profiles.navigate(opened.id, { url: `${gone}/` })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_NAVIGATION',
      message: expect.stringContaining('ERR_CONNECTION_REFUSED'),
    });
    expect(current(opened.id)).toMatchObject({ status: 'error', error: expect.stringContaining(gone) });
    site = { url: gone, close: async () => undefined };
  });
});

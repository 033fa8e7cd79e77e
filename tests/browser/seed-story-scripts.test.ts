import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WidgetScript } from '../../main/api/contract.ts';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { ProfileService } from '../../main/profiles/profile-service.ts';
import { SEED_STORY } from '../../renderer/src/lib/kinds.ts';
import { createBot, postWebhook, startPlatform } from '../mocks/platform.ts';

// The seed article's story, as the workbench's "Seed story" opens it, on each of Flow XO's script
// generations: the profile option `script` picks legacy embed.js or current loader.js.

describe.each<WidgetScript>(['embed', 'loader'])('the seed story with %s.js', (script) => {
  let server: PlatformServer;
  let bot: Bot;
  let dir: string;
  let host: ChromiumProfileHost;
  let profiles: ProfileService;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server, { name: 'Seed bot' });
    dir = mkdtempSync(join(tmpdir(), 'botbench-seed-'));
    host = new ChromiumProfileHost({ profilesDir: dir });
    profiles = new ProfileService({ host, platformUrl: () => server.url, profilesDir: dir });
  });
  afterEach(async () => {
    await profiles.dispose();
    await host.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('anonymous profiles differ, both external-ID panes share {botId}/c/User123, metadata reaches flows, reload keeps and reset changes an ID, a webhook lands in both external panes', async () => {
    const opened = [];
    for (const step of SEED_STORY) opened.push(await profiles.open({ ...step, botId: bot.botId, script }));
    const [same, incognito, other, external, external2, metadata] = opened;
    expect(opened.map((profile) => profile.script)).toEqual(SEED_STORY.map(() => script));
    expect(opened.every((profile) => new URL(profile.url).searchParams.get('script') === (script === 'loader' ? 'loader' : null))).toBe(true);

    expect(new Set([same!.channelId, incognito!.channelId, other!.channelId, metadata!.channelId]).size).toBe(4);
    expect(external!.responsePath).toBe(`${bot.botId}/c/User123`);
    expect(external2!.responsePath).toBe(external!.responsePath);
    expect(server.platform.users.get(metadata!.responsePath!)?.metadata).toMatchObject({ myUserId: '123' });

    expect((await profiles.reload(same!.id)).channelId).toBe(same!.channelId);
    const reset = await profiles.resetConversation(same!.id);
    expect(reset.channelId).not.toBe(same!.channelId);
    expect(reset.channelId).toMatch(/^n_/);

    const hook = await postWebhook(bot, { response_path: `${bot.botId}/c/User123`, text: 'Hello User123' });
    expect(hook.body).toMatchObject({ status: 'delivered', delivered: 2 });
  }, 180_000);

  it('the login page moves the visitor to {botId}/c/<id> and back on logout', async () => {
    const login = await profiles.open({ kind: 'login', botId: bot.botId, script });
    expect(login.channelKind).toBe('anonymous');
    const loggedIn = await profiles.login(login.id, 'User123');
    expect(loggedIn.responsePath).toBe(`${bot.botId}/c/User123`);
    const loggedOut = await profiles.logout(login.id);
    expect(loggedOut.channelId).toBe(login.channelId);
  });
});

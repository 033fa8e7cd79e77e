import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { blockSiteData, ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { chromiumExecutable, chromiumLaunch } from '../../main/profiles/chromium.ts';
import { signWith } from '../../main/profiles/kinds.ts';
import { ProfileService } from '../../main/profiles/profile-service.ts';
import { connectedState } from '../mocks/chromium.ts';
import { api, createBot, startPlatform, WidgetClient } from '../mocks/platform.ts';

describe('identity lab in real Chromium', () => {
  let server: PlatformServer;
  let bot: Bot;
  let dir: string;
  let host: ChromiumProfileHost;
  let profiles: ProfileService;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    dir = mkdtempSync(join(tmpdir(), 'botbench-lab-'));
    host = new ChromiumProfileHost({ profilesDir: dir });
    profiles = new ProfileService({
      host,
      platformUrl: () => server.url,
      profilesDir: dir,
      connectTimeoutMs: 10_000,
      sign: signWith((botId) => server.platform.bots.get(botId)?.identitySecret),
    });
  });
  afterEach(async () => {
    await profiles.dispose();
    await host.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = async (on: boolean) => api(server, 'PATCH', `/api/bots/${bot.botId}`, { settings: { verifyIdentity: on } });

  it('a real site’s external-ID profile passes identity verification with the hash its server computed', async () => {
    await verify(true);
    const site = await profiles.open({ kind: 'external-id', botId: bot.botId });
    expect(site).toMatchObject({ status: 'connected', responsePath: `${bot.botId}/c/User123` });
  });

  it('with verification off an impersonator lands in the victim’s conversation; with it on the widget is refused and says why', async () => {
    const victim = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: 'User123' });
    const reply = victim.client.next('message');
    victim.client.send({ type: 'message', clientId: 'v', text: 'my card ends 4242' });
    victim.client.send({ type: 'ack', ids: [(await reply).message.id] });
    await victim.client.close();

    const impostor = await profiles.open({ kind: 'impersonator', botId: bot.botId });
    // The page set User123 without a hash and the platform took it: the impostor is in User123's conversation
    // (tests/main/platform/identity-lab.test.ts checks the transcript it is handed).
    expect(impostor).toMatchObject({ status: 'connected', responsePath: `${bot.botId}/c/User123` });

    await verify(true);
    await expect(profiles.reload(impostor.id)).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_WIDGET_REFUSED',
      message: expect.stringContaining('userHash for "User123" is missing'),
    });
    const refused = profiles.list().find((p) => p.id === impostor.id)!;
    // Refused, the page is in nobody's conversation, and the timeline says so with the platform's reason.
    expect(refused).toMatchObject({
      status: 'error',
      channelId: null,
      responsePath: null,
      refusal: { code: 'BOTBENCH_ERR_IDENTITY', message: expect.stringContaining('This bot verifies identities') },
    });
    expect(refused.timeline.at(-1)).toMatchObject({
      action: 'reloaded',
      channelId: null,
      changed: false,
      note: expect.stringMatching(/^refused: This bot verifies identities/),
    });
  }, 45_000);

  it('restart with a typed ID gives exactly {botId}/c/<typed>', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    const typed = await profiles.restart(opened.id, { mode: 'typed', channelId: 'n_typed07' });
    expect(typed.responsePath).toBe(`${bot.botId}/c/n_typed07`);
    expect(typed.timeline.at(-1)).toMatchObject({ action: 'restarted', changed: true, channelId: 'n_typed07' });
  });

  it('logging in mid-session moves the visitor to {botId}/c/<id>', async () => {
    const opened = await profiles.open({ kind: 'login', botId: bot.botId, externalUserId: 'Jane' });
    expect(opened.channelKind).toBe('anonymous');
    const loggedIn = await profiles.login(opened.id, 'Jane');
    expect(loggedIn.responsePath).toBe(`${bot.botId}/c/Jane`);
  });

  it('a storage-blocked browser is a new visitor on every load, and the widget logs no error', async () => {
    const userDataDir = join(dir, 'blocked');
    blockSiteData(userDataDir);
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumExecutable(),
      headless: true,
      ...chromiumLaunch(),
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${server.url}/site/${bot.botId}`);
      const first = await connectedState(page);
      expect(first.storage).toBe('memory');
      await page.reload();
      const second = await connectedState(page);
      expect(second.channelId).not.toBe(first.channelId);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

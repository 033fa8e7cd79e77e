import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { ProfileService } from '../../main/profiles/profile-service.ts';
import { openWorkspace } from '../../main/workspace/workspace-db.ts';
import { createBot, postWebhook, startPlatform } from '../mocks/platform.ts';

describe('ChromiumProfileHost with ProfileService', () => {
  let server: PlatformServer;
  let bot: Bot;
  let dir: string;
  let host: ChromiumProfileHost;
  let profiles: ProfileService;
  const frames = new Map<string, number>();

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    dir = mkdtempSync(join(tmpdir(), 'botbench-host-'));
    host = new ChromiumProfileHost({ profilesDir: dir, screencast: true });
    profiles = new ProfileService({ host, platformUrl: () => server.url, profilesDir: dir });
    profiles.subscribe((event) => {
      if (event.type === 'frame') frames.set(event.profileId, (frames.get(event.profileId) ?? 0) + 1);
    });
  });
  afterEach(async () => {
    await profiles.dispose();
    await host.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a persistent profile’s Channel ID over reload and browser restart; clearing site data changes it', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    expect(opened.channelId).toMatch(/^n_/);
    expect((await profiles.reload(opened.id)).channelId).toBe(opened.channelId);
    expect((await profiles.restart(opened.id)).channelId).toBe(opened.channelId);
    const cleared = await profiles.clearSiteData(opened.id);
    expect(cleared.channelId).not.toBe(opened.channelId);
    expect(cleared.timeline.map((e) => e.changed)).toEqual([false, false, false, true]);
  });

  it('gives incognito and other-device profiles their own IDs, and incognito a new one per window', async () => {
    const same = await profiles.open({ kind: 'persistent', botId: bot.botId });
    const other = await profiles.open({ kind: 'other-device', botId: bot.botId });
    const incognito = await profiles.open({ kind: 'incognito', botId: bot.botId });
    expect(new Set([same.channelId, other.channelId, incognito.channelId]).size).toBe(3);
    expect((await profiles.restart(incognito.id)).channelId).not.toBe(incognito.channelId);
  });

  it('streams pictures of the page and captures a PNG', async () => {
    const profile = await profiles.open({ kind: 'incognito', botId: bot.botId });
    await expect.poll(() => frames.get(profile.id) ?? 0, { timeout: 5000 }).toBeGreaterThan(0);
    const png = await profiles.capture(profile.id);
    expect(png.startsWith('data:image/png;base64,iVBOR')).toBe(true);
  });

  it('forwards clicks and typing to the page: the visitor’s message reaches the platform', async () => {
    const profile = await profiles.open({ kind: 'incognito', botId: bot.botId });
    // The widget panel is open; in the 420×680 viewport its input sits near the bottom (see a capture()).
    await profiles.input(profile.id, { type: 'click', x: 150, y: 563 });
    await profiles.input(profile.id, { type: 'type', text: 'typed through the pane' });
    await profiles.input(profile.id, { type: 'key', key: 'Enter' });
    await expect
      .poll(
        async () =>
          (await fetch(`${server.url}/api/log?kind=message_in`, { headers: { authorization: 'Bearer test-token-0123456789' } }).then((r) =>
            r.json(),
          )) as any,
      )
      .toMatchObject({ entries: [expect.objectContaining({ summary: 'Visitor: typed through the pane', responsePath: profile.responsePath })] });
  });

  it('records a reset made with the widget’s own button in the timeline', async () => {
    const profile = await profiles.open({ kind: 'incognito', botId: bot.botId });
    // "Reset conversation" in the widget header, clicked through the pane as a tester would.
    await profiles.input(profile.id, { type: 'click', x: 320, y: 103 });
    await expect
      .poll(() => profiles.list()[0]!.timeline.at(-1))
      .toMatchObject({ action: 'reset', changed: true, note: 'from the widget’s own controls' });
    expect(profiles.list()[0]!.channelId).not.toBe(profile.channelId);
  });

  it('delivers a webhook into the right profile page', async () => {
    const a = await profiles.open({ kind: 'external-id', botId: bot.botId });
    const b = await profiles.open({ kind: 'incognito', botId: bot.botId });
    expect((await postWebhook(bot, { response_path: a.responsePath, text: 'for User123' })).body).toMatchObject({
      status: 'delivered',
      delivered: 1,
    });
    expect(b.responsePath).not.toBe(a.responsePath);
  });

  it('remembers persistent profiles across a workbench restart with the same Channel ID', async () => {
    const workspace = openWorkspace(null);
    const first = new ProfileService({ host, platformUrl: () => server.url, workspace, profilesDir: dir });
    const kept = await first.open({ kind: 'persistent', botId: bot.botId });
    await first.dispose();
    const second = new ProfileService({ host, platformUrl: () => server.url, workspace, profilesDir: dir });
    await second.restore();
    expect(second.list()[0]).toMatchObject({ id: kept.id, channelId: kept.channelId, status: 'connected' });
    await second.dispose();
  });

  it('with a spare, a new persistent profile takes the browser started ahead (same storage after restart); the next spare follows; dispose removes an untaken one', async () => {
    const spareHost = new ChromiumProfileHost({ profilesDir: dir, spare: true });
    const service = new ProfileService({ host: spareHost, platformUrl: () => server.url, profilesDir: dir });
    try {
      expect(spareHost.newProfileId('persistent')).toBeUndefined();
      await spareHost.warm();
      // The spare's browser has written its directory before anyone asked for a profile.
      const ahead = readdirSync(dir);
      expect(ahead).toHaveLength(1);
      expect(readdirSync(join(dir, ahead[0]!))).toContain('Default');
      expect(spareHost.newProfileId('ephemeral')).toBeUndefined();
      expect(spareHost.newProfileId('blocked')).toBeUndefined();

      const opened = await service.open({ kind: 'persistent', botId: bot.botId });
      expect(opened.id).toBe(ahead[0]);
      expect(opened.channelId).toMatch(/^n_/);
      // The profile page got the service's viewport, not the spare's default.
      const png = Buffer.from((await service.capture(opened.id)).split(',')[1]!, 'base64');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([420, 680]);
      expect((await service.restart(opened.id)).channelId).toBe(opened.channelId);

      // The next spare is started once that page has loaded; a profile taking it gets its own storage.
      await spareHost.warm();
      const next = await service.open({ kind: 'other-device', botId: bot.botId });
      expect(next.id).not.toBe(opened.id);
      expect(readdirSync(dir)).toEqual(expect.arrayContaining([opened.id, next.id]));
      expect(next.channelId).not.toBe(opened.channelId);

      await spareHost.warm();
      const untaken = readdirSync(dir).filter((name) => name !== opened.id && name !== next.id);
      expect(untaken).toHaveLength(1);
      await service.dispose();
      await spareHost.dispose();
      expect(readdirSync(dir).sort()).toEqual([opened.id, next.id].sort());
    } finally {
      await service.dispose();
      await spareHost.dispose();
    }
  });
});

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProfileSnapshot } from '../../../main/api/contract.ts';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { userHashFor } from '../../../main/platform/identity-verification.ts';
import { signWith } from '../../../main/profiles/kinds.ts';
import { ProfileService } from '../../../main/profiles/profile-service.ts';
import { openWorkspace } from '../../../main/workspace/workspace-db.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';
import { createBot, postWebhook, startPlatform } from '../../mocks/platform.ts';

describe('ProfileService', () => {
  let server: PlatformServer;
  let bot: Bot;
  let host: FakeProfileHost;
  let profiles: ProfileService;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    host = new FakeProfileHost();
    profiles = new ProfileService({ host, platformUrl: () => server.url, connectTimeoutMs: 3000 });
  });
  afterEach(async () => {
    await profiles.dispose();
    await server.close();
  });

  const actions = (p: ProfileSnapshot) => p.timeline.map((e) => [e.action, e.changed]);

  it('opens a profile on the customer site and records the Channel ID it got', async () => {
    const profile = await profiles.open({ kind: 'persistent', botId: bot.botId });
    expect(profile).toMatchObject({ label: 'Same browser', status: 'connected', persistentStorage: true, url: `${server.url}/site/${bot.botId}` });
    expect(profile.channelId).toMatch(/^n_/);
    expect(profile.responsePath).toBe(`${bot.botId}/c/${profile.channelId}`);
    expect(actions(profile)).toEqual([['opened', false]]);
  });

  it('keeps a persistent profile’s ID over reload and restart, and breaks the timeline on clear', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    await profiles.reload(opened.id);
    await profiles.restart(opened.id);
    const cleared = await profiles.clearSiteData(opened.id);
    expect(actions(cleared)).toEqual([
      ['opened', false],
      ['reloaded', false],
      ['restarted', false],
      ['cleared', true],
    ]);
    expect(cleared.channelId).not.toBe(opened.channelId);
  });

  it('gives an incognito profile a new ID when its browser restarts', async () => {
    const opened = await profiles.open({ kind: 'incognito', botId: bot.botId });
    const restarted = await profiles.restart(opened.id);
    expect(restarted.persistentStorage).toBe(false);
    expect(restarted.channelId).not.toBe(opened.channelId);
    expect(restarted.timeline.at(-1)).toMatchObject({ action: 'restarted', changed: true });
  });

  it('gives external-id profiles the same response path, defaulting to User123', async () => {
    const a = await profiles.open({ kind: 'external-id', botId: bot.botId });
    const b = await profiles.open({ kind: 'external-id', botId: bot.botId });
    expect(a.responsePath).toBe(`${bot.botId}/c/User123`);
    expect(b).toMatchObject({ responsePath: a.responsePath, label: 'External ID 2' });
  });

  it('records a refused reset with its reason and an unchanged ID', async () => {
    const a = await profiles.open({ kind: 'external-id', botId: bot.botId, externalUserId: 'Jane' });
    const after = await profiles.resetConversation(a.id);
    expect(after.timeline.at(-1)).toMatchObject({
      action: 'reset',
      changed: false,
      channelId: 'Jane',
      note: expect.stringContaining('refused: Reset is unavailable'),
    });
  });

  it('marks a refused widget with the platform’s code, no Channel ID, and a timeline row saying why', async () => {
    server.platform.updateBot(bot.botId, { settings: { verifyIdentity: true } });
    await expect(profiles.open({ kind: 'impersonator', botId: bot.botId, label: 'Impostor' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_WIDGET_REFUSED',
      message: expect.stringMatching(/^The platform refused the widget in "Impostor": This bot verifies identities/),
    });
    const refused = profiles.list().find((p) => p.label === 'Impostor')!;
    expect(refused).toMatchObject({
      status: 'error',
      channelId: null,
      responsePath: null,
      refusal: { code: 'BOTBENCH_ERR_IDENTITY', message: expect.stringContaining('userHash for "User123" is missing') },
    });
    expect(refused.timeline).toEqual([
      expect.objectContaining({ action: 'opened', channelId: null, changed: false, note: expect.stringMatching(/^refused: This bot verifies/) }),
    ]);
  });

  it('records an anonymous reset as a change', async () => {
    const a = await profiles.open({ kind: 'persistent', botId: bot.botId });
    const after = await profiles.resetConversation(a.id);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'reset', changed: true });
    expect(after.channelId).not.toBe(a.channelId);
  });

  it('tells subscribers about every snapshot change', async () => {
    const seen: string[] = [];
    profiles.subscribe((event) => {
      if (event.type === 'profile') seen.push(event.profile.status);
    });
    await profiles.open({ kind: 'incognito', botId: bot.botId });
    expect(seen[0]).toBe('opening');
    expect(seen.at(-1)).toBe('connected');
  });

  it('refuses an unknown profile id with BOTBENCH_ERR_PROFILE_NOT_FOUND', async () => {
    await expect(profiles.reload('nope')).rejects.toMatchObject({ code: 'BOTBENCH_ERR_PROFILE_NOT_FOUND' });
  });

  it('closes a profile and forgets it', async () => {
    const a = await profiles.open({ kind: 'persistent', botId: bot.botId });
    const closed = await profiles.close(a.id);
    expect(closed.status).toBe('closed');
    expect(profiles.list()).toEqual([]);
    expect(host.pages.size).toBe(0);
  });

  it('remembers persistent profiles in the workspace and restores them with their timeline', async () => {
    const workspace = openWorkspace(null);
    const first = new ProfileService({ host, platformUrl: () => server.url, workspace });
    const kept = await first.open({ kind: 'persistent', botId: bot.botId });
    await first.open({ kind: 'incognito', botId: bot.botId });
    await first.dispose();
    const second = new ProfileService({ host, platformUrl: () => server.url, workspace });
    await second.restore();
    const restored = second.list();
    expect(restored.map((p) => p.kind)).toEqual(['persistent']);
    expect(restored[0]).toMatchObject({ id: kept.id, channelId: kept.channelId });
    expect(restored[0]!.timeline.map((e) => e.action)).toEqual(['opened', 'opened']);
    await second.dispose();
  });

  it('removes, as it restores, storage directories no remembered profile owns (a killed app’s spare, a scenario’s profile)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-sweep-'));
    try {
      const workspace = openWorkspace(null);
      const first = new ProfileService({ host, platformUrl: () => server.url, workspace, profilesDir: dir });
      const kept = await first.open({ kind: 'persistent', botId: bot.botId });
      await first.dispose();
      for (const name of [kept.id, 'sparE_1234', 'scenario-1']) mkdirSync(join(dir, name, 'Default'), { recursive: true });
      // Not shaped like a profile id, or not a directory: not ours to remove.
      mkdirSync(join(dir, 'notes'));
      writeFileSync(join(dir, 'abcdefghij'), 'a file');
      const second = new ProfileService({ host, platformUrl: () => server.url, workspace, profilesDir: dir });
      await second.restore();
      expect(readdirSync(dir).sort()).toEqual([kept.id, 'abcdefghij', 'notes'].sort());
      expect(second.list().map((p) => p.id)).toEqual([kept.id]);
      await second.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sees a webhook’s target profile as connected on that path', async () => {
    const a = await profiles.open({ kind: 'persistent', botId: bot.botId });
    const answer = await postWebhook(bot, { response_path: a.responsePath, text: 'hi' });
    expect(answer.body).toMatchObject({ status: 'delivered', delivered: 1 });
  });
});

describe('ProfileService identity lab', () => {
  let server: PlatformServer;
  let bot: Bot;
  let profiles: ProfileService;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    profiles = new ProfileService({
      host: new FakeProfileHost(),
      platformUrl: () => server.url,
      connectTimeoutMs: 3000,
      sign: signWith((botId) => server.platform.bots.get(botId)?.identitySecret),
    });
  });
  afterEach(async () => {
    await profiles.dispose();
    await server.close();
  });

  it('restarts with the same ID, a new ID, or exactly the ID the tester types', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    expect((await profiles.restart(opened.id, { mode: 'same' })).channelId).toBe(opened.channelId);
    const fresh = await profiles.restart(opened.id, { mode: 'new' });
    expect(fresh.channelId).not.toBe(opened.channelId);
    expect(fresh.timeline.at(-1)).toMatchObject({ action: 'restarted', changed: true });
    const typed = await profiles.restart(opened.id, { mode: 'typed', channelId: 'n_tester1' });
    expect(typed.responsePath).toBe(`${bot.botId}/c/n_tester1`);
    expect((await profiles.reload(opened.id)).channelId).toBe('n_tester1');
  });

  it('gives a storage-blocked profile a new ID on every load', async () => {
    const opened = await profiles.open({ kind: 'storage-blocked', botId: bot.botId });
    const reloaded = await profiles.reload(opened.id);
    expect(reloaded.channelId).not.toBe(opened.channelId);
    expect(reloaded.timeline.at(-1)).toMatchObject({ action: 'reloaded', changed: true });
  });

  it('logs a visitor in and out, recording both in the timeline', async () => {
    const opened = await profiles.open({ kind: 'login', botId: bot.botId, externalUserId: 'Jane' });
    expect(opened.channelKind).toBe('anonymous');
    const inside = await profiles.login(opened.id, 'Jane');
    expect(inside).toMatchObject({ responsePath: `${bot.botId}/c/Jane`, channelKind: 'external' });
    const outside = await profiles.logout(opened.id);
    expect(outside.channelId).toBe(opened.channelId);
    expect(outside.timeline.map((e) => [e.action, e.changed])).toEqual([
      ['opened', false],
      ['logged-in', true],
      ['logged-out', true],
    ]);
  });

  it('points an impersonator at another user’s ID without a hash, and a real site’s external ID with the one its server signs', async () => {
    const impostor = await profiles.open({ kind: 'impersonator', botId: bot.botId });
    expect(new URL(impostor.url).searchParams.get('userHash')).toBeNull();
    expect(impostor.responsePath).toBe(`${bot.botId}/c/User123`);
    const site = await profiles.open({ kind: 'external-id', botId: bot.botId });
    expect(new URL(site.url).searchParams.get('userHash')).toBe(userHashFor(bot.identitySecret, 'User123'));
    const login = await profiles.open({ kind: 'login', botId: bot.botId, externalUserId: 'Jane' });
    expect(new URL(login.url).searchParams.get('loginHash')).toBe(userHashFor(bot.identitySecret, 'Jane'));
  });

  it('passes identity verification with the workbench’s signature, and without a signer the page carries none', async () => {
    server.platform.updateBot(bot.botId, { settings: { verifyIdentity: true } });
    expect(await profiles.open({ kind: 'external-id', botId: bot.botId })).toMatchObject({ status: 'connected', channelKind: 'external' });
    const unsigned = new ProfileService({ host: new FakeProfileHost(), platformUrl: () => server.url, connectTimeoutMs: 3000 });
    try {
      await expect(unsigned.open({ kind: 'external-id', botId: bot.botId })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_WIDGET_REFUSED' });
    } finally {
      await unsigned.dispose();
    }
  });
});

describe('ProfileService navigation', () => {
  let server: PlatformServer;
  let bot: Bot;
  let host: FakeProfileHost;
  let profiles: ProfileService;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    host = new FakeProfileHost();
    profiles = new ProfileService({ host, platformUrl: () => server.url, connectTimeoutMs: 3000 });
  });
  afterEach(async () => {
    await profiles.dispose();
    await server.close();
  });

  const rows = (p: ProfileSnapshot) => p.timeline.map((e) => [e.action, e.channelId, e.note]);

  it('goes to an address, back and forward, keeping the snapshot’s URL and history current', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    expect(opened).toMatchObject({ canGoBack: false, canGoForward: false });
    const login = `${server.url}/login.html`;
    const away = await profiles.navigate(opened.id, { url: login });
    expect(away).toMatchObject({ url: login, canGoBack: true, canGoForward: false, status: 'error', channelId: opened.channelId });
    expect(away.error).toContain('No Flow XO widget');
    const back = await profiles.navigate(opened.id, 'back');
    expect(back).toMatchObject({ url: opened.url, canGoBack: false, canGoForward: true, status: 'connected', error: null });
    const forward = await profiles.navigate(opened.id, 'forward');
    expect(forward).toMatchObject({ url: login, canGoForward: false });
    expect(rows(forward)).toEqual([
      ['opened', opened.channelId, null],
      ['navigated', null, `to ${login} — no widget on this page`],
      ['navigated', opened.channelId, `to ${opened.url}`],
      ['navigated', null, `to ${login} — no widget on this page`],
    ]);
    // A page without the widget is no break in the identity: the ID comes back unchanged.
    expect(back.timeline.at(-1)).toMatchObject({ changed: false });
  });

  it('reloads through the address bar as the Reload button does', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    const reloaded = await profiles.navigate(opened.id, 'reload');
    expect(reloaded.timeline.at(-1)).toMatchObject({ action: 'reloaded', channelId: opened.channelId, changed: false, note: null });
  });

  it('refuses back with nowhere to go with BOTBENCH_ERR_NAVIGATION, the page left as it was', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    await expect(profiles.navigate(opened.id, 'back')).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_NAVIGATION',
      message: expect.stringContaining('no earlier page'),
    });
    expect(profiles.list()[0]!.url).toBe(opened.url);
  });

  it('records the site’s own navigation (a link, a form) once the new page’s widget says who the visitor is', async () => {
    const opened = await profiles.open({ kind: 'persistent', botId: bot.botId });
    const page = [...host.pages][0]!;
    const other = `${server.url}/site/${bot.botId}?page=2`;
    await page.follow(other);
    await vi.waitFor(() => expect(profiles.list()[0]!.timeline).toHaveLength(2));
    expect(profiles.list()[0]).toMatchObject({ url: other, status: 'connected', canGoBack: true });
    expect(rows(profiles.list()[0]!).at(-1)).toEqual(['navigated', opened.channelId, `to ${other}`]);
    await page.follow(`${server.url}/about.html`);
    await vi.waitFor(() => expect(profiles.list()[0]!.timeline).toHaveLength(3));
    expect(profiles.list()[0]).toMatchObject({ status: 'error', url: `${server.url}/about.html` });
  });
});

describe('ProfileService navigation to another bot’s page', () => {
  it('follows the widget of the page the address bar went to, and the demo page’s own bot again when back', async () => {
    const server = await startPlatform();
    const host = new FakeProfileHost();
    const profiles = new ProfileService({
      host,
      platformUrl: () => server.url,
      connectTimeoutMs: 3000,
      // As the workbench sets it: a "connected" report counts only for a socket the platform holds.
      liveWidget: (path) => server.platform.hub.count(path) > 0,
    });
    try {
      const demo = await createBot(server);
      const other = await createBot(server);
      const opened = await profiles.open({ kind: 'persistent', botId: demo.botId });
      const away = await profiles.navigate(opened.id, { url: `${server.url}/site/${other.botId}` });
      expect(away).toMatchObject({ status: 'connected', botId: other.botId, responsePath: expect.stringMatching(new RegExp(`^${other.botId}/c/`)) });
      const back = await profiles.navigate(opened.id, 'back');
      expect(back).toMatchObject({ status: 'connected', botId: demo.botId, channelId: opened.channelId });
    } finally {
      await profiles.dispose();
      await server.close();
    }
  });
});

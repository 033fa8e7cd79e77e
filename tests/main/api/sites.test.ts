import { describe, expect, it } from 'vitest';
import type { ProfileSnapshot, RecentSite } from '../../../main/api/contract.ts';
import { useWorkbench } from '../../mocks/workbench.ts';

describe('recent sites and the address bar over the contract (sites.*, profiles.navigate)', () => {
  const bench = useWorkbench();
  const { call } = bench;

  it('remembers sites per workspace, most recent first, and forgets one on request', async () => {
    await call('sites.save', { url: 'http://localhost:3000', name: 'Dev server' });
    const { sites, id } = await call<{ sites: RecentSite[]; id: string }>('sites.save', { url: 'https://staging.example.com/login' });
    expect(sites.map((s) => [s.name, s.url])).toEqual([
      ['staging.example.com', 'https://staging.example.com/login'],
      ['Dev server', 'http://localhost:3000/'],
    ]);
    expect(await call<RecentSite[]>('sites.remove', { id })).toHaveLength(1);
    expect(await call<RecentSite[]>('sites.list')).toMatchObject([{ name: 'Dev server' }]);
    await expect(call('sites.remove', { id })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_SITE_NOT_FOUND' });
  });

  it('refuses a site that is not an http(s) or file URL with BOTBENCH_ERR_SITE_URL, saying what was expected, and remembers nothing', async () => {
    await expect(call('sites.save', { url: 'javascript:alert(1)' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_SITE_URL',
      field: 'url',
      message: expect.stringContaining('its scheme is javascript:'),
    });
    await expect(call('profiles.open', { kind: 'persistent', siteUrl: 'javascript:alert(1)' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_SITE_URL',
      field: 'siteUrl',
    });
    expect(await call<RecentSite[]>('sites.list')).toEqual([]);
  });

  it('navigates a profile to an address, back and by reload, and refuses a bad target before the page moves', async () => {
    const opened = await call<ProfileSnapshot>('profiles.open', { kind: 'persistent', botId: bench.bot.botId });
    const away = await call<ProfileSnapshot>('profiles.navigate', { id: opened.id, to: { url: `${bench.workbench.server.url}/api/health` } });
    expect(away).toMatchObject({ url: `${bench.workbench.server.url}/api/health`, canGoBack: true, status: 'error' });
    const back = await call<ProfileSnapshot>('profiles.navigate', { id: opened.id, to: 'back' });
    expect(back).toMatchObject({ url: opened.url, status: 'connected', channelId: opened.channelId });
    const reloaded = await call<ProfileSnapshot>('profiles.navigate', { id: opened.id, to: 'reload' });
    expect(reloaded.timeline.map((e) => e.action)).toEqual(['opened', 'navigated', 'navigated', 'reloaded']);
    await expect(call('profiles.navigate', { id: opened.id, to: { url: 'chrome://settings' } })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_SITE_URL',
      field: 'to.url',
      message: expect.stringContaining('its scheme is chrome:'),
    });
    expect(bench.workbench.profiles.list()[0]!.url).toBe(opened.url);
    await expect(call('profiles.navigate', { id: opened.id, to: 'up' })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION', field: 'to' });
    await expect(call('profiles.navigate', { id: 'nope', to: 'back' })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_PROFILE_NOT_FOUND' });
  });
});

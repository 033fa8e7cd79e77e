import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../main/api/contract.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import type { ProfileSnapshot } from '../../main/profiles/types.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';
import { SHOP_BOT_ID, startOwnSite, type OwnSite } from '../fixtures/own-site/own-site.ts';

// The same through the workbench as the UI calls it (the contract's schema, services, the workbench's importer), on real Chromium.
describe('profiles.open with a siteUrl, through the workbench', () => {
  let workbench: Workbench;
  let site: OwnSite;
  const events: WorkbenchEvent[] = [];
  const call = <T>(method: string, params?: unknown) => workbench.services.dispatch(method, params) as Promise<T>;

  beforeEach(async () => {
    site = await startOwnSite();
    workbench = await startWorkbench({
      dataDir: null,
      mode: 'browser',
      createHost: (dir) => new ChromiumProfileHost({ profilesDir: dir }),
      demoBot: false,
    });
    events.length = 0;
    workbench.services.subscribe((event) => events.push(event));
  });
  afterEach(async () => {
    await workbench.close();
    await site.close();
  });

  it('opens the shop, imports its bot on first sight and says so on the profile and in the log', async () => {
    const opened = await call<ProfileSnapshot>('profiles.open', { kind: 'incognito', siteUrl: site.url });
    expect(opened).toMatchObject({ status: 'connected', botId: SHOP_BOT_ID, siteUrl: site.url, channelKind: 'anonymous', errorCode: null });
    expect(opened.notices.map((notice) => notice.text)).toEqual([`Imported bot 645731a0… from ${site.origin}`]);
    expect(workbench.server.platform.bots.get(SHOP_BOT_ID)).toBeDefined();
    expect(JSON.stringify(events)).toContain(`Imported bot 645731a0… from ${site.origin}`);
  });

  it('refuses bad input at the edge with stable codes', async () => {
    await expect(call('profiles.open', { kind: 'incognito' })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION' });
    await expect(call('profiles.open', { kind: 'incognito', siteUrl: 'ftp://shop.example.test/' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_SITE_URL',
      message: expect.stringContaining('its scheme is ftp:'),
    });
    await expect(
      call('profiles.open', { kind: 'incognito', siteUrl: site.url, scriptPatterns: [{ url: 'https://*.example.test/fxo.js', script: 'embed' }] }),
    ).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION' });
    expect(await call<ProfileSnapshot[]>('profiles.list')).toEqual([]);
  });
});

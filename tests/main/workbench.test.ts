import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkbenchInfo } from '../../main/api/contract.ts';
import type { HostStatus } from '../../main/profiles/types.ts';
import { startWorkbench } from '../../main/workbench.ts';
import { FakeProfileHost } from '../mocks/fake-host.ts';

describe('startWorkbench()', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('comes back on the same platform origin and token, so persistent profiles keep their storage', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'botbench-workbench-'));
    dirs.push(dataDir);
    const first = await startWorkbench({ dataDir, mode: 'browser', createHost: () => new FakeProfileHost() });
    const { url } = first.server;
    const { token } = first;
    const bots = first.server.platform.bots.list();
    await first.close();
    const second = await startWorkbench({ dataDir, mode: 'browser', createHost: () => new FakeProfileHost() });
    expect(second.server.url).toBe(url);
    expect(second.token).toBe(token);
    expect(second.server.platform.bots.list()).toEqual(bots);
    await second.close();
  });

  it('creates one demo bot on a new workspace only', async () => {
    const workbench = await startWorkbench({ dataDir: null, mode: 'browser', createHost: () => new FakeProfileHost() });
    expect(workbench.server.platform.bots.list().map((b) => b.name)).toEqual(['Demo bot']);
    await workbench.close();
  });

  it('starts without a browser, says what is missing, and opens the remembered profiles once Retry finds one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'botbench-workbench-'));
    dirs.push(dataDir);
    // A first session remembers a persistent profile.
    const first = await startWorkbench({ dataDir, mode: 'browser', createHost: () => new FakeProfileHost() });
    const botId = first.server.platform.bots.list()[0]!.botId;
    await first.services.dispatch('profiles.open', { kind: 'persistent', botId });
    await first.close();

    const missing: HostStatus = {
      ready: false,
      problem: 'No Chromium, Chrome or Edge was found.',
      searched: ['/usr/bin/chromium'],
      fixes: ['apt-get install chromium'],
      hint: 'Or set BOTBENCH_CHROMIUM.',
    };
    let status: HostStatus = missing;
    let warmed = 0;
    const host = Object.assign(new FakeProfileHost(), {
      status: () => status,
      warm: async () => void warmed++,
    });
    const second = await startWorkbench({ dataDir, mode: 'browser', createHost: () => host });
    expect(((await second.services.dispatch('workbench.info', undefined)) as WorkbenchInfo).browser).toEqual(missing);
    // Nothing was opened (or forgotten) while there was no browser.
    expect(second.profiles.list()).toEqual([]);
    expect(warmed).toBe(0);
    expect(await second.services.dispatch('profiles.retryBrowser', undefined)).toEqual(missing);
    expect(second.profiles.list()).toEqual([]);

    status = { ready: true, browser: '/opt/google/chrome/chrome' };
    expect(await second.services.dispatch('profiles.retryBrowser', undefined)).toEqual(status);
    expect(second.profiles.list().map((p) => p.kind)).toEqual(['persistent']);
    expect(warmed).toBe(1);
    // A second Retry does not open the remembered profiles twice.
    await second.services.dispatch('profiles.retryBrowser', undefined);
    expect(second.profiles.list()).toHaveLength(1);
    await second.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
});

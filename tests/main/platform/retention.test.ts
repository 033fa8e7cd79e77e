import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { createBot, eventually, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('Retention', () => {
  let server: PlatformServer;
  afterEach(() => server.close());

  const count = (table: string) => (server.platform.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('keeps the newest log entries and drops the older ones, in a pass it can be asked for', async () => {
    server = await startPlatform({ retention: { logEntries: 50, intervalMs: 3_600_000 } });
    for (let i = 0; i < 1234; i++) server.platform.log.append({ kind: 'webhook', status: 'refused', summary: `junk ${i}` });
    const newest = server.platform.log.query({ limit: 50 });
    const total = count('interaction_log');
    expect(await server.retention.prune()).toEqual({ log: total - 50, users: 0 });
    expect(count('interaction_log')).toBe(50);
    expect(server.platform.log.query({ limit: 100 })).toEqual(newest);
  });

  it('keeps at most `users` users: the least recently seen go first, never one online or with a queued message', async () => {
    server = await startPlatform({ retention: { users: 3, intervalMs: 3_600_000 } });
    const bot = await createBot(server);
    const { users } = server.platform;
    for (let i = 0; i < 8; i++) users.connect(bot.botId, `n_old000${i}`, 'anonymous', {}, 1000 + i);
    await server.platform.sendToUser(`${bot.botId}/c/n_old0000`, 'waiting for you', 'webhook');
    const { client } = await WidgetClient.connect(server, { botId: bot.botId, channelId: 'n_old0001' });
    try {
      users.connect(bot.botId, 'n_new0001', 'anonymous', {}, Date.now());
      expect(await server.retention.prune()).toEqual({ log: 0, users: 6 });
      expect(
        users
          .list()
          .map((u) => u.channelId)
          .sort(),
      ).toEqual(['n_new0001', 'n_old0000', 'n_old0001']);
      expect(server.platform.queue.pending(`${bot.botId}/c/n_old0000`).map((m) => m.text)).toEqual(['waiting for you']);
    } finally {
      await client.close();
    }
  });

  it('prunes on its own timer in the background', async () => {
    server = await startPlatform({ retention: { logEntries: 10, intervalMs: 50 } });
    for (let i = 0; i < 300; i++) server.platform.log.append({ kind: 'webhook', status: 'refused', summary: `junk ${i}` });
    await eventually(async () => count('interaction_log') === 10);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, createBot, postWebhook, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('persistence in the data dir', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps bots, users, transcripts, queued messages and the log across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'botbench-'));
    dirs.push(dataDir);

    const first = await startPlatform({ dataDir });
    const bot = await createBot(first, { name: 'Durable' });
    const { client, welcome } = await WidgetClient.connect(first, { botId: bot.botId, metadata: { k: 'v' } });
    const reply = client.next('message');
    client.send({ type: 'message', clientId: 'c', text: 'remember me' });
    client.send({ type: 'ack', ids: [(await reply).message.id] });
    await client.close();
    const queued = await postWebhook(bot, { response_path: welcome.responsePath, text: 'while you were away' });
    expect(queued.body.status).toBe('queued');
    await first.close();

    const second = await startPlatform({ dataDir });
    const bots = await api<{ bots: Array<{ botId: string; name: string }> }>(second, 'GET', '/api/bots');
    expect(bots.body.bots).toEqual([expect.objectContaining({ botId: bot.botId, name: 'Durable' })]);
    const user = await api(second, 'GET', `/api/users/${bot.botId}/c/${welcome.channelId}`);
    expect(user.body).toMatchObject({ metadata: { k: 'v' }, connections: 1, online: 0 });
    const back = await WidgetClient.open(second);
    const pending = back.next('message');
    back.send({ type: 'hello', v: 1, botId: bot.botId, channelId: welcome.channelId });
    expect((await pending).message.text).toBe('while you were away');
    const log = await api<{ entries: unknown[] }>(second, 'GET', '/api/log');
    expect(log.body.entries.length).toBeGreaterThanOrEqual(6);
    await back.close();
    await second.close();
  });
});

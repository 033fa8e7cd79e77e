import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformEvent } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { api, createBot, postWebhook, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('Platform.deleteBot() and DELETE /api/bots/{botId}', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(async () => {
    await server.close();
  });

  it('counts what a bot holds, deletes all of it, and leaves other bots alone', async () => {
    const doomed = await createBot(server, { name: 'Doomed' });
    const kept = await createBot(server, { name: 'Kept' });
    const { client } = await WidgetClient.connect(server, { botId: doomed.botId, externalUserId: 'User123' });
    const other = await WidgetClient.connect(server, { botId: kept.botId, externalUserId: 'User123' });
    expect((await postWebhook(doomed, { response_path: `${doomed.botId}/c/User123`, text: 'hello' })).status).toBe(200);

    const contents = await api<{ users: number; messages: number; flows: number; logEntries: number }>(
      server,
      'GET',
      `/api/bots/${doomed.botId}/contents`,
    );
    expect(contents.status).toBe(200);
    expect(contents.body).toMatchObject({ users: 1, messages: 1, flows: 2 });
    expect(contents.body.logEntries).toBeGreaterThanOrEqual(3);

    const events: PlatformEvent[] = [];
    server.platform.subscribe((event) => events.push(event));
    const told = client.next('error');
    const deleted = await api<{ deleted: string; removed: unknown }>(server, 'DELETE', `/api/bots/${doomed.botId}`);
    expect(deleted).toEqual({ status: 200, body: { deleted: doomed.botId, removed: contents.body } });
    // Its open widget is told why it stops working.
    expect(await told).toMatchObject({ code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: `Bot ${doomed.botId} was deleted from the platform.` });
    expect(events).toContainEqual({ type: 'botDeleted', botId: doomed.botId, removed: contents.body });

    expect(server.platform.bots.get(doomed.botId)).toBeUndefined();
    expect(server.platform.users.list({ botId: doomed.botId })).toEqual([]);
    expect(server.platform.flows.list(doomed.botId)).toEqual([]);
    expect(server.platform.log.query({ botId: doomed.botId })).toEqual([]);
    expect(server.platform.db.prepare('SELECT count(*) AS n FROM messages WHERE response_path LIKE ?').get(`${doomed.botId}/%`)).toEqual({ n: 0 });
    // The webhook URL no longer answers, and a webhook to the other bot's user still does.
    expect((await postWebhook(doomed, { response_path: `${doomed.botId}/c/User123`, text: 'again' })).status).toBe(404);
    expect((await postWebhook(kept, { response_path: `${kept.botId}/c/User123`, text: 'still here' })).body.status).toBe('delivered');
    expect(server.platform.bots.list().map((b) => b.name)).toEqual(['Kept']);
    await client.close();
    await other.client.close();
  });

  it('answers 404 with the expected form for a bot that does not exist, and 400 for a malformed Bot ID', async () => {
    const missing = await api<{ error: { code: string } }>(server, 'DELETE', '/api/bots/0123456789abcdef01234567');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('BOTBENCH_ERR_BOT_NOT_FOUND');
    const contents = await api<{ error: { code: string } }>(server, 'GET', '/api/bots/0123456789abcdef01234567/contents');
    expect(contents.status).toBe(404);
    const malformed = await api<{ error: { code: string } }>(server, 'DELETE', '/api/bots/not-a-bot');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BOTBENCH_ERR_BOT_ID');
  });

  it('frees the Bot ID: the same production Bot ID can be imported again', async () => {
    const bot = await createBot(server, { name: 'Imported', botId: '5852754509ac70000c104b80' });
    await api(server, 'DELETE', `/api/bots/${bot.botId}`);
    expect((await api(server, 'POST', '/api/bots', { name: 'Again', botId: '5852754509ac70000c104b80' })).status).toBe(201);
  });
});

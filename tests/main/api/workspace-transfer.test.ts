import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportWorkspace, importWorkspace, previewImport, type TransferContext } from '../../../main/api/workspace-transfer.ts';
import { PersonStore } from '../../../main/lab/person-store.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { signWebhook } from '../../../main/platform/webhook-signatures.ts';
import { WebhookHistory } from '../../../main/workspace/webhook-history.ts';
import { CollectionStore } from '../../../main/workspace/collections.ts';
import { EnvironmentStore } from '../../../main/workspace/environments.ts';
import { RecentSiteStore } from '../../../main/workspace/recent-sites.ts';
import { openWorkspace } from '../../../main/workspace/workspace-db.ts';
import { parseWorkspaceFile } from '../../../main/workspace/workspace-file.ts';
import { createBot, startPlatform, WidgetClient } from '../../mocks/platform.ts';

function contextOf(server: PlatformServer): TransferContext {
  const workspace = openWorkspace(null);
  return { platform: server.platform, persons: new PersonStore(workspace), history: new WebhookHistory(workspace), workspace };
}

/** Through the text a colleague receives, as the file would travel. */
const travel = (context: TransferContext, options: Parameters<typeof exportWorkspace>[1]) =>
  parseWorkspaceFile(JSON.stringify(exportWorkspace(context, options)), 'workspace.json');

describe('exportWorkspace() / importWorkspace()', () => {
  let a: PlatformServer;
  let b: PlatformServer;
  let from: TransferContext;
  let into: TransferContext;
  beforeEach(async () => {
    [a, b] = await Promise.all([startPlatform({ dataDir: null }), startPlatform({ dataDir: null })]);
    from = contextOf(a);
    into = contextOf(b);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('hands a teammate the bots with settings, flows and secrets, the bins, people and transcripts, and the bots work the same', async () => {
    const shop = await createBot(a, { name: 'Shop', botId: '5852754509ac70000c104b80' });
    a.platform.updateBot(shop.botId, { settings: { verifyWebhooks: true, greeting: 'Welcome to the shop' } });
    a.platform.createFlow(shop.botId, {
      name: 'Ping',
      trigger: { type: 'message', match: { type: 'keyword', keywords: ['ping'] } },
      actions: [{ type: 'send', text: 'pong' }],
    });
    const { client } = await WidgetClient.connect(a, { botId: shop.botId, externalUserId: 'User123', metadata: { plan: 'pro' } });
    const body = JSON.stringify({ response_path: `${shop.botId}/c/User123`, text: 'Your invoice' });
    await fetch(shop.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signWebhook(shop, 'msg_1', body) }, body });
    await client.close();
    const bin = a.platform.createBin('Back end', { status: 201 });
    const person = from.persons.addDevice(from.persons.create('Alice').id, 'Phone');

    const file = travel(from, { secrets: true, transcripts: true });
    expect(file.includes).toEqual({ secrets: true, transcripts: true, log: false, webhookHistory: false });
    expect(previewImport(into, file, 'skip').bots.map((x) => [x.name, x.action, x.flows, x.users, x.messages, x.secrets])).toEqual([
      ['Shop', 'add', 3, 1, 1, true],
    ]);
    importWorkspace(into, file, 'skip');

    const imported = b.platform.bots.require(shop.botId);
    expect(imported).toMatchObject({ name: 'Shop', settings: { verifyWebhooks: true, greeting: 'Welcome to the shop' } });
    expect(imported.webhookSecret).toBe(a.platform.bots.require(shop.botId).webhookSecret);
    expect(b.platform.listFlows(shop.botId).map((f) => f.name)).toEqual(a.platform.listFlows(shop.botId).map((f) => f.name));
    expect(b.platform.users.get(`${shop.botId}/c/User123`)).toMatchObject({ kind: 'external', metadata: { plan: 'pro' } });
    // Not acked by the test's widget, so still queued for User123: it arrives on their next visit, there too.
    expect(b.platform.queue.pending(`${shop.botId}/c/User123`).map((m) => m.text)).toEqual(['Your invoice']);
    expect(b.platform.bins.get(bin.id)).toMatchObject({ name: 'Back end', response: { status: 201 } });
    expect(into.persons.list()).toEqual([person]);

    // Same secret, same webhook URL path: what the teammate's back end signs is accepted here too.
    const again = JSON.stringify({ response_path: `${shop.botId}/c/User123`, text: 'From the teammate' });
    const webhookPath = new URL(shop.webhookUrl).pathname;
    const answer = await fetch(`${b.url}${webhookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(imported, 'msg_2', again) },
      body: again,
    });
    expect(answer.status).toBe(200);
  });

  it('without secrets, gives imported bots new secrets and says so', async () => {
    await createBot(a, { name: 'Plain' });
    const file = travel(from, {});
    const bot = file.bots[0]!;
    expect(bot.secrets).toBeUndefined();
    const preview = importWorkspace(into, file, 'skip');
    expect(preview.notes[0]).toMatch(/^The file has no secrets: imported bots get new webhook and identity secrets/);
    expect(b.platform.bots.require(bot.botId).webhookSecret).not.toBe(a.platform.bots.require(bot.botId).webhookSecret);
  });

  it('skips or replaces a bot whose Bot ID the workspace has, as chosen', async () => {
    const shared = await createBot(a, { name: 'Shared (theirs)', botId: 'aaaaaaaaaaaaaaaaaaaaaaaa' });
    await createBot(b, { name: 'Shared (mine)', botId: shared.botId });
    const file = travel(from, { botIds: [shared.botId] });
    expect(previewImport(into, file, 'skip').bots).toEqual([expect.objectContaining({ botId: shared.botId, action: 'skip' })]);
    importWorkspace(into, file, 'skip');
    expect(b.platform.bots.require(shared.botId).name).toBe('Shared (mine)');
    importWorkspace(into, file, 'replace');
    expect(b.platform.bots.require(shared.botId).name).toBe('Shared (theirs)');
  });

  it('imports all or nothing: a bad flow in the second bot refuses the file before anything is written', async () => {
    await createBot(a, { name: 'First' });
    await createBot(a, { name: 'Second' });
    const file = travel(from, {});
    file.bots[1]!.flows.push({ name: 'Broken', trigger: { type: 'nonsense' }, actions: [] });
    const before = b.platform.bots.list();
    expect(() => importWorkspace(into, file, 'replace')).toThrow(/bots\[1\]\.flows\[2\]/);
    expect(b.platform.bots.list()).toEqual(before);
  });

  it('carries the composer’s collections and environments, blanking secret values unless secrets are asked for', () => {
    const collections = new CollectionStore(from.workspace);
    const { id } = collections.create('Orders');
    const folder = collections.addFolder(id, null, 'Refunds').id;
    const request = { botId: 'a'.repeat(24), responsePath: '{{responsePath}}', body: '{"text": "refund {{orderId}}"}', headers: {} };
    collections.saveRequest({ collectionId: id, parentId: folder, name: 'Refund', request });
    new EnvironmentStore(from.workspace).save({
      name: 'Staging',
      variables: [
        { key: 'orderId', value: '42', secret: false },
        { key: 'token', value: 's3cret', secret: true },
      ],
    });

    const file = travel(from, {});
    expect(file.environments).toEqual([
      {
        name: 'Staging',
        variables: [
          { key: 'orderId', value: '42', secret: false },
          { key: 'token', value: '', secret: true },
        ],
      },
    ]);
    expect(previewImport(into, file, 'skip').collections).toEqual([{ name: 'Orders', action: 'add', requests: 1 }]);
    importWorkspace(into, file, 'skip');
    const imported = new CollectionStore(into.workspace).list();
    expect(imported.map((c) => c.name)).toEqual(['Orders']);
    expect(imported[0]!.items).toEqual([
      {
        kind: 'folder',
        id: expect.any(String),
        name: 'Refunds',
        items: [{ kind: 'request', id: expect.any(String), name: 'Refund', request: expect.objectContaining({ body: request.body }) }],
      },
    ]);
    expect(previewImport(into, file, 'skip').collections[0]!.action).toBe('skip');
    expect(travel(from, { secrets: true }).environments![0]!.variables[1]!.value).toBe('s3cret');

    const broken = travel(from, {});
    (broken.collections![0]!.items[0] as { items: Array<Record<string, unknown>> }).items[0]!.request = { responsePath: 42 };
    expect(() => previewImport(into, broken, 'replace')).toThrow(/collections\[0\]\.items\[0\]\.items\[0\]\.request/);
  });

  it('carries the recent sites with their names and when they were used; on import a known URL is skipped or replaced, a bad one refuses the file', () => {
    const mine = new RecentSiteStore(from.workspace, () => 1_000);
    mine.save({ url: 'http://localhost:3000/', name: 'Dev server' });
    mine.save({ url: 'https://staging.example.com/shop', name: 'Staging' });
    const theirs = new RecentSiteStore(into.workspace, () => 5_000);
    theirs.save({ url: 'http://localhost:3000/', name: 'My dev' });

    const file = travel(from, {});
    expect(file.sites).toEqual([
      { url: 'https://staging.example.com/shop', name: 'Staging', usedAt: 1_001 },
      { url: 'http://localhost:3000/', name: 'Dev server', usedAt: 1_000 },
    ]);
    expect(previewImport(into, file, 'skip').sites).toEqual([
      { url: 'https://staging.example.com/shop', name: 'Staging', action: 'add' },
      { url: 'http://localhost:3000/', name: 'Dev server', action: 'skip' },
    ]);
    importWorkspace(into, file, 'skip');
    expect(theirs.list().map((s) => [s.name, s.usedAt])).toEqual([
      ['My dev', 5_000],
      ['Staging', 1_001],
    ]);
    importWorkspace(into, file, 'replace');
    expect(theirs.list().map((s) => s.name)).toEqual(['Staging', 'Dev server']);

    const broken = travel(from, {});
    broken.sites![0]!.url = 'javascript:alert(1)';
    expect(() => previewImport(into, broken, 'replace')).toThrow(/sites\[0\]\.url: its scheme is javascript:/);
  });

  it('refuses an unknown bot in --bot with the expected form', () => {
    expect(() => exportWorkspace(from, { botIds: ['bbbbbbbbbbbbbbbbbbbbbbbb'] })).toThrow(/No bot has Bot ID bbbbbbbbbbbbbbbbbbbbbbbb/);
  });
});

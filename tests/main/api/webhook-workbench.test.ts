import { describe, expect, it } from 'vitest';
import type { BulkProgress, CollectionsChange, ExportedFile, RequestCollection, WebhookHistoryEntry } from '../../../main/api/contract.ts';
import { harProblem } from '../../../main/api/har.ts';
import { useWorkbench } from '../../mocks/workbench.ts';
import { eventually, WidgetClient } from '../../mocks/platform.ts';

describe('the webhook workbench over the contract (collections, environments, imports, bulk)', () => {
  const bench = useWorkbench();
  const { events, call } = bench;

  const request = () => ({
    botId: bench.bot.botId,
    responsePath: '{{botId}}/c/{{userId}}',
    body: '{"response_path":"{{responsePath}}","text":"Order {{orderId}}"}',
    headers: {},
  });

  it('sends with the selected environment, and refuses without it, naming the variable', async () => {
    const { client } = await WidgetClient.connect(bench.workbench.server, { botId: bench.bot.botId, externalUserId: 'User123' });
    try {
      const { id } = await call<{ id: string }>('environments.save', {
        name: 'Staging',
        variables: [
          { key: 'userId', value: 'User123', secret: false },
          { key: 'orderId', value: '7', secret: true },
        ],
      });
      const entry = await call<WebhookHistoryEntry>('webhooks.send', { ...request(), environmentId: id });
      expect(entry).toMatchObject({ sentResponsePath: `${bench.bot.botId}/c/User123`, trace: { outcome: 'delivered' } });
      await eventually(() => expect(client.messages()).toContain('Order 7'));
      await expect(call('webhooks.send', request())).rejects.toMatchObject({
        code: 'BOTBENCH_ERR_VARIABLE_UNKNOWN',
        message: expect.stringContaining('{{userId}}'),
      });
      await expect(call('webhooks.send', { ...request(), environmentId: 'nope' })).rejects.toMatchObject({
        code: 'BOTBENCH_ERR_ENVIRONMENT_NOT_FOUND',
      });
      await expect(call('environments.save', { name: 'Bad', variables: [{ key: '1x', value: '', secret: false }] })).rejects.toMatchObject({
        code: 'BOTBENCH_ERR_VALIDATION',
        field: 'variables.0.key',
      });
    } finally {
      await client.close();
    }
  });

  it('exports a collection as Postman v2.1 and imports it back whole; a bad file imports nothing', async () => {
    const { id } = await call<CollectionsChange>('collections.create', { name: 'Shop' });
    const folder = await call<CollectionsChange>('collections.addFolder', { collectionId: id, parentId: null, name: 'Orders' });
    await call('collections.saveRequest', {
      collectionId: id,
      parentId: folder.id,
      name: 'Shipped',
      request: { ...request(), sign: true, signHeaders: 'svix' },
    });
    const file = await call<ExportedFile>('collections.export', { id });
    expect(file.fileName).toBe('Shop.postman_collection.json');
    const preview = await call<{ requests: number; folders: number }>('collections.previewImport', { text: file.content });
    expect(preview).toMatchObject({ requests: 1, folders: 1 });
    expect(await call<RequestCollection[]>('collections.list')).toHaveLength(1);
    const imported = await call<CollectionsChange>('collections.import', { text: file.content });
    const [original, copy] = imported.collections;
    expect(copy!.items.map((i) => i.name)).toEqual(['Orders']);
    // Equal once ids are left out and the defaults (POST, JSON) spelled out, as an import spells them.
    const strip = (c: RequestCollection) =>
      JSON.stringify(c.items, (key, value) =>
        key === 'id' ? undefined : key === 'request' ? { method: 'POST', bodyMode: 'json', ...value } : value,
      );
    expect(strip(copy!)).toBe(strip(original!));

    const v20 = JSON.stringify({
      ...JSON.parse(file.content),
      info: { name: 'Old', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
    });
    await expect(call('collections.import', { text: v20 })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_IMPORT_FORMAT' });
    await expect(call('collections.import', { text: 'not json' })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_IMPORT_FORMAT' });
    await expect(
      call('collections.import', { text: '{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[]}}' }),
    ).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_IMPORT_EMPTY',
    });
    // The second request is bad (a header name with a space): the first is not imported either.
    const half = JSON.parse(file.content);
    half.item.push({
      name: 'Bad',
      request: { method: 'POST', url: '{{webhookUrl}}', header: [{ key: 'X Bad', value: '1' }], body: { mode: 'raw', raw: '{}' } },
    });
    half.item.push({
      name: 'Worse',
      request: { method: 'POST', url: 'http://127.0.0.1/x', body: { mode: 'raw', raw: 'x'.repeat(2 * 1024 * 1024) } },
    });
    await expect(call('collections.import', { text: JSON.stringify(half) })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_IMPORT_FORMAT',
      message: expect.stringContaining('Worse'),
    });
    expect(await call<RequestCollection[]>('collections.list')).toHaveLength(2);
  });

  it('exports the history as a valid HAR 1.2', async () => {
    await call('webhooks.send', {
      ...request(),
      responsePath: `${bench.bot.botId}/c/nobody`,
      body: '{"response_path":"{{responsePath}}","text":"hi"}',
    });
    const file = await call<ExportedFile>('webhooks.exportHar');
    expect(file.fileName).toMatch(/\.har$/);
    expect(harProblem(JSON.parse(file.content))).toBeNull();
  });

  it('streams a bulk send as events and refuses one beyond its bounds', async () => {
    await expect(call('webhooks.bulk', { request: request(), mode: { kind: 'count', count: 5000 } })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_BULK_BOUNDS',
    });
    const { id } = await call<{ id: string }>('environments.save', {
      name: 'E',
      variables: [
        { key: 'userId', value: 'Ghost', secret: false },
        { key: 'orderId', value: '1', secret: false },
      ],
    });
    const first = await call<BulkProgress>('webhooks.bulk', { request: { ...request(), environmentId: id }, mode: { kind: 'count', count: 10 } });
    await eventually(() =>
      expect(events.filter((e) => e.type === 'bulk').at(-1)).toMatchObject({ progress: { runId: first.runId, state: 'done', refused: 10 } }),
    );
  });
});

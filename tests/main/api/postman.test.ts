import { Collection } from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { fromPostman, POSTMAN_SCHEMA_V21, toPostman } from '../../../main/api/postman.ts';
import type { Bot } from '../../../main/platform/model.ts';
import type { CollectionDraft } from '../../../main/workspace/saved-requests.ts';

const botId = '5852754509ac70000c104b80';
const otherBot = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const context = { botId: otherBot, bots: [] as Bot[] };

/** A collection using every field Botbench maps. */
const draft: CollectionDraft = {
  name: 'Order webhooks',
  description: 'What our back end sends',
  items: [
    {
      kind: 'folder',
      name: 'Orders',
      items: [
        {
          kind: 'request',
          name: 'Order shipped (JSON, signed the Svix way)',
          request: {
            botId,
            responsePath: `${botId}/c/{{userId}}`,
            body: '{"response_path":"{{responsePath}}","text":"Order {{orderId}} shipped","id":"{{$guid}}"}',
            headers: { 'X-Source': 'shop', Authorization: 'Bearer {{token}}' },
            method: 'POST',
            bodyMode: 'json',
            sign: true,
            signHeaders: 'svix',
          },
        },
        { kind: 'folder', name: 'Nested', items: [] },
      ],
    },
    {
      kind: 'request',
      name: 'Form to the webhook',
      request: {
        botId,
        responsePath: `${botId}/c/User123`,
        body: '',
        headers: {},
        method: 'POST',
        bodyMode: 'form',
        form: [
          { key: 'response_path', value: '{{responsePath}}' },
          { key: 'text', value: 'a & b' },
        ],
      },
    },
    {
      kind: 'request',
      name: 'Text to a bin',
      request: {
        botId,
        responsePath: '',
        body: 'plain {{now}}',
        headers: { 'Content-Type': 'text/plain' },
        method: 'PUT',
        bodyMode: 'text',
        url: 'http://127.0.0.1:4567/bin/abc/orders?x=1',
        sign: true,
        signHeaders: 'webhook',
      },
    },
  ],
};

describe('toPostman() / fromPostman()', () => {
  it('writes a collection Postman’s SDK reads as v2.1, with folders, methods, headers, bodies and URLs', () => {
    const json = toPostman(draft);
    const sdk = new Collection(json as never);
    expect((json as { info: { schema: string } }).info.schema).toBe(POSTMAN_SCHEMA_V21);
    expect(sdk.name).toBe('Order webhooks');
    const names: string[] = [];
    sdk.forEachItem((item) => names.push(`${item.request.method} ${item.name} ${item.request.url.toString()}`));
    expect(names).toEqual([
      'POST Order shipped (JSON, signed the Svix way) {{webhookUrl}}',
      'POST Form to the webhook {{webhookUrl}}',
      'PUT Text to a bin http://127.0.0.1:4567/bin/abc/orders?x=1',
    ]);
    expect((sdk.items.idx(0)!.toJSON() as { item?: unknown[] }).item).toHaveLength(2);
  });

  it('round-trips every field through Postman’s SDK (export → SDK → JSON → import)', () => {
    const throughSdk = new Collection(toPostman(draft) as never).toJSON();
    const preview = fromPostman(JSON.parse(JSON.stringify(throughSdk)), context);
    expect(preview.draft).toEqual(draft);
    expect(preview).toMatchObject({ format: 'postman-2.1', folders: 2, requests: 3, warnings: [] });
  });

  it('round-trips a collection as exported (without the SDK) too', () => {
    expect(fromPostman(JSON.parse(JSON.stringify(toPostman(draft))), context).draft).toEqual(draft);
  });

  it('imports a collection made in Postman: url objects, disabled parts, auth, scripts, form-data, with warnings for what cannot map', () => {
    const made = {
      info: { name: 'From Postman', schema: POSTMAN_SCHEMA_V21 },
      item: [
        {
          name: 'Send',
          event: [{ listen: 'test', script: { exec: ['pm.test("ok", () => pm.response.to.have.status(200));'] } }],
          request: {
            method: 'post',
            url: { protocol: 'http', host: ['127', '0', '0', '1'], port: '4000', path: ['hooks', 'x'], query: [{ key: 'a', value: '1' }] },
            header: [
              { key: 'X-On', value: '1' },
              { key: 'X-Off', value: '2', disabled: true },
            ],
            auth: { type: 'bearer', bearer: [{ key: 'token', value: 't0k' }] },
            body: { mode: 'raw', raw: `{"response_path":"${botId}/c/U1","text":"x"}` },
          },
        },
        {
          name: 'Upload',
          request: { method: 'POST', url: 'http://127.0.0.1/x', body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: 'a.png' }] } },
        },
        { name: 'Digest', request: { method: 'HEAD', url: 'http://127.0.0.1/x', auth: { type: 'digest' } } },
      ],
    };
    const { draft: imported, warnings } = fromPostman(made, context);
    expect(imported.items[0]).toEqual({
      kind: 'request',
      name: 'Send',
      request: {
        botId: otherBot,
        responsePath: `${botId}/c/U1`,
        body: `{"response_path":"${botId}/c/U1","text":"x"}`,
        headers: { 'X-On': '1', Authorization: 'Bearer t0k' },
        method: 'POST',
        bodyMode: 'json',
        url: 'http://127.0.0.1:4000/hooks/x?a=1',
      },
    });
    expect(warnings).toEqual([
      'Send: its test script is not run by Botbench and was left out.',
      'Send: the disabled header X-Off was left out.',
      expect.stringContaining('Upload: a multipart (form-data) body became a URL-encoded form; its file fields (f) were left out'),
      'Digest: the method HEAD is not one the composer sends; it became POST.',
      'Digest: digest authorization cannot be mapped; add its header by hand.',
    ]);
  });

  it.each([
    [
      'a v2.0 collection',
      { info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' }, item: [] },
      'Postman Collection v2.0.0; Botbench imports v2.1',
    ],
    ['a v1 collection', { id: 'x', name: 'x', requests: [], order: [] }, 'Postman Collection v1'],
    ['some other JSON', { hello: 'world' }, 'not a Postman collection'],
    ['a malformed item', { info: { name: 'x', schema: POSTMAN_SCHEMA_V21 }, item: [{ name: 5 }] }, 'malformed at item.0.name'],
  ])('refuses %s with BOTBENCH_ERR_IMPORT_FORMAT', (_label, json, message) => {
    expect(() => fromPostman(json, context)).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_IMPORT_FORMAT', message: expect.stringContaining(message) }),
    );
  });

  it('refuses a collection without any request with BOTBENCH_ERR_IMPORT_EMPTY', () => {
    expect(() => fromPostman({ info: { name: 'x', schema: POSTMAN_SCHEMA_V21 }, item: [{ name: 'only a folder', item: [] }] }, context)).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_IMPORT_EMPTY' }),
    );
  });
});

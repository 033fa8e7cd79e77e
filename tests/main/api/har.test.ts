import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromHar, harProblem, historyToHar } from '../../../main/api/har.ts';
import { sendWebhook } from '../../../main/api/webhook-composer.ts';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { api, createBot, startPlatform } from '../../mocks/platform.ts';

describe('historyToHar() / fromHar()', () => {
  let server: PlatformServer;
  let bot: Bot;
  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
  });
  afterEach(async () => server.close());

  it('exports real sends (JSON, form, text, GET) as a HAR 1.2 the schema accepts, and imports them back', async () => {
    const bin = (await api<{ url: string }>(server, 'POST', '/api/bins', { name: 'b' })).body;
    const base = { botId: bot.botId, responsePath: `${bot.botId}/c/User123`, headers: {} };
    const entries = [
      await sendWebhook(bot, { ...base, body: '{"response_path":"{{responsePath}}","text":"json"}', sign: true }, []),
      await sendWebhook(
        bot,
        {
          ...base,
          body: '',
          bodyMode: 'form',
          form: [
            { key: 'response_path', value: '{{responsePath}}' },
            { key: 'text', value: 'form' },
          ],
        },
        [],
      ),
      await sendWebhook(bot, { ...base, body: 'raw text', bodyMode: 'text', url: bin.url, method: 'PUT' }, []),
      await sendWebhook(bot, { ...base, body: '', method: 'GET', url: `${bin.url}?q=1` }, []),
    ];
    const har = historyToHar(entries, [bot], '0.1.0');
    expect(harProblem(har)).toBeNull();
    const log = (
      har as {
        log: {
          entries: Array<{
            request: { method: string; url: string; postData?: { mimeType: string; params?: unknown[] } };
            response: { status: number };
            comment: string;
          }>;
        };
      }
    ).log;
    expect(log.entries.map((e) => [e.request.method, e.response.status, e.comment])).toEqual([
      ['POST', 404, expect.stringContaining('refused')],
      ['POST', 404, expect.stringContaining('refused')],
      ['PUT', 200, 'answered'],
      ['GET', 200, 'answered'],
    ]);
    expect(log.entries[1]!.request.postData).toMatchObject({
      mimeType: 'application/x-www-form-urlencoded',
      params: [{ name: 'response_path' }, { name: 'text', value: 'form' }],
    });

    const { draft, requests, warnings } = fromHar(JSON.parse(JSON.stringify(har)), { botId: bot.botId, bots: [bot] });
    expect(requests).toBe(4);
    expect(warnings).toEqual([]);
    expect(draft.items.map((i) => i.kind === 'request' && [i.request.method, i.request.bodyMode, i.request.url])).toEqual([
      ['POST', 'json', undefined],
      ['POST', 'form', undefined],
      ['PUT', 'text', bin.url],
      ['GET', 'json', `${bin.url}?q=1`],
    ]);
    const first = draft.items[0]!;
    // What was sent, signature headers included (a replay of a signed one is refused, as it should be).
    expect(first.kind === 'request' && Object.keys(first.request.headers)).toEqual(expect.arrayContaining(['webhook-id', 'webhook-signature']));
  });
});

describe('fromHar() refusals', () => {
  const context = { botId: '5852754509ac70000c104b80', bots: [] };
  it('refuses a HAR without entries with BOTBENCH_ERR_IMPORT_EMPTY', () => {
    expect(() => fromHar({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [] } }, context)).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_IMPORT_EMPTY', message: expect.stringContaining('no entries') }),
    );
  });
  it('refuses another HAR version, and a file that breaks the HAR 1.2 schema, with BOTBENCH_ERR_IMPORT_FORMAT', () => {
    expect(() => fromHar({ log: { version: '2.0', creator: { name: 'x', version: '1' }, entries: [] } }, context)).toThrow(
      /HAR 2\.0; Botbench imports HAR 1\.2/,
    );
    expect(() => fromHar({ log: { version: '1.2', entries: [] } }, context)).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_IMPORT_FORMAT', message: expect.stringContaining('creator') }),
    );
  });
  it('the validator is not vacuous: it refuses an entry without a request', () => {
    expect(
      harProblem({
        log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [{ startedDateTime: new Date().toISOString(), time: 1 }] },
      }),
    ).toMatch(/request/);
  });
});

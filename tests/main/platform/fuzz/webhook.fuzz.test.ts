import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../main/platform/errors.ts';
import type { Bot } from '../../../../main/platform/model.ts';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { api, createBot, eventually, startPlatform, WidgetClient } from '../../../mocks/platform.ts';
import { expectRefusalBody, FUZZ_RUNS, lastLogSeq, Tally, writeCounter } from './fuzz-helpers.ts';

/**
 * Issue #10, fuzzing the webhook endpoint: generated bodies, content types, response paths with
 * odd characters, huge and empty values, and hook ids. Every answer is checked against what
 * docs/api.md (Webhooks) says it must be; a refusal must be a 4xx with a stable error code that
 * says what was expected, must be logged, and must write nothing else.
 */

const BODY_LIMIT = 1024 * 1024;
const MAX_TEXT = 4000;
/** No whitespace, control or format characters, or "/", 1 to 128 characters (docs/api.md, Concepts). */
const CHANNEL_ID = /^[^\s/\p{Cc}\p{Cf}]{1,128}$/u;

/**
 * `nowhere`: a raw path a URL parser normalises to another route (e.g. "/hooks/%2E%2E" is "/"): not a webhook URL at all.
 * `malformed`: a raw path that does not decode (broken percent-encoding, or bytes that are not UTF-8): any documented refusal.
 */
type Hook = { kind: 'bot' | 'other' | 'signed' | 'disabled' | 'unknown' | 'nowhere' | 'malformed'; path: string };

interface WebhookCase {
  hook: Hook;
  /** Absent: no Content-Type header. */
  contentType: string | undefined;
  payload: string;
}

/** An answer docs/api.md allows; several when it does not say which of two faults is reported first. */
interface Outcome {
  status: number;
  code: ErrorCode | null;
}

/** Percent-encodes every byte outside the unreserved set (a lone surrogate becomes U+FFFD, as any UTF-8 encoder does). */
function percentEncode(value: string): string {
  return [...new TextEncoder().encode(value)]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function contentKind(contentType: string | undefined): 'none' | 'json' | 'form' | 'other' {
  if (contentType === undefined) return 'none';
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  if (essence === 'application/json') return 'json';
  if (essence === 'application/x-www-form-urlencoded') return 'form';
  return 'other';
}

/** The answers docs/api.md allows for this request; null: any documented refusal (the request names no webhook URL). */
function expected(c: WebhookCase, knownUsers: ReadonlySet<string>, knownBots: ReadonlySet<string>): Outcome[] | null {
  const refuse = (status: number, ...codes: ErrorCode[]): Outcome[] => codes.map((code) => ({ status, code }));
  if (c.hook.kind === 'nowhere' || c.hook.kind === 'malformed') return null;
  // An unknown webhook URL: docs/api.md says BOT_NOT_FOUND, docs/flows.md and the errors table FLOW_NOT_FOUND.
  if (c.hook.kind === 'unknown' || c.hook.kind === 'disabled') return refuse(404, 'BOTBENCH_ERR_FLOW_NOT_FOUND', 'BOTBENCH_ERR_BOT_NOT_FOUND');
  const kind = contentKind(c.contentType);
  const bytes = Buffer.byteLength(c.payload);
  if (kind === 'other' || (kind === 'none' && bytes > 0)) return refuse(415, 'BOTBENCH_ERR_CONTENT_TYPE');
  if (bytes > BODY_LIMIT) return refuse(413, 'BOTBENCH_ERR_BODY_TOO_LARGE');
  let body: unknown;
  if (kind === 'json') {
    try {
      body = JSON.parse(c.payload);
    } catch {
      return refuse(400, 'BOTBENCH_ERR_JSON');
    }
  } else if (kind === 'form') body = Object.fromEntries(new URLSearchParams(c.payload));
  // A bot that verifies webhooks checks the signature before the body's shape.
  if (c.hook.kind === 'signed') return refuse(401, 'BOTBENCH_ERR_WEBHOOK_SIGNATURE');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'BOTBENCH_ERR_VALIDATION');
  const { response_path: path, text } = body as Record<string, unknown>;
  if (typeof path !== 'string' || path.trim() === '' || typeof text !== 'string' || text.trim() === '') return refuse(400, 'BOTBENCH_ERR_VALIDATION');
  // A text too long and a bad or unknown response path: the docs do not say which is reported first.
  const faults: Outcome[] = [];
  if (text.trim().length > MAX_TEXT) faults.push(...refuse(400, 'BOTBENCH_ERR_VALIDATION'));
  const match = /^([0-9a-f]{24})\/c\/(.*)$/s.exec(path.trim());
  if (!match || !CHANNEL_ID.test(match[2]!)) faults.push(...refuse(400, 'BOTBENCH_ERR_RESPONSE_PATH'));
  else {
    // A lone surrogate is no character: refusing such a Channel ID as malformed is as right as not finding it.
    if (!match[2]!.isWellFormed()) faults.push(...refuse(400, 'BOTBENCH_ERR_RESPONSE_PATH'));
    if (!knownBots.has(match[1]!)) faults.push(...refuse(404, 'BOTBENCH_ERR_BOT_NOT_FOUND'));
    else if (!knownUsers.has(path.trim())) faults.push(...refuse(404, 'BOTBENCH_ERR_USER_NOT_FOUND'));
  }
  return faults.length > 0 ? faults : [{ status: 200, code: null }];
}

const describeOutcomes = (outcomes: Outcome[]): string => outcomes.map((o) => `${o.status}${o.code ? ` ${o.code}` : ''}`).join(' or ');

describe('webhook endpoint (POST /hooks/{hookId}) under fuzzing', () => {
  let server: PlatformServer;
  let bot: Bot;
  let other: Bot;
  let signed: Bot;
  let disabledHook: string;
  let paths: string[];
  const knownUsers = new Set<string>();
  const knownBots = new Set<string>();
  const answers = new Tally();
  let writes: () => number;

  beforeAll(async () => {
    server = await startPlatform();
    bot = await createBot(server, { name: 'Fuzzed bot' });
    other = await createBot(server, { name: 'Other bot' });
    signed = await createBot(server, { name: 'Signed bot', settings: { verifyWebhooks: true } });
    const flow = await api<{ webhookUrl: string }>(server, 'POST', `/api/bots/${bot.botId}/flows`, {
      name: 'Disabled hook',
      enabled: false,
      trigger: { type: 'webhook' },
      actions: [{ type: 'send', to: '{{webhook.body.response_path}}', text: '{{webhook.body.text}}' }],
    });
    expect(flow.status).toBe(201);
    disabledHook = new URL(flow.body.webhookUrl).pathname.slice('/hooks/'.length);
    for (const b of [bot, other, signed]) knownBots.add(b.botId);
    // Users exist once a widget has said hello; closed again, so every accepted webhook is queued.
    const hellos: Array<[Bot, Record<string, string>]> = [
      [bot, { externalUserId: 'User123' }],
      [bot, { externalUserId: 'U-é😀' }],
      [bot, {}],
      [other, { externalUserId: 'User123' }],
    ];
    for (const [b, hello] of hellos) {
      const { client, welcome } = await WidgetClient.connect(server, { botId: b.botId, ...hello });
      knownUsers.add(welcome.responsePath);
      await client.close();
    }
    paths = [...knownUsers];
    await eventually(() => paths.every((path) => server.platform.hub.count(path) === 0));
    writes = writeCounter(server.platform.db);
  });

  afterAll(async () => {
    console.log(answers.format('webhook fuzz: answers by status and code'));
    await server?.close();
  });

  // ---- generators -------------------------------------------------------------------------

  const odd = fc.constantFrom(
    ' ',
    '\t',
    '\n',
    '\r',
    '\u0000',
    '\u007f',
    '\u0085',
    '\u00a0',
    '\u200b',
    '\u2028',
    '\ufeff',
    '/',
    '\\',
    '%',
    '?',
    '#',
    '"',
    "'",
    '<',
    '{',
    '}',
    'é',
    '😀',
    '\ud800',
    '\udc00',
    'c',
    'a',
    '0',
  );
  const oddString = (maxLength: number) =>
    fc.oneof(fc.string({ unit: odd, maxLength }), fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'grapheme', maxLength }));
  const hex24 = fc.stringMatching(/^[0-9a-f]{24}$/);

  const channelArb = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('User123', 'U-é😀', 'nobody', 'user123', 'User123 ', 'User/123', 'n_unknown') },
      { weight: 3, arbitrary: oddString(12) },
      { weight: 1, arbitrary: fc.integer({ min: 120, max: 140 }).map((n) => 'u'.repeat(n)) },
    );
  const responsePathArb = () =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...paths) },
      { weight: 1, arbitrary: fc.constantFrom(...paths).chain((path) => fc.tuple(oddString(2), oddString(2)).map(([a, b]) => `${a}${path}${b}`)) },
      {
        weight: 4,
        arbitrary: fc
          .tuple(
            fc.oneof(fc.constantFrom(bot.botId, other.botId, signed.botId), hex24, oddString(30)),
            fc.constantFrom('/c/', '/C/', '/c', '//c/', '/c//'),
            channelArb(),
          )
          .map(([b, sep, ch]) => `${b}${sep}${ch}`),
      },
      { weight: 2, arbitrary: oddString(40) },
      { weight: 1, arbitrary: fc.constantFrom('', '/c/', 'User123', `${bot.botId}/c/`, `${bot.botId.toUpperCase()}/c/User123`) },
    );
  const textArb = () =>
    fc.oneof(
      { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
      { weight: 2, arbitrary: oddString(20) },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000', '\ufeff'), maxLength: 6 }) },
      { weight: 1, arbitrary: fc.constantFrom('{{webhook.body.response_path}}', '{% raw %}', '{{', '{% if %}', '{{ 7 | times: 6 }}') },
      {
        weight: 1,
        arbitrary: fc.integer({ min: -2, max: 2 }).chain((d) => fc.constantFrom('a'.repeat(MAX_TEXT + d), ` ${'b'.repeat(MAX_TEXT + d)}\n`)),
      },
    );
  const wrongType = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.object({ maxDepth: 1 }),
  );
  const bodyObject = () =>
    fc
      .tuple(
        fc.record(
          {
            response_path: fc.oneof({ weight: 6, arbitrary: responsePathArb() }, { weight: 1, arbitrary: wrongType }),
            text: fc.oneof({ weight: 6, arbitrary: textArb() }, { weight: 1, arbitrary: wrongType }),
          },
          { requiredKeys: [] },
        ),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
      )
      .map(([fields, extra]) => ({ ...extra, ...fields }));

  const jsonTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=UTF-8');
  const formTypes = fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8');
  const otherTypes = fc.oneof(
    fc.constantFrom(
      'text/plain',
      'text/html',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/octet-stream',
      '*/*',
      'application/jsonx',
      'application/json+x',
      'json',
      '',
    ),
    fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).filter((type) => !/^\s|\s$/.test(type) && !['json', 'form'].includes(contentKind(type))),
  );
  const toForm = (body: Record<string, unknown>): string =>
    new URLSearchParams(
      Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value : (JSON.stringify(value) ?? '')]),
    ).toString();
  /** Bodies over and around the 1 MiB limit, built once per size rather than generated character by character. */
  const huge = fc.integer({ min: -3, max: 3 }).map((d) => JSON.stringify({ response_path: paths[0], text: 'h'.repeat(BODY_LIMIT + d * 40 - 40) }));

  const payloadArb = (): fc.Arbitrary<Pick<WebhookCase, 'contentType' | 'payload'>> =>
    fc.oneof(
      { weight: 8, arbitrary: fc.record({ contentType: jsonTypes, payload: bodyObject().map((body) => JSON.stringify(body)) }) },
      { weight: 3, arbitrary: fc.record({ contentType: formTypes, payload: bodyObject().map(toForm) }) },
      {
        weight: 1,
        arbitrary: fc.record({ contentType: jsonTypes, payload: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? '') }),
      },
      { weight: 1, arbitrary: fc.record({ contentType: fc.oneof(jsonTypes, formTypes), payload: oddString(30) }) },
      {
        weight: 1,
        arbitrary: fc.record({ contentType: fc.oneof(jsonTypes, formTypes, otherTypes, fc.constant(undefined)), payload: fc.constant('') }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          contentType: fc.oneof(otherTypes, fc.constant(undefined)),
          payload: bodyObject().map((body) => JSON.stringify(body)),
        }),
      },
      { weight: 1, arbitrary: fc.record({ contentType: fc.oneof(jsonTypes, otherTypes, fc.constant(undefined)), payload: huge }) },
    );

  const hookArb = (): fc.Arbitrary<Hook> => {
    const id = (b: Bot): string => new URL(b.webhookUrl).pathname.slice('/hooks/'.length);
    return fc.oneof(
      { weight: 12, arbitrary: fc.constant<Hook>({ kind: 'bot', path: id(bot) }) },
      { weight: 2, arbitrary: fc.constant<Hook>({ kind: 'other', path: id(other) }) },
      { weight: 1, arbitrary: fc.constant<Hook>({ kind: 'signed', path: id(signed) }) },
      { weight: 1, arbitrary: fc.constant<Hook>({ kind: 'disabled', path: disabledHook }) },
      {
        weight: 3,
        arbitrary: fc
          .oneof(
            oddString(20),
            fc.string({ minLength: 1, maxLength: 64 }),
            fc.integer({ min: 60, max: 130 }).map((n) => 'k'.repeat(n)),
            fc.constantFrom(id(bot).toUpperCase(), `${id(bot)}x`, id(bot).slice(1)),
          )
          .filter((value) => value !== '')
          // "." and ".." are resolved away by URL parsers: "/hooks/." is "/hooks/", no webhook URL.
          .map((value): Hook => ({ kind: ['.', '..'].includes(value) ? 'nowhere' : 'unknown', path: percentEncode(value) })),
      },
      {
        weight: 1,
        // Raw, as a client could send them: broken percent-encoding, an encoded lone surrogate, NUL, an encoded "/".
        arbitrary: fc
          .constantFrom('%ZZ', '%', '%E0%A4%A', '%ED%A0%80', '%FF', '%00', 'a%2Fb', '%2E%2E', '%25', `${id(bot)}%00`)
          .map((path): Hook => ({
            kind: path === '%2E%2E' ? 'nowhere' : /%(?![0-9A-F]{2})|%E0%A4%A|%ED|%FF/.test(path) ? 'malformed' : 'unknown',
            path,
          })),
      },
    );
  };

  const caseArb = (): fc.Arbitrary<WebhookCase> => fc.tuple(hookArb(), payloadArb()).map(([hook, payload]) => ({ hook, ...payload }));

  // ---- the check ----------------------------------------------------------------------------

  async function check(c: WebhookCase, send: (c: WebhookCase) => Promise<{ status: number; contentType: string | undefined; text: string }>) {
    const db = server.platform.db;
    const before = writes();
    const logBefore = lastLogSeq(db);
    const messagesBefore = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    const answer = await send(c);
    const what = `POST /hooks/${c.hook.path} (${c.hook.kind}) content-type ${JSON.stringify(c.contentType)} body ${JSON.stringify(c.payload.slice(0, 200))}${c.payload.length > 200 ? `… (${c.payload.length} characters)` : ''}`;
    expect(answer.status, `${what}: no 5xx`).toBeLessThan(500);
    const want = expected(c, knownUsers, knownBots);
    if (answer.status >= 400) {
      const code = expectRefusalBody(answer.status, answer.contentType, answer.text, what);
      answers.add(`${answer.status} ${code}`);
      expect(writes() - before, `${what}: rows a refusal wrote`).toBe(0);
      const logged = db
        .prepare("SELECT detail FROM interaction_log WHERE seq > ? AND kind = 'webhook' AND status = 'refused'")
        .all(logBefore) as Array<{ detail: string }>;
      if (want === null) return;
      expect(
        logged.map((row) => (JSON.parse(row.detail) as { code?: string }).code),
        `${what}: the refusal is logged once with its code`,
      ).toEqual([code]);
      expect(
        want.some((o) => o.status === answer.status && o.code === code),
        `${what}: docs/api.md says ${describeOutcomes(want)}; got ${answer.status} ${answer.text.slice(0, 300)}`,
      ).toBe(true);
    } else {
      answers.add(`${answer.status}`);
      expect(want, `${what}: reaches no webhook, yet answered ${answer.status}`).not.toBeNull();
      expect(
        want!.some((o) => o.status === answer.status),
        `${what}: docs/api.md says ${describeOutcomes(want!)}; got ${answer.status} ${answer.text.slice(0, 300)}`,
      ).toBe(true);
      const body = JSON.parse(answer.text) as { status: string; responsePath: string; messageId: string; delivered: number };
      const sent = (contentKind(c.contentType) === 'json' ? JSON.parse(c.payload) : Object.fromEntries(new URLSearchParams(c.payload))) as {
        response_path: string;
        text: string;
      };
      expect(body, what).toMatchObject({ status: 'queued', responsePath: sent.response_path.trim(), delivered: 0 });
      const stored = db.prepare('SELECT * FROM messages WHERE id = ?').get(body.messageId) as Record<string, unknown> | undefined;
      expect(stored, `${what}: the answered message is stored`).toMatchObject({
        response_path: sent.response_path.trim(),
        direction: 'out',
        source: 'webhook',
        // SQLite stores UTF-8: a lone surrogate in the text becomes U+FFFD (reported; not a refusal).
        text: sent.text.trim().toWellFormed(),
        delivered_at: null,
      });
      expect((db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n, `${what}: exactly one message written`).toBe(
        messagesBefore + 1,
      );
    }
  }

  const inject = async (c: WebhookCase) => {
    const response = await server.app.inject({
      method: 'POST',
      url: `/hooks/${c.hook.path}`,
      headers: c.contentType === undefined ? {} : { 'content-type': c.contentType },
      // No Content-Type and no body: send no body at all (an empty string would be typed text/plain).
      ...(c.contentType === undefined && c.payload === '' ? {} : { payload: c.payload }),
    });
    return { status: response.statusCode, contentType: response.headers['content-type'] as string | undefined, text: response.body };
  };

  const overTheSocket = async (c: WebhookCase) => {
    const response = await fetch(`${server.url}/hooks/${c.hook.path}`, {
      method: 'POST',
      headers: c.contentType === undefined ? {} : { 'content-type': c.contentType },
      ...(c.contentType === undefined && c.payload === '' ? {} : { body: c.payload }),
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? undefined, text: await response.text() };
  };

  it(`answers ${FUZZ_RUNS} generated requests (in-process) as documented: 2xx only for a valid body, else a logged 4xx that writes nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), (c) => check(c, inject)),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);

  it('answers 250 generated requests over a real socket the same way, and stays up', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), (c) => check(c, overTheSocket)),
      { numRuns: 250 },
    );
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  }, 120_000);
  /**
   * Counterexamples fast-check found, kept as explicit cases (seeds and paths are those of the runs
   * that found them, with the generators of this file). All were fixed in main/ by 72aa1a0.
   */
  describe('regressions found by fuzzing', () => {
    // Seed 168697463, path "12:0:0:0:0:0:0:0:0". Observed: 400 {"error":"Bad Request","code":"FST_ERR_BAD_URL",
    // "message":"'/hooks/%ZZ' is not a valid url component","statusCode":400}: not the error shape and a code outside
    // errorCodes (also for %E0%A4%A, %ED%A0%80, %FF), and not logged.
    it('refuses a webhook URL with broken percent-encoding (/hooks/%ZZ) with a Botbench error body', async () => {
      await check({ hook: { kind: 'malformed', path: '%ZZ' }, contentType: 'application/json', payload: '{}' }, inject);
    });

    // Seed 1362959108, path "52:6:6:6:6:6:6". Observed: 414 {"error":"Bad Request","code":"FST_ERR_MAX_PARAM_LENGTH",
    // "message":"'/hooks/kkk…' is exceeding the max param length","statusCode":414}, not logged (fastify's maxParamLength, 100).
    it('refuses a 101-character hook id as an unknown webhook URL: 404 with an error code, logged', async () => {
      await check({ hook: { kind: 'unknown', path: 'k'.repeat(101) }, contentType: 'application/json', payload: '{}' }, inject);
    });

    // Seed 175253198, path "19:0:1:0:0:2:0:0" (another run, seed 96441944, shrank to a text of about 1 MiB, also
    // accepted). Observed: 200 {"status":"queued",…}, the 4001-character message stored and queued.
    it('refuses a text longer than 4000 characters with 400 BOTBENCH_ERR_VALIDATION and stores nothing', async () => {
      const payload = JSON.stringify({ response_path: paths[0], text: 'a'.repeat(MAX_TEXT + 1) });
      await check(
        { hook: { kind: 'bot', path: new URL(bot.webhookUrl).pathname.slice('/hooks/'.length) }, contentType: 'application/json', payload },
        inject,
      );
    });
  });
});

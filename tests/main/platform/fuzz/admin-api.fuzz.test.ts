import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../main/platform/errors.ts';
import type { Bot } from '../../../../main/platform/model.ts';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { api, createBot, eventually, startPlatform, TOKEN, WidgetClient } from '../../../mocks/platform.ts';
import { expectRefusalBody, FUZZ_RUNS, Tally, writeCounter } from './fuzz-helpers.ts';

/**
 * Issue #10, fuzzing the admin API: random methods and paths under /api (documented routes with
 * odd parameters, and random ones), Host, Origin and Authorization variants, content types and
 * bodies. Invariants: never a 5xx; every 4xx is JSON with a stable error code that says what was
 * expected; a request that fails the Host, Origin or token check gets 403/403/401 (in that order)
 * before any data; a refusal writes nothing.
 */

const BODY_LIMIT = 1024 * 1024;

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** The documented admin routes (docs/api.md, Conventions); `:x` is one path segment. HEAD works wherever GET does. */
const ROUTES: Array<{ pattern: string; methods: Method[] }> = [
  { pattern: '/api/bots', methods: ['GET', 'POST'] },
  { pattern: '/api/bots/:botId', methods: ['GET', 'PATCH', 'DELETE'] },
  { pattern: '/api/bots/:botId/contents', methods: ['GET'] },
  { pattern: '/api/users', methods: ['GET', 'POST'] },
  { pattern: '/api/users/export.csv', methods: ['GET'] },
  { pattern: '/api/users/:botId/c/:channelId', methods: ['GET', 'PATCH'] },
  { pattern: '/api/users/:botId/c/:channelId/attributes', methods: ['DELETE'] },
  { pattern: '/api/users/:botId/c/:channelId/transcript', methods: ['GET'] },
  { pattern: '/api/log', methods: ['GET'] },
  { pattern: '/api/bots/:botId/flows', methods: ['GET', 'POST', 'PUT'] },
  { pattern: '/api/flows/:id', methods: ['GET', 'PUT', 'DELETE'] },
  { pattern: '/api/bins', methods: ['GET', 'POST'] },
  { pattern: '/api/bins/:id', methods: ['PATCH', 'DELETE'] },
  { pattern: '/api/bins/:id/requests', methods: ['GET'] },
];

interface AdminCase {
  method: Method;
  /** Path and query, as sent. */
  url: string;
  /** The documented route it was built from, if any. */
  route: string | null;
  host: { ok: boolean; value: string };
  /** Absent: no Origin header. */
  origin: { ok: boolean; value: string } | null;
  auth: { kind: 'ok' | 'missing' | 'wrong'; value: string | null };
  contentType: string | undefined;
  body: string | undefined;
}

/**
 * What the docs say must happen, as far as the request's shape decides it; null where only the
 * invariants apply (a random path, or a body the route itself judges).
 */
function expected(c: AdminCase): { status: number; code: ErrorCode | null; reason?: string } | null {
  if (c.route === null) return null;
  const route = ROUTES.find((r) => r.pattern === c.route);
  const allowed = route ? [...route.methods, ...(route.methods.includes('GET') ? (['HEAD'] as const) : [])] : [];
  const noRoute = c.route === '/api/health' ? !['GET', 'HEAD'].includes(c.method) : !allowed.includes(c.method);
  if (noRoute) {
    // "Any other method or path answers 404". With a body, fastify reads it first, so a body it cannot read is
    // refused as such (415/413/400) before the 404: a refusal either way, and no route runs.
    return c.body === undefined ? { status: 404, code: 'BOTBENCH_ERR_NOT_FOUND' } : null;
  }
  if (c.route === '/api/health') return { status: 200, code: null };
  if (!c.host.ok) return { status: 403, code: 'BOTBENCH_ERR_FORBIDDEN_HOST', reason: 'host' };
  if (c.origin && !c.origin.ok) return { status: 403, code: 'BOTBENCH_ERR_FORBIDDEN_HOST', reason: 'origin' };
  if (c.auth.kind !== 'ok') return { status: 401, code: 'BOTBENCH_ERR_UNAUTHORIZED' };
  if (['POST', 'PUT', 'PATCH'].includes(c.method) && c.body !== undefined) {
    if (c.contentType === undefined || !/^application\/json\b/i.test(c.contentType)) return { status: 415, code: 'BOTBENCH_ERR_CONTENT_TYPE' };
    if (Buffer.byteLength(c.body) > BODY_LIMIT) return { status: 413, code: 'BOTBENCH_ERR_BODY_TOO_LARGE' };
  }
  return null;
}

/** Percent-encodes every byte outside the unreserved set (a lone surrogate becomes U+FFFD, as any UTF-8 encoder does). */
function percentEncode(value: string): string {
  return [...new TextEncoder().encode(value)]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

describe('admin API (/api/…) under fuzzing', () => {
  let server: PlatformServer;
  let port: number;
  let bot: Bot;
  let flowIds: string[];
  let binId: string;
  let writes: () => number;
  const refusals = new Tally();
  const answers = new Tally();

  beforeAll(async () => {
    server = await startPlatform();
    port = Number(new URL(server.url).port);
    bot = await createBot(server, { name: 'Admin fuzz bot' });
    await createBot(server, { name: 'Second bot', botId: '5852754509ac70000c104b80' });
    const { client } = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: 'User123' });
    await client.close();
    await eventually(() => server.platform.hub.count(`${bot.botId}/c/User123`) === 0);
    flowIds = (await api<{ flows: Array<{ id: string }> }>(server, 'GET', `/api/bots/${bot.botId}/flows`)).body.flows.map((flow) => flow.id);
    binId = (await api<{ id: string }>(server, 'POST', '/api/bins', { name: 'Fuzz bin' })).body.id;
    writes = writeCounter(server.platform.db);
  });

  afterAll(async () => {
    console.log(refusals.format('admin fuzz: refusals by reason'));
    console.log(answers.format('admin fuzz: all answers'));
    await server?.close();
  });

  // ---- generators -------------------------------------------------------------------------

  const odd = fc.constantFrom(
    ' ',
    '\t',
    '\n',
    '\u0000',
    '\u007f',
    '\u00a0',
    '\u200b',
    '\ufeff',
    '/',
    '\\',
    '%',
    '?',
    '#',
    '.',
    '"',
    'é',
    '😀',
    '\ud800',
    'a',
    '0',
  );
  const oddString = (maxLength: number) =>
    fc.oneof(fc.string({ unit: odd, maxLength }), fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'grapheme', maxLength }));
  /** Printable ASCII without surrounding spaces: what an HTTP header value can carry unchanged. */
  const headerText = (maxLength: number) =>
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength }).filter((value) => !/^\s|\s$/.test(value) && !/[\r\n]/.test(value));

  const segment = (known: string[]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...known).map(percentEncode) },
      { weight: 3, arbitrary: oddString(12).map(percentEncode) },
      { weight: 1, arbitrary: fc.integer({ min: 95, max: 130 }).map((n) => 's'.repeat(n)) },
      { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%', '%ED%A0%80', '%FF', '%2F', '%2E%2E', '') },
    );
  const segments = () => ({
    botId: segment([bot.botId, bot.botId, '5852754509ac70000c104b80', '000000000000000000000000', bot.botId.toUpperCase(), 'nope']),
    channelId: segment(['User123', 'User123', 'nobody', 'n_QVIUyPr', 'a b', 'x'.repeat(129)]),
    id: segment([...flowIds, binId, binId, 'unknown-id']),
  });

  const queryArb = fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom('botId', 'q', 'limit', 'kind', 'status', 'before', 'responsePath'), fc.string({ maxLength: 8 })),
        fc.oneof(fc.constantFrom('1', '5000', '5001', '0', '-1', '1e3', 'abc', '', 'webhook', 'refused', 'bot', 'x'.repeat(201)), oddString(10)),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}` : ''));

  const anyMethod = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<Method>('GET', 'POST', 'PATCH', 'PUT') },
    { weight: 2, arbitrary: fc.constantFrom<Method>('HEAD', 'DELETE', 'OPTIONS') },
  );

  /** A method and a path: mostly a documented route with one of its methods, else any method, or a random path under /api. */
  const targetArb = (): fc.Arbitrary<{ method: Method; path: string; route: string | null }> => {
    const s = segments();
    const routes = [...ROUTES, { pattern: '/api/health', methods: ['GET', 'HEAD'] as Method[] }];
    const documented = (method: (route: (typeof routes)[number]) => fc.Arbitrary<Method>) =>
      fc
        .constantFrom(...routes)
        .chain((route) => fc.tuple(fc.constant(route.pattern), method(route), s.botId, s.channelId, s.id, queryArb))
        .map(([pattern, m, botId, channelId, id, query]) => {
          const path = pattern.replace(':botId', botId).replace(':channelId', channelId).replace(':id', id);
          // An empty, dot or encoded-"/" segment changes which route matches (URL parsers resolve "." and ".."): then only the invariants apply.
          const clean = [botId, channelId, id].every(
            (v) => !['', '.', '..'].includes(v) && !/%2F|%2E%2E|%ZZ|^%$|%ED|%FF/i.test(v) && v.length <= 100,
          );
          return { method: m, path: path + query, route: clean ? pattern : null };
        });
    return fc.oneof(
      { weight: 8, arbitrary: documented((route) => fc.constantFrom(...route.methods)) },
      { weight: 3, arbitrary: documented(() => anyMethod) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(anyMethod, fc.oneof(fc.webPath(), oddString(20).map(percentEncode)))
          .map(([method, rest]) => ({ method, path: `/api/${rest.replace(/^\//, '')}`, route: null })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(anyMethod, fc.constantFrom('/api', '/api/', '//api/bots', '/api/bots/', '/api/BOTS', '/api/bots?', '/API/bots'))
          .map(([method, path]) => ({ method, path, route: null })),
      },
    );
  };

  const hostArb = () =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`).map((value) => ({ ok: true, value })) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            fc.constantFrom(
              `127.0.0.1:${port + 1}`,
              'evil.example',
              `evil.example:${port}`,
              '127.0.0.1',
              `LOCALHOST:${port}`,
              `127.0.0.1:${port}.evil.example`,
              `0.0.0.0:${port}`,
              `127.0.0.1:0${port}`,
            ),
            headerText(30),
          )
          .filter((value) => ![`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(value))
          .map((value) => ({ ok: false, value })),
      },
    );
  const originArb = () =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(`http://127.0.0.1:${port}`, `http://localhost:${port}`).map((value) => ({ ok: true, value })) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            fc.constantFrom(
              'null',
              `https://127.0.0.1:${port}`,
              'http://evil.example',
              `http://127.0.0.1:${port}/`,
              `http://127.0.0.1:${port + 1}`,
              `HTTP://localhost:${port}`,
            ),
            headerText(30),
          )
          .filter((value) => ![`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(value))
          .map((value) => ({ ok: false, value })),
      },
    );
  const authArb = () =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant({ kind: 'ok' as const, value: `Bearer ${TOKEN}` }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const, value: null }) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            fc.constantFrom(
              'Bearer wrong-token',
              `bearer ${TOKEN}`,
              `Bearer  ${TOKEN}`,
              `Bearer ${TOKEN}x`,
              `Bearer ${TOKEN.slice(0, -1)}`,
              TOKEN,
              `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`,
              'Bearer',
              `Token ${TOKEN}`,
            ),
            headerText(40),
            headerText(40).map((value) => `Bearer ${value}`),
          )
          .filter((value) => value !== `Bearer ${TOKEN}`)
          .map((value) => ({ kind: 'wrong' as const, value })),
      },
    );

  const name = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    fc.constantFrom('', '   ', 'n'.repeat(100), 'n'.repeat(101)),
    oddString(10),
  );
  const settings = fc.record(
    {
      theme: fc.oneof(fc.stringMatching(/^#[0-9a-fA-F]{6}$/), fc.constantFrom('red', '#fff', '#12345g', '')),
      greeting: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('g'.repeat(501))),
      verifyWebhooks: fc.oneof(fc.boolean(), fc.constant('yes')),
      verifyIdentity: fc.oneof(fc.boolean(), fc.constant(1)),
      extra: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  );
  const embedCode = () =>
    fc.oneof(
      fc
        .tuple(
          fc.record(
            {
              web: fc.record(
                { botId: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), fc.constant(bot.botId), fc.jsonValue({ maxDepth: 1 })) },
                { requiredKeys: [] },
              ),
              theme: fc.jsonValue({ maxDepth: 0 }),
            },
            { requiredKeys: [] },
          ),
          fc.constantFrom<BufferEncoding>('base64', 'base64url'),
        )
        .map(([config, encoding]) => Buffer.from(JSON.stringify(config)).toString(encoding)),
      fc.string({ maxLength: 30 }),
    );
  const botBody = () =>
    fc.record(
      {
        name,
        botId: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), fc.constantFrom(bot.botId, 'nope')),
        embedCode: embedCode(),
        settings,
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    );
  const flow = fc.record(
    {
      name,
      enabled: fc.oneof(fc.boolean(), fc.constant('no')),
      trigger: fc.oneof(
        fc.constantFrom(
          { type: 'message', match: { type: 'any' } },
          { type: 'conversation' },
          { type: 'webhook', required: ['text'] },
          { type: 'message', match: { type: 'regex', pattern: '(' } },
        ),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      actions: fc.oneof(
        fc.constantFrom(
          [{ type: 'send', text: 'hi {{user.kind}}' }],
          [{ type: 'condition', left: '{{trigger.text}}', op: 'contains', right: 'x' }],
          [],
          [{ type: 'delay', ms: 0 }],
        ),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
      ),
      extra: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  );
  const binBody = fc.record(
    {
      name,
      response: fc.record(
        {
          status: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.integer()),
          body: fc.string({ maxLength: 20 }),
          contentType: fc.string({ maxLength: 20 }),
          delayMs: fc.integer({ min: -1, max: 30_001 }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

  const bodyArb = (): fc.Arbitrary<{ contentType: string | undefined; body: string | undefined }> => {
    const json = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;');
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant({ contentType: undefined, body: undefined }) },
      {
        weight: 8,
        arbitrary: fc.record({
          contentType: json,
          body: fc.oneof(botBody(), flow, binBody, fc.array(flow, { maxLength: 3 })).map((value) => JSON.stringify(value)),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          contentType: json,
          body: fc.oneof(
            fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? ''),
            oddString(20),
          ),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          contentType: fc.oneof(
            fc.constantFrom(
              undefined,
              'text/plain',
              'application/x-www-form-urlencoded',
              'application/jsonx',
              'application/json+x',
              'multipart/form-data; boundary=x',
              '',
            ),
            headerText(30),
          ),
          body: fc.oneof(
            botBody().map((value) => JSON.stringify(value)),
            fc.string({ maxLength: 30 }),
          ),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          contentType: json,
          body: fc.integer({ min: -2, max: 2 }).map((d) => JSON.stringify({ name: 'n'.repeat(BODY_LIMIT + d * 20 - 10) })),
        }),
      },
    );
  };

  const caseArb = (): fc.Arbitrary<AdminCase> =>
    fc
      .tuple(targetArb(), hostArb(), originArb(), authArb(), bodyArb())
      // A HEAD request carries no body (Node's HTTP client cannot read the answer to one that does).
      .map(([{ method, path, route }, host, origin, auth, { contentType, body }]) => ({
        method,
        url: path,
        route,
        host,
        origin,
        auth,
        contentType,
        body: method === 'HEAD' ? undefined : body,
      }));

  // ---- the check ----------------------------------------------------------------------------

  type Answer = { status: number; contentType: string | undefined; text: string };

  function headersOf(c: AdminCase): Record<string, string> {
    return {
      host: c.host.value,
      ...(c.origin ? { origin: c.origin.value } : {}),
      ...(c.auth.value === null ? {} : { authorization: c.auth.value }),
      ...(c.contentType === undefined ? {} : { 'content-type': c.contentType }),
    };
  }

  async function check(c: AdminCase, send: (c: AdminCase) => Promise<Answer>): Promise<void> {
    const before = writes();
    const answer = await send(c);
    const what = `${c.method} ${c.url.slice(0, 200)} host ${JSON.stringify(c.host.value)} origin ${JSON.stringify(c.origin?.value ?? null)} authorization ${JSON.stringify(c.auth.value)} content-type ${JSON.stringify(c.contentType)} body ${JSON.stringify(c.body?.slice(0, 160) ?? null)}${(c.body?.length ?? 0) > 160 ? `… (${c.body!.length} characters)` : ''}`;
    expect(answer.status, `${what}: no 5xx; got ${answer.text.slice(0, 300)}`).toBeLessThan(500);
    const guarded = !c.url.startsWith('/api/health');
    if (guarded && (!c.host.ok || (c.origin && !c.origin.ok) || c.auth.kind !== 'ok')) {
      expect(answer.status, `${what}: no data without the right Host, Origin and token; got ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(
        400,
      );
    }
    let code: ErrorCode | null = null;
    if (answer.status >= 400) {
      if (c.method === 'HEAD') expect(answer.contentType, `${what}: content type`).toMatch(/^application\/json/);
      else code = expectRefusalBody(answer.status, answer.contentType, answer.text, what);
      expect(writes() - before, `${what}: rows a refusal wrote`).toBe(0);
      const reason =
        answer.status === 401
          ? c.auth.kind === 'missing'
            ? 'missing token'
            : 'wrong token'
          : answer.status === 403
            ? /origin/i.test(answer.text)
              ? 'origin'
              : 'host'
            : null;
      refusals.add(`${answer.status} ${code ?? '(HEAD, no body)'}${reason ? ` (${reason})` : ''}`);
    }
    answers.add(`${c.method} ${answer.status}`);
    const want = expected(c);
    if (want) {
      expect(answer.status, `${what}: docs/api.md says ${want.status} ${want.code ?? ''}; got ${answer.text.slice(0, 300)}`).toBe(want.status);
      if (want.code && code) expect(code, what).toBe(want.code);
      if (c.method !== 'HEAD' && want.reason) expect(answer.text, `${what}: the refusal names the ${want.reason}`).toMatch(want.reason);
    }
  }

  const inject = async (c: AdminCase): Promise<Answer> => {
    const response = await server.app.inject({
      method: c.method,
      url: c.url,
      headers: headersOf(c),
      ...(c.body === undefined ? {} : { payload: c.body }),
    });
    return { status: response.statusCode, contentType: response.headers['content-type'] as string | undefined, text: response.body };
  };

  /** A real request over the socket, with exactly these headers (fetch would set its own Host). */
  const overTheSocket = (c: AdminCase): Promise<Answer> =>
    new Promise((resolve, reject) => {
      // One connection per request (agent: false), so one request's leftovers cannot disturb the next one's socket.
      // Content-Length always: Node frames no body for a GET, DELETE or OPTIONS without it, and would send the bytes raw.
      const headers = { ...headersOf(c), ...(c.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(c.body)) }) };
      const outgoing = httpRequest({ host: '127.0.0.1', port, method: c.method, path: c.url, headers, setHost: false, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], text: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end(c.body);
    });

  it(`answers ${FUZZ_RUNS} generated requests (in-process): no 5xx, 403/403/401 before any data, every 4xx a stable JSON error that writes nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), (c) => check(c, inject)),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);

  it('answers 300 generated requests over a real socket the same way, and stays up', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), (c) => check(c, overTheSocket)),
      { numRuns: 300 },
    );
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  }, 120_000);
  /**
   * Counterexamples fast-check found, kept as explicit cases (seeds and paths are those of the runs
   * that found them, with the generators of this file). All were fixed in main/ by 72aa1a0.
   */
  describe('regressions found by fuzzing', () => {
    const good = (): Pick<AdminCase, 'host' | 'origin' | 'auth'> => ({
      host: { ok: true, value: `127.0.0.1:${port}` },
      origin: null,
      auth: { kind: 'ok', value: `Bearer ${TOKEN}` },
    });

    // Seed -1701380205, path "8:0:1:1:1:1:1:1:1:1:1:1:1". Observed: 400 {"error":"Bad Request","code":"FST_ERR_BAD_URL",
    // "message":"'/api/bins/%ZZ' is not a valid url component","statusCode":400}: not the error shape, a code outside
    // errorCodes, and answered before the Host/Origin/token checks. Also /api/users/{botId}/c/%ZZ, %ED%A0%80, %FF.
    it('answers a path with broken percent-encoding (/api/bins/%ZZ) with a Botbench error body', async () => {
      await check({ method: 'GET', url: '/api/bins/%ZZ', route: null, ...good(), contentType: undefined, body: undefined }, inject);
    });

    // Seeds -1339268145 (path "22:2:0:1:1:1:1:1:1:1:1:1:1") and 1146501217 (path "90:2:1:1:1:1:1:1", with a foreign
    // Origin). Observed: 414 {"error":"Bad Request","code":"FST_ERR_MAX_PARAM_LENGTH",…,"statusCode":414} for any path
    // segment over 100 characters (fastify's maxParamLength), before the Host/Origin/token checks. A Channel ID may have
    // up to 128 characters, so a valid external user of 101 to 128 characters cannot be read at all.
    it('reads a user whose external user ID has 120 characters, and its transcript', async () => {
      const id = 'L'.repeat(120);
      // A bot of its own: the fuzzing above may have deleted the shared one (DELETE /api/bots/{botId} is a route).
      const bot = await createBot(server, { name: 'Long external IDs' });
      const { client, welcome } = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: id });
      await client.close();
      await eventually(() => server.platform.hub.count(welcome.responsePath) === 0);
      const user = await server.app.inject({
        method: 'GET',
        url: `/api/users/${bot.botId}/c/${id}`,
        headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${TOKEN}` },
      });
      expect({ status: user.statusCode, body: user.body.slice(0, 200) }).toMatchObject({ status: 200 });
      expect(JSON.parse(user.body)).toMatchObject({ channelId: id, kind: 'external' });
      const transcript = await server.app.inject({
        method: 'GET',
        url: `/api/users/${bot.botId}/c/${id}/transcript`,
        headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${TOKEN}` },
      });
      expect(transcript.statusCode).toBe(200);
    });

    it('answers a 129-character Channel ID with 400 BOTBENCH_ERR_CHANNEL_ID', async () => {
      await check(
        { method: 'GET', url: `/api/users/${bot.botId}/c/${'x'.repeat(129)}`, route: null, ...good(), contentType: undefined, body: undefined },
        inject,
      );
      const answer = await server.app.inject({
        method: 'GET',
        url: `/api/users/${bot.botId}/c/${'x'.repeat(129)}`,
        headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${TOKEN}` },
      });
      expect(answer.statusCode).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'BOTBENCH_ERR_CHANNEL_ID' } });
    });
  });
});

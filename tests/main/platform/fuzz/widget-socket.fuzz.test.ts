import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type ErrorCode } from '../../../../main/platform/errors.ts';
import type { Bot } from '../../../../main/platform/model.ts';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import type { ServerFrame } from '../../../../main/common/widget-frames.ts';
import { createBot, eventually, startPlatform, WidgetClient } from '../../../mocks/platform.ts';
import { FUZZ_RUNS, isErrorCode, lastLogSeq, Tally, writeCounter } from './fuzz-helpers.ts';

/**
 * Issue #10, fuzzing the widget WebSocket protocol (docs/api.md, section 8): malformed, out of
 * order and oversized frames, sequences of them on one socket. A model of the protocol, written
 * from the docs, says what each frame must get: an error frame with a stable code that says what
 * was expected (the socket stays open, nothing is written), or its documented answer.
 */

const MAX_FRAME_BYTES = 64 * 1024;
const CHANNEL_ID = /^[^\s/\p{Cc}\p{Cf}]{1,128}$/u;
const HEX24 = /^[0-9a-f]{24}$/;
const ANONYMOUS = /^n_[0-9A-Za-z_]{7}$/;

/** One thing a fuzzed client does. */
type Step =
  | { kind: 'text'; data: string }
  | { kind: 'binary'; data: Uint8Array }
  | { kind: 'invalid-utf8'; data: Uint8Array }
  | { kind: 'oversized'; bytes: number };

/** What the model says a step gets back. */
type Answer =
  | { kind: 'error'; code: ErrorCode; ref: string | null | undefined }
  /** `channelId`: the ID, or a pattern of new ones, or either; `orError`: a refusal that is also right. */
  | { kind: 'welcome'; channelId: Array<string | RegExp>; external: boolean; orError?: ErrorCode }
  | { kind: 'sent'; clientId: string; text: string }
  | { kind: 'reset' }
  | { kind: 'nothing' }
  | { kind: 'close'; code: number };

interface State {
  /** The identity of the last accepted hello on this socket. */
  identity: { external: boolean; responsePath: string } | null;
}

interface World {
  bots: ReadonlySet<string>;
  verifying: ReadonlySet<string>;
  /** Response paths of external users, which an anonymous hello cannot claim. */
  external: Set<string>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isId = (value: unknown, max: number): boolean => typeof value === 'string' && value.length >= 1 && value.length <= max;
const onlyKeys = (frame: Record<string, unknown>, keys: string[]): boolean => Object.keys(frame).every((key) => keys.includes(key));

/** Whether a parsed frame has a documented shape (docs/api.md, "Client → platform"). */
function wellFormed(frame: unknown): boolean {
  if (!isPlainObject(frame)) return false;
  switch (frame.type) {
    case 'hello':
      return (
        onlyKeys(frame, ['type', 'v', 'botId', 'channelId', 'externalUserId', 'userHash', 'metadata', 'page']) &&
        frame.v === 1 &&
        typeof frame.botId === 'string' &&
        HEX24.test(frame.botId) &&
        (frame.channelId === undefined || isId(frame.channelId, 128)) &&
        (frame.externalUserId === undefined || isId(frame.externalUserId, 128)) &&
        (frame.userHash === undefined || (typeof frame.userHash === 'string' && frame.userHash.length <= 128)) &&
        (frame.metadata === undefined || (isPlainObject(frame.metadata) && Buffer.byteLength(JSON.stringify(frame.metadata)) <= 16 * 1024)) &&
        (frame.page === undefined || (typeof frame.page === 'string' && frame.page.length <= 2048))
      );
    case 'message':
      return (
        onlyKeys(frame, ['type', 'clientId', 'text']) &&
        isId(frame.clientId, 64) &&
        typeof frame.text === 'string' &&
        frame.text.trim().length >= 1 &&
        frame.text.trim().length <= 4000
      );
    case 'ack':
      return (
        onlyKeys(frame, ['type', 'ids']) &&
        Array.isArray(frame.ids) &&
        frame.ids.length >= 1 &&
        frame.ids.length <= 500 &&
        frame.ids.every((id) => isId(id, 64))
      );
    case 'reset':
      return onlyKeys(frame, ['type']);
    default:
      return false;
  }
}

/** `ref` as documented: a message frame's clientId, else the frame's type; absent when the frame is not JSON. undefined: not checked. */
function documentedRef(raw: string): string | null | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isPlainObject(value)) return null;
  const ref = value.type === 'message' && typeof value.clientId === 'string' ? value.clientId : value.type;
  if (typeof ref !== 'string') return null;
  // The docs do not say how long a ref may be; the platform leaves out long ones, and empty ones.
  return ref.length >= 1 && ref.length <= 64 ? ref : undefined;
}

/** The model: what a step gets, and the socket's state after it. */
function predict(step: Step, state: State, world: World): { answer: Answer; state: State } {
  const error = (code: ErrorCode, ref: string | null | undefined): { answer: Answer; state: State } => ({
    answer: { kind: 'error', code, ref },
    state,
  });
  if (step.kind === 'oversized') return { answer: { kind: 'close', code: 1009 }, state: { identity: null } };
  // RFC 6455: a text frame that is not UTF-8 fails the connection (1007).
  if (step.kind === 'invalid-utf8') return { answer: { kind: 'close', code: 1007 }, state: { identity: null } };
  if (step.kind === 'binary') return error('BOTBENCH_ERR_FRAME', undefined);
  let frame: unknown;
  try {
    frame = JSON.parse(step.data);
  } catch {
    return error('BOTBENCH_ERR_FRAME', null);
  }
  const ref = documentedRef(step.data);
  if (!wellFormed(frame)) return error('BOTBENCH_ERR_FRAME', ref);
  const f = frame as Record<string, unknown>;
  switch (f.type) {
    case 'hello': {
      const botId = f.botId as string;
      if (!world.bots.has(botId)) return error('BOTBENCH_ERR_BOT_NOT_FOUND', ref);
      const externalUserId = f.externalUserId as string | undefined;
      if (externalUserId !== undefined) {
        if (world.verifying.has(botId)) return error('BOTBENCH_ERR_IDENTITY', ref);
        if (!CHANNEL_ID.test(externalUserId) || ANONYMOUS.test(externalUserId)) return error('BOTBENCH_ERR_CHANNEL_ID', ref);
        const responsePath = `${botId}/c/${externalUserId}`;
        world.external.add(responsePath);
        // A lone surrogate is no character: refusing such an ID is as right as keeping it (whole).
        const orError: ErrorCode | undefined = externalUserId.isWellFormed() ? undefined : 'BOTBENCH_ERR_CHANNEL_ID';
        return {
          answer: { kind: 'welcome', channelId: [externalUserId], external: true, ...(orError ? { orError } : {}) },
          state: { identity: { external: true, responsePath } },
        };
      }
      const stored = f.channelId as string | undefined;
      // Only the anonymous form the platform issues is resumed (docs/api.md): no visitor can name an external or provider user's ID.
      const keeps = stored !== undefined && ANONYMOUS.test(stored) && !world.external.has(`${botId}/c/${stored}`);
      return {
        answer: { kind: 'welcome', channelId: keeps ? [stored] : [ANONYMOUS], external: false },
        state: { identity: { external: false, responsePath: keeps ? `${botId}/c/${stored}` : '' } },
      };
    }
    case 'message':
      if (!state.identity) return error('BOTBENCH_ERR_NOT_CONNECTED', ref);
      return { answer: { kind: 'sent', clientId: f.clientId as string, text: (f.text as string).trim() }, state };
    case 'ack':
      if (!state.identity) return error('BOTBENCH_ERR_NOT_CONNECTED', ref);
      return { answer: { kind: 'nothing' }, state };
    default:
      if (!state.identity) return error('BOTBENCH_ERR_NOT_CONNECTED', ref);
      if (state.identity.external) return error('BOTBENCH_ERR_RESET_EXTERNAL', ref);
      return { answer: { kind: 'reset' }, state: { identity: { external: false, responsePath: '' } } };
  }
}

describe('widget WebSocket (/widget) under fuzzing', () => {
  let server: PlatformServer;
  let bot: Bot;
  let verifying: Bot;
  let world: World;
  const outcomes = new Tally();
  let frames = 0;
  let writes: () => number;

  beforeAll(async () => {
    // The rate limit would answer every fast fuzzed frame with RATE_LIMIT and hide the real answer; it has its own test below.
    // So would the new-user limits (hundreds of first hellos a minute from one address); they have theirs in widget-socket.test.ts.
    server = await startPlatform({ maxFramesPerSecond: 1_000_000, newUsersPerConnection: 1_000_000, newUsersPerSource: 1_000_000 });
    bot = await createBot(server, { name: 'Fuzzed widget bot' });
    verifying = await createBot(server, { name: 'Verifying bot', settings: { verifyIdentity: true } });
    world = { bots: new Set([bot.botId, verifying.botId]), verifying: new Set([verifying.botId]), external: new Set() };
    const { client, welcome } = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: 'User123' });
    world.external.add(welcome.responsePath);
    await client.close();
    await eventually(() => server.platform.hub.count(welcome.responsePath) === 0);
    writes = writeCounter(server.platform.db);
  });

  afterAll(async () => {
    console.log(`${outcomes.format('widget fuzz: answers by kind')}\n  frames sent: ${frames}`);
    await server?.close();
  });

  // ---- generators -------------------------------------------------------------------------

  const odd = fc.constantFrom(
    ' ',
    '\t',
    '\n',
    '\u0000',
    '\u007f',
    '\u0085',
    '\u00a0',
    '\u200b',
    '\u2028',
    '\ufeff',
    '/',
    '"',
    '\\',
    'é',
    '😀',
    '\ud800',
    '\udc00',
    'a',
    '0',
    '_',
  );
  const oddString = (maxLength: number) =>
    fc.oneof(fc.string({ unit: odd, maxLength }), fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'grapheme', maxLength }));
  const idArb = () =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('User123', 'User456', 'n_abcdefg', 'n_QVIUyPr', 'u-é😀') },
      { weight: 3, arbitrary: oddString(10) },
      { weight: 1, arbitrary: fc.integer({ min: 126, max: 130 }).map((n) => 'x'.repeat(n)) },
    );
  const botIdArb = () =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(bot.botId) },
      { weight: 1, arbitrary: fc.constant(verifying.botId) },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
      { weight: 1, arbitrary: fc.oneof(oddString(26), fc.constant(bot.botId.toUpperCase())) },
    );
  const jsonObject = (maxDepth: number) => fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth }), { maxKeys: 4 });
  const anyValue = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 10 }),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    jsonObject(1),
  );

  const hello = () =>
    fc
      .oneof(
        // Mostly well-formed: a known bot, maybe an identity and metadata.
        {
          weight: 3,
          arbitrary: fc.record(
            { v: fc.constant(1), botId: botIdArb(), channelId: idArb(), externalUserId: idArb(), metadata: jsonObject(2) },
            { requiredKeys: ['v', 'botId'] },
          ),
        },
        {
          weight: 1,
          arbitrary: fc.record(
            {
              v: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constantFrom(0, 2, '1', null) }),
              botId: botIdArb(),
              channelId: idArb(),
              externalUserId: idArb(),
              userHash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 130 })),
              metadata: fc.oneof({ weight: 5, arbitrary: jsonObject(2) }, { weight: 1, arbitrary: anyValue }),
              page: fc.oneof(
                fc.webUrl(),
                fc.integer({ min: 2046, max: 2050 }).map((n) => 'p'.repeat(n)),
              ),
            },
            { requiredKeys: [] },
          ),
        },
      )
      .map((fields) => ({ type: 'hello', ...fields }));
  const message = () =>
    fc
      .record(
        {
          clientId: fc.oneof(
            { weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
            { weight: 1, arbitrary: fc.oneof(oddString(70), anyValue) },
          ),
          text: fc.oneof(
            { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
            { weight: 1, arbitrary: fc.constantFrom('', '   ', '\n\t', 'a'.repeat(4000), ` ${'a'.repeat(4000)} `, 'a'.repeat(4001)) },
            { weight: 1, arbitrary: anyValue },
          ),
        },
        { requiredKeys: [] },
      )
      .map((fields) => ({ type: 'message', ...fields }));
  const ack = () =>
    fc
      .record(
        {
          ids: fc.oneof(
            { weight: 5, arbitrary: fc.array(fc.string({ minLength: 1, maxLength: 21 }), { minLength: 1, maxLength: 5 }) },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                [],
                [''],
                ['x'.repeat(65)],
                Array.from({ length: 501 }, (_, i) => `id${i}`),
              ),
            },
            { weight: 1, arbitrary: anyValue },
          ),
        },
        { requiredKeys: [] },
      )
      .map((fields) => ({ type: 'ack', ...fields }));
  const reset = () => fc.constant({ type: 'reset' });
  /** A known frame with one extra or wrong field. */
  const mangled = () =>
    fc
      .tuple(fc.oneof(hello(), message(), ack(), reset()), fc.string({ maxLength: 10 }), anyValue)
      .map(([frame, key, value]) => ({ ...frame, [key === 'type' ? 'extra' : key]: value }));
  const unknownType = () =>
    fc
      .tuple(fc.oneof(fc.constantFrom('HELLO', 'bye', '', 'ping', 'welcome', 'error'), fc.string({ maxLength: 70 }), anyValue), jsonObject(1))
      .map(([type, rest]) => ({ ...rest, type }));

  const stepArb = (): fc.Arbitrary<Step> =>
    fc.oneof(
      { weight: 24, arbitrary: fc.oneof(hello(), message(), ack(), reset()).map((frame): Step => ({ kind: 'text', data: JSON.stringify(frame) })) },
      { weight: 6, arbitrary: fc.oneof(mangled(), unknownType()).map((frame): Step => ({ kind: 'text', data: JSON.stringify(frame) })) },
      { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value): Step => ({ kind: 'text', data: JSON.stringify(value) ?? 'null' })) },
      { weight: 3, arbitrary: oddString(40).map((data): Step => ({ kind: 'text', data })) },
      {
        weight: 3,
        arbitrary: fc
          .oneof(
            fc.uint8Array({ maxLength: 64 }),
            hello().map((frame) => new TextEncoder().encode(JSON.stringify(frame))),
          )
          .map((data): Step => ({ kind: 'binary', data })),
      },
      // Not UTF-8 (ends in a byte UTF-8 never uses), sent as a text frame.
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.uint8Array({ maxLength: 8 }), fc.constantFrom(0xc0, 0xff, 0xfe))
          .map(([data, bad]): Step => ({ kind: 'invalid-utf8', data: Uint8Array.from([...data, bad]) })),
      },
      // Frames at and just over the 64 KiB limit: exactly at it is read (and refused for its page), over it closes with 1009.
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(0, 1, 2, 1000)
          .map((over): Step => (over === 0 ? { kind: 'text', data: sized(MAX_FRAME_BYTES) } : { kind: 'oversized', bytes: MAX_FRAME_BYTES + over })),
      },
    );

  /** A sequence of steps; half of them start with a valid hello, so frames that need a connected widget get one. */
  const caseArb = (): fc.Arbitrary<Step[]> =>
    fc
      .tuple(
        fc.option(
          fc
            .record({ channelId: idArb(), externalUserId: fc.constantFrom('User123', 'User456', 'u-é😀') }, { requiredKeys: [] })
            .map((identity): Step => ({ kind: 'text', data: JSON.stringify({ type: 'hello', v: 1, botId: bot.botId, ...identity }) })),
          { freq: 2 },
        ),
        fc.array(stepArb(), { minLength: 1, maxLength: 5 }),
      )
      .map(([first, steps]) => (first ? [first, ...steps] : steps));

  /** A hello frame of exactly `bytes` bytes (its page is too long, so it is refused if read). */
  function sized(bytes: number): string {
    const base = JSON.stringify({ type: 'hello', v: 1, botId: bot.botId, page: '' });
    return JSON.stringify({ type: 'hello', v: 1, botId: bot.botId, page: 'p'.repeat(bytes - base.length) });
  }

  // ---- the check ----------------------------------------------------------------------------

  function expectErrorFrame(frame: ServerFrame, what: string): asserts frame is Extract<ServerFrame, { type: 'error' }> {
    expect(frame.type, what).toBe('error');
    const error = frame as Extract<ServerFrame, { type: 'error' }>;
    expect(isErrorCode(error.code), `${what}: ${error.code} is not in the errorCodes table`).toBe(true);
    expect(error.message.length, `${what}: empty message`).toBeGreaterThan(0);
    expect(error.expected?.length ?? 0, `${what}: no "expected" (what was expected): ${JSON.stringify(error)}`).toBeGreaterThan(0);
  }

  function flowRunsSince(seq: number): number {
    return (server.platform.db.prepare("SELECT count(*) AS n FROM interaction_log WHERE seq > ? AND kind = 'flow'").get(seq) as { n: number }).n;
  }

  async function open(): Promise<{ client: WidgetClient; closed: Promise<number> }> {
    const client = await WidgetClient.open(server);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    return { client, closed };
  }

  async function runCase(steps: Step[]): Promise<void> {
    let { client, closed } = await open();
    let state: State = { identity: null };
    const trace: string[] = [];
    try {
      for (const step of steps) {
        const what = `after ${trace.length ? trace.join(' → ') : 'nothing'}, ${describeStep(step)}`;
        trace.push(describeStep(step));
        const { answer, state: next } = predict(step, state, world);
        const before = writes();
        const seen = client.frames.length;
        frames++;
        if (answer.kind === 'close') {
          if (step.kind === 'oversized') client.socket.send(' '.repeat(step.bytes));
          else client.socket.send((step as { data: Uint8Array }).data, { binary: false });
          expect(await closed, `${what}: close code`).toBe(answer.code);
          outcomes.add(`close ${answer.code}`);
          // The platform records the disconnect of a connected widget; wait for it, then carry on with a new socket.
          const path = state.identity?.responsePath;
          if (path) await until(() => server.platform.hub.count(path) === 0);
          if (!state.identity) expect(writes() - before, `${what}: rows written by closing a socket that never said hello`).toBe(0);
          ({ client, closed } = await open());
          state = next;
          continue;
        }
        // A visitor message runs the bot's message flow (the identity echo) in the background: wait until the run is
        // logged, so the reply it writes is not mistaken for a write by a later refused frame.
        const logged = lastLogSeq(server.platform.db);
        if (step.kind === 'binary') client.socket.send(step.data, { binary: true });
        else client.send((step as { data: string }).data);
        await client.sync();
        if (answer.kind === 'sent') await until(() => flowRunsSince(logged) > 0);
        const got = client.frames.slice(seen).filter((frame) => frame.type !== 'message');
        expect(client.socket.readyState, `${what}: the socket stays open`).toBe(client.socket.OPEN);
        switch (answer.kind) {
          case 'error': {
            expect(
              got.map((frame) => frame.type),
              `${what}: one error frame; got ${JSON.stringify(got).slice(0, 400)}`,
            ).toEqual(['error']);
            const frame = got[0]!;
            expectErrorFrame(frame, what);
            outcomes.add(`error ${frame.code}`);
            expect(frame.code, `${what}: ${JSON.stringify(frame).slice(0, 300)}`).toBe(answer.code);
            expect(errorCodes[frame.code as ErrorCode].status, what).toBeGreaterThanOrEqual(400);
            if (answer.ref === null) expect(frame.ref, `${what}: ref of a frame that is not a JSON object`).toBeUndefined();
            else if (answer.ref !== undefined) expect(frame.ref, `${what}: ref`).toBe(answer.ref);
            expect(writes() - before, `${what}: rows a refused frame wrote`).toBe(0);
            break;
          }
          case 'welcome': {
            const refusal = got[0];
            if (answer.orError && got.length === 1 && refusal?.type === 'error') {
              // Refused, which is also right here: the socket keeps its identity.
              expectErrorFrame(refusal, what);
              expect(refusal.code, what).toBe(answer.orError);
              expect(writes() - before, `${what}: rows a refused frame wrote`).toBe(0);
              outcomes.add(`error ${refusal.code}`);
              continue;
            }
            expect(
              got.map((frame) => frame.type),
              `${what}: a welcome; got ${JSON.stringify(got).slice(0, 400)}`,
            ).toEqual(['welcome']);
            const welcome = got[0] as Extract<ServerFrame, { type: 'welcome' }>;
            outcomes.add(`welcome ${answer.external ? 'external' : 'anonymous'}`);
            expect(
              answer.channelId.some((id) => (typeof id === 'string' ? welcome.channelId === id : id.test(welcome.channelId))),
              `${what}: Channel ID ${JSON.stringify(welcome.channelId)}; expected ${answer.channelId.map((id) => (typeof id === 'string' ? JSON.stringify(id) : String(id))).join(' or ')}`,
            ).toBe(true);
            expect(welcome.kind, what).toBe(answer.external ? 'external' : 'anonymous');
            expect(welcome.responsePath, what).toBe(`${welcome.botId}/c/${welcome.channelId}`);
            state = { identity: { external: answer.external, responsePath: welcome.responsePath } };
            continue;
          }
          case 'sent': {
            expect(
              got.map((frame) => frame.type),
              `${what}: sent; got ${JSON.stringify(got).slice(0, 400)}`,
            ).toEqual(['sent']);
            expect(got[0], what).toMatchObject({ clientId: answer.clientId, message: { direction: 'in', source: 'widget', text: answer.text } });
            outcomes.add('sent');
            break;
          }
          case 'reset': {
            expect(
              got.map((frame) => frame.type),
              `${what}: reset then welcome; got ${JSON.stringify(got).slice(0, 400)}`,
            ).toEqual(['reset', 'welcome']);
            const welcome = got[1] as Extract<ServerFrame, { type: 'welcome' }>;
            expect(welcome, what).toMatchObject({ kind: 'anonymous', created: true, transcript: [] });
            outcomes.add('reset');
            state = { identity: { external: false, responsePath: welcome.responsePath } };
            continue;
          }
          case 'nothing':
            expect(got, `${what}: no answer`).toEqual([]);
            outcomes.add('ack (no answer)');
            break;
        }
        state = next;
      }
      // Whatever came before, the platform still answers a valid hello on this socket.
      const welcome = client.next('welcome');
      client.send({ type: 'hello', v: 1, botId: bot.botId });
      expect((await welcome).kind, `after ${trace.join(' → ')}: a valid hello`).toBe('anonymous');
    } finally {
      await client.close();
      // Its disconnect is written when the platform notices; wait, so the next case starts from a quiet database.
      const last = client.frames.findLast((frame) => frame.type === 'welcome');
      if (last?.type === 'welcome') await until(() => server.platform.hub.count(last.responsePath) === 0);
    }
  }

  it(`answers ${FUZZ_RUNS} generated frame sequences as the protocol says: an error frame for every bad one, the socket kept open, nothing written`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), (steps) => runCase(steps)),
      { numRuns: FUZZ_RUNS },
    );
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  }, 120_000);

  /**
   * Counterexamples fast-check found, kept as explicit cases (seeds and paths are those of the runs
   * that found them, with the generators of this file). All were fixed in main/ by 72aa1a0.
   */
  describe('regressions found by fuzzing', () => {
    /** Says hello on a fresh socket; resolves with the welcome or error frame, once the socket is closed again. */
    async function helloAnswer(hello: Record<string, unknown>): Promise<ServerFrame> {
      const client = await WidgetClient.open(server);
      const answer = client.nextWhere((frame) => frame.type === 'welcome' || frame.type === 'error');
      client.send({ type: 'hello', v: 1, botId: bot.botId, ...hello });
      const frame = await answer;
      await client.close();
      if (frame.type === 'welcome') await until(() => server.platform.hub.count(frame.responsePath) === 0);
      return frame;
    }

    // Seed 2018519137, path "79:1:1:5:3:3:3". Observed: hello {"externalUserId":"\ud800"} is welcomed with channelId
    // "\ud800" but responsePath "…/c/\ufffd" (SQLite stores UTF-8, so a lone surrogate becomes U+FFFD); "\udc00" and
    // "\ufffd" are then welcomed as the same user (created: false), and a webhook to "…/c/\udbff" reaches it too.
    it('keeps external user IDs that differ in lone surrogates apart, or refuses them; a welcome names the ID it was given', async () => {
      const ids = ['lone\ud800', 'lone\udbff'];
      for (const id of ids) {
        const frame = await helloAnswer({ externalUserId: id });
        if (frame.type === 'error') expect(frame.code).toBe('BOTBENCH_ERR_CHANNEL_ID');
        else expect(frame).toMatchObject({ type: 'welcome', channelId: id, responsePath: `${bot.botId}/c/${id}`, created: true });
      }
    });

    // Seed -186148376, path "647:5:4:3". Observed: the third hello is welcomed as channelId "Shared42", kind
    // anonymous, created false: it takes over the external user's conversation (its history, its webhooks). The users
    // database still says kind "anonymous" for it after the external login.
    // Since #17 an anonymous hello resumes only the anonymous form, which no external user ID may take.
    it('gives an anonymous hello a new Channel ID when the ID it stored is, or could become, an external user ID', async () => {
      const first = await helloAnswer({ channelId: 'Shared42' });
      expect(first).toMatchObject({ type: 'welcome', kind: 'anonymous', created: true });
      expect((first as Extract<ServerFrame, { type: 'welcome' }>).channelId).toMatch(/^n_[0-9A-Za-z_]{7}$/);
      expect(await helloAnswer({ externalUserId: 'Shared42' })).toMatchObject({ type: 'welcome', channelId: 'Shared42', kind: 'external' });
      const again = await helloAnswer({ channelId: 'Shared42' });
      expect(again).toMatchObject({ type: 'welcome', kind: 'anonymous', created: true });
      expect((again as Extract<ServerFrame, { type: 'welcome' }>).channelId).toMatch(/^n_[0-9A-Za-z_]{7}$/);
      expect(await helloAnswer({ externalUserId: 'n_Shared4' })).toMatchObject({ type: 'error', code: 'BOTBENCH_ERR_CHANNEL_ID' });
    });
  });

  it('with the default limit (50 frames a second) drops the 51st frame with RATE_LIMIT and no ref, keeps the socket, and answers again a second later', async () => {
    const limited = await startPlatform();
    try {
      const limitedBot = await createBot(limited, { name: 'Rate limited' });
      const client = await WidgetClient.open(limited);
      const errors = () => client.frames.filter((frame): frame is Extract<ServerFrame, { type: 'error' }> => frame.type === 'error');
      for (let i = 0; i < 60; i++) client.send({ type: `burst-${i}` });
      await eventually(() => errors().length === 60);
      const answered = errors().filter((frame) => frame.code === 'BOTBENCH_ERR_FRAME');
      const dropped = errors().filter((frame) => frame.code === 'BOTBENCH_ERR_RATE_LIMIT');
      // Within one second window (the window may roll over once during the burst, letting a few more through).
      expect(answered.length).toBeGreaterThanOrEqual(50);
      expect(dropped.length).toBe(60 - answered.length);
      expect(answered.slice(0, 50).map((frame) => frame.ref)).toEqual(Array.from({ length: 50 }, (_, i) => `burst-${i}`));
      for (const frame of dropped) {
        expect(frame.ref).toBeUndefined();
        expect(frame.message).toMatch(/More than 50 frames in a second/);
      }
      expect(client.socket.readyState).toBe(client.socket.OPEN);
      await new Promise((resolve) => setTimeout(resolve, 1050));
      const welcome = client.next('welcome');
      client.send({ type: 'hello', v: 1, botId: limitedBot.botId });
      expect((await welcome).kind).toBe('anonymous');
      await client.close();
    } finally {
      await limited.close();
    }
  });
});

/** Polls every millisecond (a socket close on loopback takes about that long); fails after two seconds. */
async function until(check: () => boolean): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 2000) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function describeStep(step: Step): string {
  switch (step.kind) {
    case 'text':
      return `text ${JSON.stringify(step.data.length > 160 ? `${step.data.slice(0, 160)}… (${step.data.length} characters)` : step.data)}`;
    case 'binary':
      return `binary [${[...step.data.slice(0, 24)].join(',')}${step.data.length > 24 ? '…' : ''}]`;
    case 'invalid-utf8':
      return `text frame of bytes [${[...step.data].join(',')}] (not UTF-8)`;
    case 'oversized':
      return `a ${step.bytes}-byte frame`;
  }
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingCode } from '../../main/findings/types.ts';
import type { Bot } from '../../main/platform/model.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { platformFindingContext } from '../../main/profiles/finding-context.ts';
import type { PageHooks, PageSpec, ProfileHost, ProfilePage } from '../../main/profiles/profile-host.ts';
import { ProfileService } from '../../main/profiles/profile-service.ts';
import { api, createBot, startPlatform } from '../mocks/platform.ts';

// Each finding produced by a page that makes that mistake, and absent on one that does not: real
// Chromium, real platform, pages on a site of their own (another origin) opened by URL and
// embedding Flow XO's published snippet (https://widget.flowxo.com/embed.js, answered by the
// platform), recorded by the widget and reported through the observer channel to ProfileService,
// which runs the rules.

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI4YzFmMGI5ZSJ9.c2lnbmF0dXJlLWhlcmUtbm90LXJlYWw';
const OPAQUE = '8c1f0b9e-43d2-4f5a-9a61';
/** A production-shaped connection ID (24 hex): the platform makes a connection for it on first sight. */
const CONNECTION = '6457a1b0e4b0c1d2e3f40999';

/** What a page of the test site renders: given the request's logged-in user (or null). */
type Render = (user: string | null) => string;

describe('site integration findings in real Chromium', () => {
  let server: PlatformServer;
  let bot: Bot;
  let verifying: Bot;
  let host: ChromiumProfileHost;
  let profiles: ProfileService;
  let site: { url: string; close: () => Promise<void> };
  let dir: string;
  const pages = new Map<string, Render>();
  const live = new Map<string, ProfilePage>();

  /** Flow XO's published legacy snippet, as a customer pastes it: the profile's browser asks the platform for Flow XO's script URL. */
  const snippet = (ready: string, options: { before?: string; callback?: string | null; embedCode?: string; readyName?: string } = {}) =>
    `<!doctype html><meta charset="utf-8"><title>Shop</title><h1>Shop</h1>${options.before ?? ''}
<script>function ${options.readyName ?? 'messengerReady'}() { ${ready} }</script>
<script src="https://widget.flowxo.com/embed.js${options.callback === null ? '' : `?callback=${options.callback ?? 'messengerReady'}`}" data-fxo-widget="${options.embedCode ?? bot.embedCode}" async defer></script>`;

  beforeAll(async () => {
    server = await startPlatform();
    bot = await createBot(server, { name: 'Shop bot' });
    verifying = await createBot(server, { name: 'Verifying bot' });
    await api(server, 'PATCH', `/api/bots/${verifying.botId}`, { settings: { verifyIdentity: true } });
    const sessions = new Map<string, string>();
    const userOf = (request: IncomingMessage) => sessions.get(/sid=(\w+)/.exec(request.headers.cookie ?? '')?.[1] ?? '') ?? null;
    const http = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      if (request.method === 'POST' && url.pathname === '/login') {
        const sid = randomBytes(8).toString('hex');
        sessions.set(sid, OPAQUE);
        response.writeHead(303, { location: url.searchParams.get('next') ?? '/', 'set-cookie': `sid=${sid}; Path=/; HttpOnly` });
        response.end();
        return;
      }
      const render = pages.get(url.pathname);
      response.writeHead(render ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(render ? render(userOf(request)) : 'not found');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    site = {
      url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      close: () => new Promise((resolve) => (http.closeAllConnections(), http.close(() => resolve()))),
    };
    dir = mkdtempSync(join(tmpdir(), 'botbench-findings-'));
    host = new ChromiumProfileHost({ profilesDir: dir, screencast: false });
    // The host as ProfileService drives it, keeping each page so the test can act as the site's visitor (log in).
    const siteHost: ProfileHost = {
      name: 'chromium',
      open: async (spec: PageSpec, hooks: PageHooks) => {
        const page = await host.open(spec, hooks);
        live.set(spec.id, page);
        return page;
      },
      dispose: () => host.dispose(),
    };
    profiles = new ProfileService({
      host: siteHost,
      platformUrl: () => server.url,
      connectTimeoutMs: 9000,
      findingContext: platformFindingContext(server.platform),
    });
  });
  afterAll(async () => {
    await profiles?.dispose();
    await host?.dispose();
    await site?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens an incognito profile on a page (a refused or never-started widget is fine: its findings are what counts). */
  async function openPage(path: string, render: Render): Promise<string> {
    pages.set(path, render);
    const before = new Set(profiles.list().map((p) => p.id));
    await profiles.open({ kind: 'incognito', siteUrl: `${site.url}${path}` }).catch(() => undefined);
    return profiles.list().find((p) => !before.has(p.id))!.id;
  }

  const codes = (profileId: string): FindingCode[] => [...new Set(profiles.findings({ profileId }).map((f) => f.code))].sort();

  /** Waits until the profile's findings are exactly `expected` (sorted), and stay so a moment after. */
  async function expectFindings(profileId: string, expected: FindingCode[]): Promise<void> {
    await expect.poll(() => codes(profileId), { timeout: 10_000 }).toEqual([...expected].sort());
    // Nothing more arrives late (e.g. a second welcome).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(codes(profileId)).toEqual([...expected].sort());
  }

  it('finds nothing on a page that embeds the snippet right (anonymous, and logged in with an opaque ID)', async () => {
    const anonymous = await openPage('/good-anonymous', () => snippet(''));
    const known = await openPage('/good', () =>
      snippet(
        `FxoMessenger.setConfig({ externalUserId: '${OPAQUE}', metadata: { plan: 'pro' } }); FxoMessenger.on('messageReceived', function () {});`,
      ),
    );
    await profiles.reload(known);
    for (const id of [anonymous, known]) await expectFindings(id, []);
    const calls = profiles.findings({ site: site.url });
    expect(calls).toEqual([]);
    expect(profiles.list().find((p) => p.id === known)?.findings).toEqual({ count: 0, worst: null });
  });

  const cases: Array<[string, string, () => string, FindingCode[]]> = [
    ['?callback= names no function', '/missing', () => snippet('', { readyName: 'onMessengerReady' }), ['READY_CALLBACK_MISSING']],
    ['the ready callback throws', '/throws', () => snippet(`throw new Error('user service down');`), ['READY_CALLBACK_THREW']],
    [
      'setConfig before embed.js defined FxoMessenger',
      '/before',
      () => snippet('', { before: `<script>FxoMessenger.setConfig({ externalUserId: '${OPAQUE}' });</script>` }),
      ['SETCONFIG_BEFORE_WIDGET'],
    ],
    [
      'setConfig({ externalUserId }) once connected',
      '/late',
      () =>
        snippet(
          `FxoMessenger.on('stateChanged', function (s) { if (s === 'connected' && !window.done) { window.done = true; setTimeout(function () { FxoMessenger.setConfig({ externalUserId: '${OPAQUE}' }); }, 0); } });`,
        ),
      ['SETCONFIG_TOO_LATE'],
    ],
    [
      'an empty externalUserId',
      '/empty',
      () => snippet(`FxoMessenger.setConfig({ externalUserId: '' });`),
      ['EXTERNAL_ID_EMPTY', 'READY_CALLBACK_THREW'],
    ],
    [
      'externalUserId "undefined"',
      '/undefined',
      () => snippet(`var user = {}; FxoMessenger.setConfig({ externalUserId: String(user.id) });`),
      ['EXTERNAL_ID_STRINGIFIED'],
    ],
    [
      'a number as externalUserId',
      '/number',
      () => snippet(`FxoMessenger.setConfig({ externalUserId: 42 });`),
      ['EXTERNAL_ID_NOT_STRING', 'READY_CALLBACK_THREW'],
    ],
    [
      'an externalUserId with a space',
      '/space',
      () => snippet(`FxoMessenger.setConfig({ externalUserId: 'user 42' });`),
      ['EXTERNAL_ID_REFUSED', 'READY_CALLBACK_THREW'],
    ],
    [
      'a guessable externalUserId on a bot that verifies no one',
      '/guessable',
      () => snippet(`FxoMessenger.setConfig({ externalUserId: 'User123' });`),
      ['EXTERNAL_ID_GUESSABLE'],
    ],
    [
      'a JWT in the metadata',
      '/jwt',
      () => snippet(`FxoMessenger.setConfig({ metadata: { plan: 'pro', accessToken: '${JWT}' } });`),
      ['METADATA_CREDENTIAL'],
    ],
    [
      'metadata over the limit',
      '/large',
      () => snippet(`FxoMessenger.setConfig({ metadata: { blob: new Array(20001).join('x') } });`),
      ['METADATA_TOO_LARGE', 'READY_CALLBACK_THREW'],
    ],
    [
      'metadata with a cycle',
      '/cycle',
      () => snippet(`var m = { plan: 'pro' }; m.self = m; FxoMessenger.setConfig({ metadata: m });`),
      ['METADATA_NOT_SERIALISABLE', 'READY_CALLBACK_THREW'],
    ],
  ];

  for (const [title, path, render, expected] of cases) {
    it(`${expected.join(' + ')}: ${title}`, async () => {
      const id = await openPage(path, render);
      await expectFindings(id, expected);
      const findings = profiles.findings({ profileId: id });
      // Every finding names its page and profile, says what happened and what to do.
      for (const finding of findings) {
        expect(finding).toMatchObject({ url: `${site.url}${path}`, profileId: id });
        expect(finding.evidence.length).toBeGreaterThan(0);
        expect(finding.fix.length).toBeGreaterThan(10);
      }
      expect(profiles.list().find((p) => p.id === id)?.findings.count).toBe(findings.length);
    });
  }

  it('EXTERNAL_ID_REFUSED: the platform refuses an unsigned externalUserId on a bot that verifies identities, with its code', async () => {
    const id = await openPage('/unsigned', () =>
      snippet(`FxoMessenger.setConfig({ externalUserId: '${OPAQUE}' });`, { embedCode: verifying.embedCode }),
    );
    await expectFindings(id, ['EXTERNAL_ID_REFUSED']);
    expect(profiles.findings({ profileId: id })[0]!.title).toContain('BOTBENCH_ERR_IDENTITY');
  });

  it('READY_CALLBACK_NEVER_CALLED: embed.js with a malformed data-fxo-widget never starts', async () => {
    const id = await openPage('/never', () =>
      snippet(`FxoMessenger.setConfig({ externalUserId: '${OPAQUE}' });`, { embedCode: 'not-an-embed-code' }),
    );
    await expectFindings(id, ['READY_CALLBACK_NEVER_CALLED']);
  });

  it('EXTERNAL_ID_UNSTABLE: the template renders a new session id as externalUserId on every load', async () => {
    const id = await openPage('/session', () => snippet(`FxoMessenger.setConfig({ externalUserId: 'sess_${randomBytes(8).toString('hex')}' });`));
    await expectFindings(id, []);
    await profiles.reload(id);
    await expectFindings(id, ['EXTERNAL_ID_UNSTABLE']);
  });

  /** The shop: a login form; a logged-in visitor's page renders (or, with `identify` false, forgets) externalUserId. */
  const shop =
    (path: string, options: { identify: boolean; spa?: boolean }): Render =>
    (user) =>
      snippet(user && options.identify ? `FxoMessenger.setConfig({ externalUserId: '${user}' });` : '', {
        before: `<form id="login" method="post" action="/login?next=${path}"><input name="user" value="ada"><input type="password" name="password" value="lovelace"><button>Log in</button></form>${
          options.spa
            ? `<script>document.getElementById('login').addEventListener('submit', function (e) { e.preventDefault(); FxoMessenger.setConfig({ externalUserId: '${OPAQUE}' }); });</script>`
            : ''
        }`,
      });

  async function logIn(id: string): Promise<void> {
    await live.get(id)!.evaluate(`document.getElementById('login').requestSubmit()`);
  }

  it('LOGIN_NOT_IDENTIFIED: after the login form the site still renders no externalUserId', async () => {
    const id = await openPage('/shop-forgets', shop('/shop-forgets', { identify: false }));
    await logIn(id);
    await expectFindings(id, ['LOGIN_NOT_IDENTIFIED']);
  });

  it('LOGIN_CONVERSATION_LOST: the site reloads with the external ID, and the anonymous conversation is not linked', async () => {
    const id = await openPage('/shop', shop('/shop', { identify: true }));
    await logIn(id);
    await expectFindings(id, ['LOGIN_CONVERSATION_LOST']);
  });

  it('no login finding when the page identifies the visitor on the open widget (the platform links the conversations)', async () => {
    const id = await openPage('/shop-spa', shop('/shop-spa', { identify: true, spa: true }));
    const anonymous = profiles.list().find((p) => p.id === id)!.responsePath!;
    await logIn(id);
    await expect.poll(() => server.platform.users.get(anonymous)?.linkedTo, { timeout: 10_000 }).toBe(`${bot.botId}/c/${OPAQUE}`);
    await expectFindings(id, []);
  });

  it('records through .botbench without changing what the page’s calls give it, and keeps at most 200 calls a load', async () => {
    const id = await openPage('/recorded', () => snippet(`window.unsubscribe = FxoMessenger.on('messageReceived', function () {});`));
    const page = live.get(id)!;
    const seen = await page.evaluate<{
      returned: string;
      threw: string;
      calls: Array<{ method: string; widgetState: string; args: unknown[] }>;
    }>(`(() => {
      let threw = 'nothing';
      try { FxoMessenger.setConfig({ metadata: { when: new Map(), f: function () {} } }); } catch (e) { threw = e.constructor.name; }
      for (let i = 0; i < 300; i++) FxoMessenger.off('messageReceived', function () {});
      return { returned: typeof window.unsubscribe, threw, calls: FxoMessenger.botbench.calls() };
    })()`);
    expect(seen.returned).toBe('function');
    // JSON empties a Map and drops a function without a word: the widget takes the call, as before; the record says what they were.
    expect(seen.threw).toBe('nothing');
    expect(seen.calls).toHaveLength(200);
    const setConfig = seen.calls.find((call) => call.method === 'setConfig')!;
    expect(setConfig).toMatchObject({
      widgetState: 'connected',
      args: [{ metadata: { when: { $unserialisable: 'Map' }, f: { $unserialisable: 'function' } } }],
    });
    expect(seen.calls.map((call) => call.method).slice(0, 3)).toEqual(['on', 'ready-callback', 'welcome']);
    // The profile got what the page recorded: metadata set once connected, holding what JSON drops.
    await expectFindings(id, ['METADATA_NOT_SERIALISABLE', 'SETCONFIG_TOO_LATE']);
  });

  /** Flow XO's current snippet (loader.js, data-connection), with the page's onFlowXOInit and code after the tag. */
  const loader = (init: string, after = '') =>
    `<!doctype html><meta charset="utf-8"><title>Shop</title><h1>Shop</h1>
<script>window.onFlowXOInit = ${init};</script>
<script src="https://messenger.flowxo.com/loader.js" data-connection="${CONNECTION}"></script>
<script>${after}</script>`;

  it('the current script (loader.js): onFlowXOInit that rejects is READY_CALLBACK_THREW; a member without a string id and a JWT in its metadata are found', async () => {
    const threw = await openPage('/loader-throws', () => loader(`async function () { throw new Error('session service down'); }`));
    await expectFindings(threw, ['READY_CALLBACK_THREW']);
    const member = await openPage('/loader-member', () =>
      loader(`async function () { return { member: { id: 42, name: 'Ada', metadata: { token: '${JWT}' } } }; }`),
    );
    await expectFindings(member, ['EXTERNAL_ID_NOT_STRING', 'METADATA_CREDENTIAL']);
    const good = await openPage('/loader-good', () =>
      loader(
        `async function () { return { member: { id: '${OPAQUE}', name: 'Ada', metadata: { plan: 'pro' } } }; }`,
        `FlowXO.on('agentMessage', function () {});`,
      ),
    );
    await expectFindings(good, []);
    // The page's own FlowXO.identify is recorded too.
    await live.get(good)!.evaluate(`FlowXO.identify({ id: 'undefined' })`);
    await expectFindings(good, ['EXTERNAL_ID_STRINGIFIED']);
  });

  it('lists a site’s findings across its profiles, and tells listeners when they change', async () => {
    const events: string[] = [];
    const stop = profiles.subscribe((event) => event.type === 'findings' && events.push(event.site));
    const id = await openPage('/throws-again', () => snippet(`throw new Error('again');`));
    await expectFindings(id, ['READY_CALLBACK_THREW']);
    stop();
    expect(events).toContain(site.url);
    const bySite = profiles.findings({ site: `${site.url}/anything` });
    expect(bySite.some((f) => f.profileId === id)).toBe(true);
    expect(new Set(bySite.map((f) => f.url.startsWith(site.url)))).toEqual(new Set([true]));
    expect(profiles.findings({ site: 'https://elsewhere.example.test' })).toEqual([]);
  });
});

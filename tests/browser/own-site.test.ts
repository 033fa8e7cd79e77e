import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatabaseSync } from 'node:sqlite';
import { chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumExecutable, chromiumLaunch } from '../../main/profiles/chromium.ts';
import type { PlatformServer } from '../../main/platform/server.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import type { PageHooks, PageSpec, ProfileHost, ProfilePage } from '../../main/profiles/profile-host.ts';
import { ProfileService } from '../../main/profiles/profile-service.ts';
import { importWith } from '../../main/profiles/site-import.ts';
import type { ProfileSnapshot } from '../../main/profiles/types.ts';
import { openWorkspace } from '../../main/workspace/workspace-db.ts';
import { SHOP_BOT_ID, SHOP_CONNECTION_ID, SHOP_USERS, startOwnSite, type OwnSite } from '../fixtures/own-site/own-site.ts';
import { publicAddressSpace, selfSignedCertificate, SHOP_HOST, SHOP_HOST_RESOLVER_RULE } from '../fixtures/own-site/tls.ts';
import { postWebhook, startPlatform } from '../mocks/platform.ts';

/** The host, keeping each profile's page so the test can drive the site as its visitor (log in, log out). */
class TapHost implements ProfileHost {
  readonly name = 'chromium' as const;
  readonly pages = new Map<string, ProfilePage>();
  readonly #host: ChromiumProfileHost;
  constructor(host: ChromiumProfileHost) {
    this.#host = host;
  }
  async open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage> {
    const page = await this.#host.open(spec, hooks);
    this.pages.set(spec.id, page);
    return page;
  }
  dispose(): Promise<void> {
    return this.#host.dispose();
  }
}

// The shop (tests/fixtures/own-site) embeds Flow XO's published snippet for a bot the platform
// has never seen; its server renders externalUserId for logged-in customers only. Everything
// goes through ProfileService on real Chromium, as the workbench drives it.
describe('own site in profiles (Chromium)', () => {
  let server: PlatformServer;
  let dir: string;
  let host: TapHost;
  let workspace: DatabaseSync;
  let profiles: ProfileService;
  let site: OwnSite;
  let tls: { key: string; cert: string };

  beforeAll(async () => {
    tls = await selfSignedCertificate();
  });

  beforeEach(async () => {
    server = await startPlatform();
    dir = mkdtempSync(join(tmpdir(), 'botbench-own-site-'));
    host = new TapHost(new ChromiumProfileHost({ profilesDir: join(dir, 'profiles'), browserArgs: [SHOP_HOST_RESOLVER_RULE] }));
    workspace = openWorkspace(join(dir, 'workspace.db'));
    profiles = new ProfileService({
      host,
      platformUrl: () => server.url,
      workspace,
      profilesDir: join(dir, 'profiles'),
      liveWidget: (path) => server.platform.hub.count(path) > 0,
      importer: importWith(server.platform),
      noWidgetTimeoutMs: 1500,
    });
  });
  afterEach(async () => {
    await profiles.dispose();
    await host.dispose();
    await site?.close();
    workspace.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => undefined);

  /** Logs the visitor in with the shop's own form, as a person would (the page reloads with the session cookie). */
  async function logIn(profile: ProfileSnapshot, user: keyof typeof SHOP_USERS): Promise<void> {
    const account = SHOP_USERS[user]!;
    await host.pages
      .get(profile.id)!
      .evaluate(
        `(() => { document.querySelector('#username').value = ${JSON.stringify(user)}; document.querySelector('#password').value = ${JSON.stringify(account.password)}; document.querySelector('#login-form').submit(); })()`,
      );
  }

  async function logOut(profile: ProfileSnapshot): Promise<void> {
    await host.pages.get(profile.id)!.evaluate(`document.querySelector('#logout-form').submit()`);
  }

  const current = (id: string) => profiles.list().find((profile) => profile.id === id)!;
  const pathOf = (user: keyof typeof SHOP_USERS) => `${SHOP_BOT_ID}/c/${SHOP_USERS[user]!.id}`;

  async function identitySuite(origin: () => Promise<{ url: string; accept: boolean }>): Promise<void> {
    const { url, accept } = await origin();
    const open = (kind: 'incognito' | 'persistent' | 'other-device') => profiles.open({ kind, siteUrl: url, acceptCertificate: accept });

    // Anonymous: a production embed code the platform did not know is imported, and every incognito window is a new visitor.
    const first = await open('incognito');
    expect(first).toMatchObject({ status: 'connected', channelKind: 'anonymous', botId: SHOP_BOT_ID, siteUrl: url });
    expect(first.notices.map((n) => n.text)).toEqual([`Imported bot 645731a0… from ${new URL(url).origin}`]);
    expect(server.platform.bots.get(SHOP_BOT_ID)).toBeDefined();
    expect(server.platform.log.query({ botId: SHOP_BOT_ID, kind: 'bot', limit: 10 }).map((e) => e.summary)).toContain(
      `Imported bot 645731a0… from ${new URL(url).origin}`,
    );
    const second = await open('incognito');
    expect(second.channelKind).toBe('anonymous');
    expect(second.channelId).not.toBe(first.channelId);
    expect(second.notices).toEqual([]);

    // The same customer logs in in two browsers: one response path, the site's own user ID.
    const laptop = await open('persistent');
    const phone = await open('other-device');
    await logIn(laptop, 'ada');
    await logIn(phone, 'ada');
    await expect.poll(() => current(laptop.id).responsePath).toBe(pathOf('ada'));
    await expect.poll(() => current(phone.id).responsePath).toBe(pathOf('ada'));
    expect(current(laptop.id).channelKind).toBe('external');
    expect(current(laptop.id).timeline.at(-1)).toMatchObject({ action: 'logged-in', note: 'from the page', changed: true });

    // A webhook to that response path arrives in both browsers.
    for (const profile of [laptop, phone])
      await host.pages.get(profile.id)!.evaluate(`void (window.got = [], FxoMessenger.on('messageReceived', (m) => window.got.push(m.text)))`);
    const bot = server.platform.bots.require(SHOP_BOT_ID);
    const sent = await postWebhook(bot, { response_path: pathOf('ada'), text: 'Your order shipped' });
    expect(sent.body.status).toBe('delivered');
    for (const profile of [laptop, phone])
      await expect.poll(() => host.pages.get(profile.id)!.evaluate<string[]>('window.got')).toEqual(['Your order shipped']);

    // Logging out: anonymous again (the browser's own anonymous ID, not the customer's).
    await logOut(laptop);
    await expect.poll(() => current(laptop.id).channelKind).toBe('anonymous');
    expect(current(laptop.id).responsePath).not.toBe(pathOf('ada'));
    expect(current(laptop.id).timeline.at(-1)).toMatchObject({ action: 'logged-out', note: 'from the page' });
  }

  it('over http: anonymous visitors per incognito window, one response path per logged-in customer, webhooks to both, anonymous after logout', async () => {
    await identitySuite(async () => {
      site = await startOwnSite();
      return { url: site.url, accept: false };
    });
  });

  it('the same over https on a non-loopback host name with a self-signed certificate the profile accepts', async () => {
    await identitySuite(async () => {
      site = await startOwnSite({ tls, hostname: SHOP_HOST });
      expect(site.url).toMatch(/^https:\/\/shop\.example\.test:\d+\/$/);
      return { url: site.url, accept: true };
    });
  });

  it('with spares started ahead (browser mode), a profile that accepts a certificate starts its own browser in its directory', async () => {
    site = await startOwnSite({ tls, hostname: SHOP_HOST });
    const spareHost = new ChromiumProfileHost({ profilesDir: join(dir, 'spare-profiles'), spare: true, browserArgs: [SHOP_HOST_RESOLVER_RULE] });
    const service = new ProfileService({ host: spareHost, platformUrl: () => server.url, importer: importWith(server.platform) });
    try {
      await spareHost.warm();
      for (const kind of ['persistent', 'incognito'] as const) {
        const opened = await service.open({ kind, siteUrl: site.url, acceptCertificate: true });
        expect(opened, kind).toMatchObject({ status: 'connected', botId: SHOP_BOT_ID });
      }
    } finally {
      await service.dispose();
      await spareHost.dispose();
    }
  });

  it('leaves the site’s own requests alone: its assets are cached across reloads as in any browser', async () => {
    site = await startOwnSite();
    const opened = await profiles.open({ kind: 'persistent', siteUrl: site.url });
    await profiles.reload(opened.id);
    expect(site.requests.filter((request) => request === 'GET /')).toHaveLength(2);
    expect(site.requests.filter((request) => request === 'GET /static/shop.js')).toHaveLength(1);
  });

  it('answers the current loader.js too, importing its connection ID', async () => {
    site = await startOwnSite({ flowxoScript: 'loader' });
    const opened = await profiles.open({ kind: 'incognito', siteUrl: site.url });
    expect(opened.status).toBe('connected');
    const bot = server.platform.bots.byConnectionId(SHOP_CONNECTION_ID);
    expect(bot).toBeDefined();
    expect(opened.botId).toBe(bot!.botId);
    expect(opened.notices.map((n) => n.text)).toEqual([`Imported connection 645731a0… (bot ${bot!.botId.slice(0, 8)}…) from ${site.origin}`]);
  });

  it('answers a site’s self-hosted copy of the script by its own pattern', async () => {
    site = await startOwnSite({
      pages: {
        '/self-hosted': (page) =>
          page.layout(
            'Self-hosted',
            page
              .legacySnippet()
              .replace('https://widget.flowxo.com/embed.js?callback=messengerReady', '/static/fxo-embed.js?callback=messengerReady'),
          ),
      },
    });
    const siteUrl = site.at('/self-hosted');
    // Without the pattern the request goes to the site, which has no such file: no widget.
    await expect(profiles.open({ kind: 'incognito', siteUrl })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_SITE_NO_WIDGET' });
    expect(site.requests).toContain('GET /static/fxo-embed.js');
    const opened = await profiles.open({
      kind: 'incognito',
      siteUrl,
      scriptPatterns: [{ url: `${site.origin}/static/fxo-embed.js*`, script: 'embed' }],
    });
    expect(opened).toMatchObject({ status: 'connected', botId: SHOP_BOT_ID });
    expect(site.requests.filter((request) => request === 'GET /static/fxo-embed.js')).toHaveLength(1);
  });

  it('opens a saved page (file:) as it is', async () => {
    site = await startOwnSite();
    const saved = join(dir, 'saved shop.html');
    writeFileSync(saved, await (await fetch(site.url)).text());
    const url = pathToFileURL(saved).toString();
    const opened = await profiles.open({ kind: 'persistent', siteUrl: url });
    expect(opened).toMatchObject({ status: 'connected', botId: SHOP_BOT_ID, siteUrl: url, channelKind: 'anonymous' });
    expect(opened.notices.map((n) => n.text)).toEqual([`Imported bot 645731a0… from ${url}`]);
  });

  it('grants Local Network Access to the site: a page on a public address reaches the platform on loopback', async () => {
    site = await startOwnSite();
    const flags = [publicAddressSpace(site.port)];
    // The control: the same page, public to Chromium, in a plain browser without the grant cannot reach the platform at all.
    const plain = await chromium.launch({
      executablePath: chromiumExecutable(),
      headless: true,
      ...chromiumLaunch(),
      args: [...chromiumLaunch().args, ...flags],
    });
    try {
      const page = await plain.newPage();
      await page.goto(site.at('/no-widget'));
      expect(await page.evaluate(`fetch(${JSON.stringify(`${server.url}/api/health`)}).then(() => 'reached', () => 'blocked')`)).toBe('blocked');
    } finally {
      await plain.close();
    }
    const publicHost = new TapHost(new ChromiumProfileHost({ profilesDir: join(dir, 'public-profiles'), browserArgs: flags }));
    const service = new ProfileService({ host: publicHost, platformUrl: () => server.url, importer: importWith(server.platform) });
    try {
      const opened = await service.open({ kind: 'incognito', siteUrl: site.url });
      expect(opened).toMatchObject({ status: 'connected', botId: SHOP_BOT_ID, channelKind: 'anonymous' });
    } finally {
      await service.dispose();
      await publicHost.dispose();
    }
  });

  describe('bad input: a clear error with its code on the profile, no crash, nothing written to the workspace', () => {
    const remembered = () => workspace.prepare('SELECT count(*) AS n FROM profiles').get() as { n: number };

    async function refused(input: Parameters<ProfileService['open']>[0], code: string): Promise<ProfileSnapshot | undefined> {
      const bots = server.platform.bots.list().length;
      await expect(profiles.open(input)).rejects.toMatchObject({ code });
      expect(remembered().n).toBe(0);
      expect(server.platform.bots.list()).toHaveLength(bots);
      return profiles.list().at(-1);
    }

    it('refuses a URL that is not http(s) or file before opening anything', async () => {
      for (const siteUrl of ['ftp://shop.example.test/', 'javascript:alert(1)', 'not a url', 'https://user:secret@shop.example.test/'])
        await refused({ kind: 'persistent', siteUrl }, 'BOTBENCH_ERR_SITE_URL');
      expect(profiles.list()).toEqual([]);
    });

    it('says so when the site does not answer', async () => {
      site = await startOwnSite();
      const url = site.url;
      await site.close();
      const profile = await refused({ kind: 'persistent', siteUrl: url }, 'BOTBENCH_ERR_SITE_UNREACHABLE');
      expect(profile).toMatchObject({ status: 'error', errorCode: 'BOTBENCH_ERR_SITE_UNREACHABLE' });
      expect(profile!.error).toContain('could not be loaded (ERR_CONNECTION_REFUSED)');
    });

    it('refuses an https site whose certificate the tester did not accept', async () => {
      site = await startOwnSite({ tls, hostname: SHOP_HOST });
      const profile = await refused({ kind: 'persistent', siteUrl: site.url }, 'BOTBENCH_ERR_SITE_TLS');
      expect(profile!.error).toContain('certificate');
    });

    it('says so when the page embeds no Flow XO snippet', async () => {
      site = await startOwnSite();
      const profile = await refused({ kind: 'persistent', siteUrl: site.at('/no-widget') }, 'BOTBENCH_ERR_SITE_NO_WIDGET');
      expect(profile).toMatchObject({ status: 'error', errorCode: 'BOTBENCH_ERR_SITE_NO_WIDGET', channelId: null });
    });

    it('refuses a malformed data-fxo-widget and a connection ID that is not 24 hex, without answering their script', async () => {
      site = await startOwnSite();
      const embed = await refused({ kind: 'persistent', siteUrl: site.at('/bad-embed-code') }, 'BOTBENCH_ERR_SITE_SNIPPET');
      expect(embed!.error).toContain('data-fxo-widget is not a Flow XO embed code');
      const loader = await refused({ kind: 'incognito', siteUrl: site.at('/bad-connection') }, 'BOTBENCH_ERR_SITE_SNIPPET');
      expect(loader!.error).toContain('"not-24-hex" is not a Flow XO connection ID');
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEmbedCode } from '../../../main/platform/embed-code.ts';
import { MAX_BOTS_ON_FIRST_SIGHT } from '../../../main/platform/platform.ts';
import type { PlatformEvent } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { startPlatform } from '../../mocks/platform.ts';

const BOT_ID = '645731a0e4b0c1d2e3f40516';
const CONNECTION = '645731a0e4b0c1d2e3f40517';

describe('Platform.importOnFirstSight()', () => {
  let server: PlatformServer;
  const events: PlatformEvent[] = [];
  beforeEach(async () => {
    server = await startPlatform();
    events.length = 0;
    server.platform.subscribe((event) => events.push(event));
  });
  afterEach(async () => server.close());

  it('imports a production embed code keeping its Bot ID and keys, says where from in the log, and tells listeners', () => {
    const embedCode = encodeEmbedCode({ web: { botId: BOT_ID, showLauncher: true }, theme: '#4285f4', locale: 'en' });
    const { bot, imported } = server.platform.importOnFirstSight({ embedCode }, 'https://shop.example.test/cart?x=1');
    expect(imported).toBe(true);
    expect(bot).toMatchObject({ botId: BOT_ID, name: 'Bot 645731a0 (shop.example.test)' });
    expect(Buffer.from(bot.embedCode, 'base64').toString()).toContain('"locale":"en"');
    expect(server.platform.log.query({ botId: BOT_ID, kind: 'bot', limit: 10 }).map((entry) => entry.summary)).toContain(
      'Imported bot 645731a0… from https://shop.example.test',
    );
    expect(events.some((event) => event.type === 'bot' && event.bot.botId === BOT_ID)).toBe(true);
    // Seen again: the same bot, nothing new.
    expect(server.platform.importOnFirstSight({ botId: BOT_ID }, 'https://shop.example.test/')).toEqual({ bot, imported: false });
  });

  it('imports a connection ID, and refuses a malformed ID or embed code with its code', () => {
    const { bot, imported } = server.platform.importOnFirstSight({ connectionId: CONNECTION });
    expect(imported).toBe(true);
    expect(bot.connectionId).toBe(CONNECTION);
    expect(() => server.platform.importOnFirstSight({ botId: 'nope' })).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_BOT_ID' }));
    expect(() => server.platform.importOnFirstSight({ embedCode: 'bad!' })).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_EMBED_CODE' }));
  });

  it(`imports at most ${MAX_BOTS_ON_FIRST_SIGHT} bots per run, connections and embed codes together`, () => {
    for (let i = 0; i < MAX_BOTS_ON_FIRST_SIGHT; i++) server.platform.importOnFirstSight({ connectionId: `c-${i}` });
    expect(() => server.platform.importOnFirstSight({ botId: BOT_ID })).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_CONNECTION_LIMIT' }));
    expect(server.platform.bots.get(BOT_ID)).toBeUndefined();
  });
});

describe('GET /flowxo/embed.js and /flowxo/loader.js', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(async () => server.close());

  it('serve the widget scripts with the platform’s origin written in, to any origin', async () => {
    for (const path of ['/flowxo/embed.js', '/flowxo/loader.js']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('content-type')).toContain('text/javascript');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const text = await response.text();
      expect(text).toContain(`\`${server.url}\``);
      expect(text).not.toContain('__BOTBENCH_PLATFORM_ORIGIN__');
    }
    // The platform's own scripts keep the token: they connect to wherever they were loaded from.
    expect(await (await fetch(`${server.url}/embed.js`)).text()).toContain('__BOTBENCH_PLATFORM_ORIGIN__');
  });

  it('the connection route logs the page it was first seen on', async () => {
    const response = await fetch(`${server.url}/messenger/connections/${CONNECTION}`, { headers: { origin: 'https://shop.example.test' } });
    expect(response.status).toBe(200);
    const { botId } = (await response.json()) as { botId: string };
    expect(server.platform.log.query({ botId, kind: 'bot', limit: 10 }).map((entry) => entry.summary)).toContain(
      `Imported connection ${CONNECTION} (bot ${botId.slice(0, 8)}…) from https://shop.example.test`,
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userHashFor } from '../../../../main/platform/identity-verification.ts';
import type { Bot } from '../../../../main/platform/model.ts';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { api, createBot, startPlatform, WidgetClient } from '../../../mocks/platform.ts';

describe('GET /site/{botId}', () => {
  let server: PlatformServer;
  let bot: Bot;

  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    await api(server, 'PATCH', `/api/bots/${bot.botId}`, { settings: { verifyIdentity: true } });
  });
  afterEach(() => server.close());

  const page = async (query: string) => {
    const response = await fetch(`${server.url}/site/${bot.botId}?${query}`);
    return { status: response.status, text: await response.text() };
  };

  it('refuses signed=1: the demo site signs for no one who merely asks', async () => {
    const answer = await page('externalUserId=alice&signed=1');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({
      error: { code: 'BOTBENCH_ERR_VALIDATION', field: 'querystring.signed', expected: expect.stringContaining('userHash=') },
    });
    expect(answer.text).not.toContain(userHashFor(bot.identitySecret, 'alice'));
  });

  it('serves no valid userHash to an unauthenticated request, for an external user ID or a login', async () => {
    for (const query of ['externalUserId=alice', 'loginAs=alice', 'externalUserId=alice&loginAs=alice&open=0']) {
      const answer = await page(query);
      expect(answer.status, query).toBe(200);
      expect(answer.text, query).not.toContain(userHashFor(bot.identitySecret, 'alice'));
    }
  });

  it('passes on the userHash the site’s server put in the URL, and a forger’s hello without one is refused', async () => {
    const hash = userHashFor(bot.identitySecret, 'alice');
    const signed = await page(`externalUserId=alice&userHash=${hash}&loginAs=bob&loginHash=${'a'.repeat(64)}`);
    expect(signed.text).toContain(`"userHash":"${hash}"`);
    expect(signed.text).toContain(`{"userHash":"${'a'.repeat(64)}"}`);

    const forger = await WidgetClient.open(server);
    try {
      const refused = forger.next('error');
      forger.send({ type: 'hello', v: 1, botId: bot.botId, externalUserId: 'alice' });
      expect(await refused).toMatchObject({ code: 'BOTBENCH_ERR_IDENTITY', ref: 'hello' });
    } finally {
      await forger.close();
    }
  });

  // Reproduced before the fix: the page's JSON.stringify of 5,000 levels overflowed the stack, a 500 BOTBENCH_ERR_INTERNAL.
  it('answers metadata nested too deep with 400 and the expected shape', async () => {
    // "[" and "]" travel unencoded in a query, so 5,000 levels fit in the 16 KiB request line.
    const answer = await page(`metadata=%7B%22a%22:${'['.repeat(5000)}${']'.repeat(5000)}%7D`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({
      error: { code: 'BOTBENCH_ERR_VALIDATION', field: 'querystring.metadata', expected: expect.stringContaining('nested at most 32 levels deep') },
    });
  });
});

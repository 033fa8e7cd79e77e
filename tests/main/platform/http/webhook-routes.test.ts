import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../main/platform/model.ts';
import type { PlatformServer } from '../../../../main/platform/server.ts';
import { createBot, startPlatform } from '../../../mocks/platform.ts';

describe('refused webhooks', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(() => server.close());

  const refusals = (): LogEntry[] => server.platform.log.query({ kind: 'webhook', status: 'refused' });

  // Reproduced before the fix: every such row stored the whole Content-Type, so 4,000 junk POSTs with
  // 8 KiB headers added 33 MB (see docs/api.md, Retention and limits).
  it('stores a bounded row for junk at an unknown URL, whatever the size of its headers', async () => {
    const contentType = `application/json; junk=${'j'.repeat(8 * 1024)}`;
    const answer = await fetch(`${server.url}/hooks/${'x'.repeat(64)}`, { method: 'POST', headers: { 'content-type': contentType }, body: '{}' });
    expect(answer.status).toBe(404);
    const [row] = refusals();
    expect(row).toMatchObject({ detail: { code: 'BOTBENCH_ERR_FLOW_NOT_FOUND', contentType: `${contentType.slice(0, 100)}…` } });
    expect(JSON.stringify(row).length).toBeLessThan(600);
  });

  it('clips a refused response path to 200 characters', async () => {
    const bot = await createBot(server);
    const responsePath = `${bot.botId}/c/${'p'.repeat(100_000)}`;
    const answer = await fetch(bot.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_path: responsePath, text: 'hi' }),
    });
    expect(answer.status).toBe(400);
    const [row] = refusals();
    expect(row!.responsePath).toBe(`${responsePath.slice(0, 200)}…`);
    expect(JSON.stringify(row).length).toBeLessThan(1000);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BULK_LIMITS, BulkSender, latencySummary, plannedSends } from '../../../main/api/bulk-send.ts';
import type { BulkProgress } from '../../../main/api/webhook-request.ts';
import type { WebhookRequest } from '../../../main/workspace/types.ts';
import type { Bot } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { api, createBot, startPlatform, WidgetClient } from '../../mocks/platform.ts';

describe('plannedSends()', () => {
  it('counts N, or R × S', () => {
    expect(plannedSends({ kind: 'count', count: 10 })).toBe(10);
    expect(plannedSends({ kind: 'rate', perSecond: 5, seconds: 3 })).toBe(15);
  });
  it.each([
    [{ kind: 'count', count: 0 }, 'not 0'],
    [{ kind: 'count', count: BULK_LIMITS.maxCount + 1 }, `1 to ${BULK_LIMITS.maxCount}`],
    [{ kind: 'count', count: 2.5 }, 'not 2.5'],
    [{ kind: 'rate', perSecond: 500, seconds: 1 }, 'per second, not 500'],
    [{ kind: 'rate', perSecond: 10, seconds: 600 }, 'seconds, not 600'],
    [{ kind: 'rate', perSecond: 100, seconds: 60 }, '6000 requests'],
  ] as const)('refuses %o with BOTBENCH_ERR_BULK_BOUNDS', (mode, message) => {
    expect(() => plannedSends(mode)).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_BULK_BOUNDS', message: expect.stringContaining(message) }),
    );
  });
});

describe('latencySummary()', () => {
  it('gives nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(latencySummary(samples)).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(latencySummary([7])).toEqual({ p50: 7, p95: 7, p99: 7 });
    expect(latencySummary([])).toBeNull();
  });
});

describe('BulkSender', () => {
  let server: PlatformServer;
  let bot: Bot;
  let events: BulkProgress[];
  let sender: BulkSender;
  const request = (): WebhookRequest => ({
    botId: bot.botId,
    responsePath: `${bot.botId}/c/User123`,
    body: '{"response_path":"{{responsePath}}","text":"burst {{$randomInt}}"}',
    headers: {},
  });
  beforeEach(async () => {
    server = await startPlatform();
    bot = await createBot(server);
    events = [];
    sender = new BulkSender((p) => events.push(p));
  });
  afterEach(async () => {
    sender.dispose();
    await server.close();
  });

  it('sends N to a live user and counts delivered, queued and refused, with latency percentiles', async () => {
    const { client } = await WidgetClient.connect(server, { botId: bot.botId, externalUserId: 'User123' });
    const first = sender.start(bot, request(), {}, { kind: 'count', count: 30 });
    expect(first).toMatchObject({ state: 'running', planned: 30 });
    const end = await sender.finished()!;
    await client.close();
    expect(end).toMatchObject({ state: 'done', sent: 30, answered: 30, failed: 0 });
    expect(end.delivered + end.queued).toBe(30);
    expect(end.latency!.p50).toBeLessThanOrEqual(end.latency!.p95);
    expect(end.latency!.p95).toBeLessThanOrEqual(end.latency!.p99);
    expect(events.at(-1)).toEqual(end);
    // What the widget saw: every one of them.
    const transcript = await api<{ messages: unknown[] }>(server, 'GET', `/api/users/${bot.botId}/c/User123/transcript`);
    expect(transcript.status).toBe(200);
  });

  it('counts refusals (unknown user) and runs at a rate until stopped', async () => {
    sender.start(bot, { ...request(), responsePath: `${bot.botId}/c/nobody` }, {}, { kind: 'rate', perSecond: 20, seconds: 10 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stopped = sender.stop(events.at(-1)?.runId ?? '');
    expect(stopped.runId).toBeTruthy();
    const end = await sender.finished()!;
    expect(end.state).toBe('stopped');
    expect(end.sent).toBeLessThan(200);
    expect(end.refused).toBe(end.answered);
    expect(end.delivered).toBe(0);
  });

  it('refuses a second run while one runs, and a request with an unknown variable before sending anything', async () => {
    expect(() => sender.start(bot, { ...request(), body: '{"x":"{{nope}}"}' }, {}, { kind: 'count', count: 5 })).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_VARIABLE_UNKNOWN' }),
    );
    expect(events).toEqual([]);
    sender.start(bot, request(), {}, { kind: 'rate', perSecond: 1, seconds: 5 });
    expect(() => sender.start(bot, request(), {}, { kind: 'count', count: 1 })).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_BULK_RUNNING' }),
    );
  });

  it('refuses a target off loopback before sending anything', () => {
    expect(() => sender.start(bot, { ...request(), url: 'http://example.com/' }, {}, { kind: 'count', count: 1 })).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_TARGET_NOT_LOOPBACK' }),
    );
  });
});

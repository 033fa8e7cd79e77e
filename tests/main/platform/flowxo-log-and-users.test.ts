import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flow, LogEntry, User } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { USERS_CSV_COLUMNS } from '../../../main/platform/users-csv.ts';
import { api, createBot, startPlatform, TOKEN } from '../../mocks/platform.ts';

type ErrorBody = { error: { code: string; message: string } };

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function flowRuns(server: PlatformServer, query = ''): Promise<LogEntry[]> {
  return (await api<{ entries: LogEntry[] }>(server, 'GET', `/api/log?kind=flow${query}`)).body.entries;
}

describe('Abandoned runs', () => {
  it('marks a run left In Progress by a stopped platform as Abandoned at the next start, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'botbench-abandon-'));
    dirs.push(dataDir);
    const first = await startPlatform({ dataDir });
    const bot = await createBot(first);
    const flow = (
      await api<Flow>(first, 'POST', `/api/bots/${bot.botId}/flows`, {
        name: 'Slow',
        trigger: { type: 'webhook' },
        actions: [
          { type: 'delay', ms: 60_000 },
          { type: 'send', text: 'late' },
        ],
      })
    ).body;
    const paused = await fetch(flow.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(paused.status).toBeLessThan(300);
    const before = await flowRuns(first);
    const inProgress = before.find((e) => e.status === 'in_progress' && e.detail.flowId === flow.id);
    expect(inProgress).toBeDefined();
    await first.close();

    const second = await startPlatform({ dataDir });
    const after = await flowRuns(second, `&flowId=${flow.id}`);
    expect(after.map((e) => e.status)).toEqual(['abandoned', 'in_progress']);
    expect(after[0]).toMatchObject({
      botId: bot.botId,
      summary: 'Flow "Slow": Abandoned (the platform stopped before the run finished)',
      detail: { runId: inProgress!.detail.runId, flowId: flow.id, abandonedAfter: inProgress!.seq },
    });
    expect((await flowRuns(second, '&status=abandoned')).length).toBe(1);
    await second.close();

    // A third start finds nothing left in flight: the run already has its ending.
    const third = await startPlatform({ dataDir });
    expect((await flowRuns(third, '&status=abandoned')).length).toBe(1);
    await third.close();
  });

  it('leaves a run that finished alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'botbench-abandon-'));
    dirs.push(dataDir);
    const first = await startPlatform({ dataDir });
    const bot = await createBot(first);
    const flow = (
      await api<Flow>(first, 'POST', `/api/bots/${bot.botId}/flows`, {
        name: 'Short',
        trigger: { type: 'webhook' },
        actions: [{ type: 'delay', ms: 1 }],
      })
    ).body;
    await fetch(flow.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await expect.poll(async () => (await flowRuns(first, `&flowId=${flow.id}`))[0]?.status).toBe('success');
    await first.close();
    const second = await startPlatform({ dataDir });
    expect((await flowRuns(second, '&status=abandoned')).length).toBe(0);
    await second.close();
  });
});

describe('GET /api/log filters', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(async () => server.close());

  it('filters by flow: only that flow’s runs', async () => {
    const bot = await createBot(server);
    const make = async (name: string) =>
      (await api<Flow>(server, 'POST', `/api/bots/${bot.botId}/flows`, { name, trigger: { type: 'webhook' }, actions: [{ type: 'delay', ms: 1 }] }))
        .body;
    const one = await make('One');
    const two = await make('Two');
    for (const flow of [one, two, one]) {
      await fetch(flow.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    }
    await expect.poll(async () => (await api<{ entries: LogEntry[] }>(server, 'GET', `/api/log?flowId=${one.id}`)).body.entries.length).toBe(2);
    const entries = (await api<{ entries: LogEntry[] }>(server, 'GET', `/api/log?flowId=${two.id}`)).body.entries;
    expect(entries.map((e) => [e.kind, e.detail.flowName])).toEqual([['flow', 'Two']]);
  });

  it('filters by date range, in epoch ms or ISO 8601, both ends included', async () => {
    await createBot(server, { name: 'A' });
    const all = (await api<{ entries: LogEntry[] }>(server, 'GET', '/api/log')).body.entries;
    const at = all[0]!.at;
    const iso = new Date(at).toISOString();
    expect((await api<{ entries: LogEntry[] }>(server, 'GET', `/api/log?from=${at}&to=${at}`)).body.entries.length).toBeGreaterThan(0);
    expect((await api<{ entries: LogEntry[] }>(server, 'GET', `/api/log?from=${encodeURIComponent(iso)}`)).body.entries.length).toBeGreaterThan(0);
    expect((await api<{ entries: LogEntry[] }>(server, 'GET', `/api/log?from=${at + 1}`)).body.entries).toEqual([]);
    expect((await api<{ entries: LogEntry[] }>(server, 'GET', `/api/log?to=${at - 1}`)).body.entries).toEqual([]);
  });

  it.each([
    ['from after to', '?from=2000&to=1000', 'BOTBENCH_ERR_DATE_RANGE', 'after it ends'],
    ['a date that is not ISO 8601', '?from=yesterday', 'BOTBENCH_ERR_VALIDATION', 'from'],
    ['an empty flowId', '?flowId=', 'BOTBENCH_ERR_VALIDATION', 'flowId'],
  ])('refuses %s with 400', async (_label, query, code, mention) => {
    const answer = await api<ErrorBody>(server, 'GET', `/api/log${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message).toContain(mention);
  });
});

describe('users, as Flow XO manages them', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(async () => server.close());

  describe('POST /api/users (the Users API’s create-a-user call)', () => {
    it('creates a user with 201, then renames the existing one with 200', async () => {
      const bot = await createBot(server);
      const made = await api<{ user: User; created: boolean }>(server, 'POST', '/api/users', { botId: bot.botId, channelId: 'crm-42', name: 'Ada' });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        created: true,
        user: { responsePath: `${bot.botId}/c/crm-42`, name: 'Ada', status: 'active', kind: 'external', channel: 'web', connections: 0 },
      });
      const again = await api<{ user: User; created: boolean }>(server, 'POST', '/api/users', {
        botId: bot.botId,
        channelId: 'crm-42',
        name: 'Ada L.',
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ created: false, user: { name: 'Ada L.', firstSeen: made.body.user.firstSeen } });
      const listed = (await api<{ users: User[] }>(server, 'GET', `/api/users?botId=${bot.botId}`)).body.users;
      expect(listed.map((u) => u.responsePath)).toEqual([`${bot.botId}/c/crm-42`]);
    });

    it.each([
      ['no channelId', (botId: string) => ({ botId }), 400, 'BOTBENCH_ERR_VALIDATION', 'channelId'],
      ['a channelId with a slash', (botId: string) => ({ botId, channelId: 'a/b' }), 400, 'BOTBENCH_ERR_VALIDATION', 'channelId'],
      ['a bad Bot ID', () => ({ botId: 'nope', channelId: 'x' }), 400, 'BOTBENCH_ERR_VALIDATION', 'botId'],
      [
        'an unknown bot',
        () => ({ botId: '5852754509ac70000c104b80', channelId: 'x' }),
        404,
        'BOTBENCH_ERR_BOT_NOT_FOUND',
        '5852754509ac70000c104b80',
      ],
      ['an unknown key', (botId: string) => ({ botId, channelId: 'x', email: 'a@b.c' }), 400, 'BOTBENCH_ERR_VALIDATION', 'email'],
      ['an unknown channel', (botId: string) => ({ botId, channelId: 'x', channel: 'sms' }), 400, 'BOTBENCH_ERR_VALIDATION', 'channel'],
    ])('refuses %s and writes nothing', async (_label, body, status, code, mention) => {
      const bot = await createBot(server);
      const answer = await api<ErrorBody>(server, 'POST', '/api/users', body(bot.botId));
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).toContain(mention);
      expect((await api<{ users: User[] }>(server, 'GET', '/api/users')).body.users).toEqual([]);
    });
  });

  it('marks a user unreachable and active again (PATCH), and says when there is no such user', async () => {
    const bot = await createBot(server);
    await api(server, 'POST', '/api/users', { botId: bot.botId, channelId: 'u1' });
    const path = `/api/users/${bot.botId}/c/u1`;
    expect((await api<User>(server, 'PATCH', path, { status: 'unreachable' })).body.status).toBe('unreachable');
    expect((await api<User>(server, 'GET', path)).body.status).toBe('unreachable');
    expect((await api<User>(server, 'PATCH', path, { status: 'active' })).body.status).toBe('active');
    const bad = await api<ErrorBody>(server, 'PATCH', path, { status: 'gone' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'BOTBENCH_ERR_VALIDATION' } } });
    const missing = await api<ErrorBody>(server, 'PATCH', `/api/users/${bot.botId}/c/nobody`, { status: 'active' });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'BOTBENCH_ERR_USER_NOT_FOUND' } } });
  });

  it('clears every attribute of a user (DELETE …/attributes)', async () => {
    const bot = await createBot(server);
    await api(server, 'POST', '/api/users', { botId: bot.botId, channelId: 'u1' });
    server.platform.users.setAttribute(`${bot.botId}/c/u1`, 'plan', 'gold');
    expect((await api<User>(server, 'GET', `/api/users/${bot.botId}/c/u1`)).body.attributes).toEqual({ plan: 'gold' });
    const cleared = await api<User>(server, 'DELETE', `/api/users/${bot.botId}/c/u1/attributes`);
    expect(cleared).toMatchObject({ status: 200, body: { attributes: {} } });
    expect((await api<User>(server, 'GET', `/api/users/${bot.botId}/c/u1`)).body.attributes).toEqual({});
  });

  it('exports the filtered users as CSV, one column per attribute, fields quoted per RFC 4180', async () => {
    const bot = await createBot(server);
    const other = await createBot(server, { name: 'Other' });
    await api(server, 'POST', '/api/users', { botId: bot.botId, channelId: 'u1', name: 'Smith, "Jo"' });
    await api(server, 'POST', '/api/users', { botId: bot.botId, channelId: 'u2' });
    await api(server, 'POST', '/api/users', { botId: other.botId, channelId: 'elsewhere' });
    server.platform.users.setAttribute(`${bot.botId}/c/u1`, 'plan', 'gold');
    server.platform.users.setAttribute(`${bot.botId}/c/u2`, 'city', 'Oslo\nNorth');
    await api(server, 'PATCH', `/api/users/${bot.botId}/c/u2`, { status: 'unreachable' });

    const response = await fetch(`${server.url}/api/users/export.csv?botId=${bot.botId}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const text = await response.text();
    const [header, ...rows] = text.split('\r\n');
    expect(header).toBe([...USERS_CSV_COLUMNS, 'attribute:city', 'attribute:plan'].join(','));
    expect(rows.at(-1)).toBe('');
    expect(text).toContain(`${bot.botId}/c/u1,${bot.botId},web,u1,external,"Smith, ""Jo""",active,`);
    expect(text).toContain(`,unreachable,`);
    expect(text).toContain('"Oslo\nNorth",');
    expect(text).toMatch(/,gold\r\n/);
    expect(text).not.toContain('elsewhere');
  });

  it('makes an unreachable user active again when they make contact', async () => {
    const bot = await createBot(server);
    const responsePath = `${bot.botId}/c/u1`;
    server.platform.users.connect(bot.botId, 'u1', 'external', {});
    server.platform.setUserStatus(responsePath, 'unreachable');
    server.platform.users.connect(bot.botId, 'u1', 'external', {});
    expect(server.platform.users.require(responsePath).status).toBe('active');
  });
});

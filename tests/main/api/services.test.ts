import { describe, expect, it } from 'vitest';
import type { LogEntry, User } from '../../../main/api/contract.ts';
import { useWorkbench } from '../../mocks/workbench.ts';

describe('users.* and log.query filters (the workbench API over the real platform)', () => {
  const bench = useWorkbench();
  const { events, call } = bench;

  it('creates, marks, clears and exports users, each change announced as a user event', async () => {
    const made = await call<{ user: User; created: boolean }>('users.create', { botId: bench.bot.botId, channelId: 'crm-1', name: 'Ada' });
    expect(made).toMatchObject({ created: true, user: { name: 'Ada', status: 'active' } });
    const path = made.user.responsePath;
    bench.workbench.server.platform.users.setAttribute(path, 'plan', 'gold');
    expect(await call<User>('users.setStatus', { responsePath: path, status: 'unreachable' })).toMatchObject({ status: 'unreachable' });
    expect(await call<User>('users.clearAttributes', { responsePath: path })).toMatchObject({ attributes: {} });
    const file = await call<{ fileName: string; content: string; mime: string }>('users.exportCsv', { botId: bench.bot.botId });
    expect(file.fileName).toMatch(/^botbench-users-.*\.csv$/);
    expect(file.mime).toBe('text/csv;charset=utf-8');
    expect(file.content.split('\r\n')[1]).toContain(`${path},${bench.bot.botId},web,crm-1,external,Ada,unreachable,`);
    const userEvents = events.flatMap((e) => (e.type === 'user' ? [e.user.status] : []));
    expect(userEvents).toEqual(['active', 'unreachable', 'unreachable']);
  });

  it('refuses bad users.* parameters with the field named, and writes nothing', async () => {
    await expect(call('users.create', { botId: bench.bot.botId, channelId: 'a b' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_VALIDATION',
      field: 'channelId',
    });
    await expect(call('users.setStatus', { responsePath: `${bench.bot.botId}/c/x`, status: 'gone' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_VALIDATION',
      field: 'status',
    });
    await expect(call('users.setStatus', { responsePath: `${bench.bot.botId}/c/nobody`, status: 'active' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_USER_NOT_FOUND',
    });
    await expect(call('users.clearAttributes', { responsePath: 'not-a-path' })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_RESPONSE_PATH' });
    expect(bench.workbench.server.platform.users.list()).toEqual([]);
  });

  it('filters log.query by date range and flow, and refuses a range that ends before it starts', async () => {
    const entries = await call<LogEntry[]>('log.query', {});
    const at = entries[0]!.at;
    expect(await call<LogEntry[]>('log.query', { from: at + 1 })).toEqual([]);
    expect((await call<LogEntry[]>('log.query', { from: at, to: at })).length).toBeGreaterThan(0);
    expect(await call<LogEntry[]>('log.query', { flowId: 'no-such-flow' })).toEqual([]);
    await expect(call('log.query', { from: 2, to: 1 })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_DATE_RANGE' });
  });
});

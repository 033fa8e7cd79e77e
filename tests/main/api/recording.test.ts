import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ProfileSnapshot, RecordedScenario, RecordingStatus, RunSummary, WebhookHistoryEntry } from '../../../main/api/contract.ts';
import type { Bot } from '../../../main/platform/model.ts';
import { RecordingSession } from '../../../main/api/recording.ts';
import { parseScenarioText } from '../../../main/scenarios/load.ts';
import { startWorkbench, type Workbench } from '../../../main/workbench.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';

/** Record a scenario through the workbench API, over the real platform and profiles on widget sockets. */
describe('recording.* (Record a scenario)', () => {
  let workbench: Workbench;
  let host: FakeProfileHost;
  let bot: Bot;
  const statuses: RecordingStatus[] = [];
  const call = <T>(method: string, params?: unknown) => workbench.services.dispatch(method, params) as Promise<T>;

  beforeEach(async () => {
    host = new FakeProfileHost();
    workbench = await startWorkbench({ dataDir: null, mode: 'browser', createHost: () => host, demoBot: false });
    bot = workbench.server.platform.createBot({ name: 'Shop' });
    statuses.length = 0;
    workbench.services.subscribe((event) => event.type === 'recording' && statuses.push(event.status));
  });
  afterEach(() => workbench.close());

  it('turns opening two profiles, a reload, a restart and a webhook into a scenario that validates and passes when run', async () => {
    expect(await call<RecordingStatus>('recording.start')).toMatchObject({ recording: true, steps: 0 });
    const same = await call<ProfileSnapshot>('profiles.open', { kind: 'persistent', botId: bot.botId, label: 'Same browser' });
    const incognito = await call<ProfileSnapshot>('profiles.open', { kind: 'incognito', botId: bot.botId });
    await call('profiles.reload', { id: same.id });
    await call('profiles.restart', { id: incognito.id });
    await call<WebhookHistoryEntry>('webhooks.send', {
      botId: bot.botId,
      responsePath: same.responsePath,
      headers: {},
      body: '{"response_path": "{{responsePath}}", "text": "Your order has shipped"}',
    });
    expect(statuses.at(-1)).toMatchObject({
      recording: true,
      steps: 5,
      recent: ['reload Same browser', 'restart Incognito', 'webhook Same browser'],
    });

    const recorded = await call<RecordedScenario>('recording.stop', { name: 'Two browsers' });
    expect(recorded).toMatchObject({ name: 'Two browsers', steps: 5, fileName: expect.stringMatching(/^recorded-.*\.yaml$/) });
    expect(parse(recorded.text).steps).toEqual([
      { do: 'open', profile: 'Same browser', kind: 'persistent', expect: { channelId: 'new' } },
      { do: 'open', profile: 'Incognito', kind: 'incognito', expect: { channelId: 'new' } },
      { do: 'reload', profile: 'Same browser', expect: { channelId: 'same' } },
      { do: 'restart', profile: 'Incognito', expect: { channelId: 'changed' } },
      {
        do: 'webhook',
        profile: 'Same browser',
        text: 'Your order has shipped',
        signed: false,
        expect: { webhook: 'delivered', arrivesIn: ['Same browser'] },
      },
    ]);
    expect(statuses.at(-1)).toMatchObject({ recording: false });
    expect(() => parseScenarioText(recorded.text, recorded.fileName)).not.toThrow();

    // Run again: on a new bot of its own, with new browsers, and it passes.
    const { summary } = await call<{ summary: RunSummary }>('scenarios.run', { scenarios: [{ source: recorded.fileName, text: recorded.text }] });
    expect(summary.scenarios[0]?.failures).toEqual([]);
    expect(summary.status).toBe('passed');
  });

  it('records a logged-in visitor in two browsers as the same ID, a refused reset, and a profile open before Record', async () => {
    const before = await call<ProfileSnapshot>('profiles.open', { kind: 'metadata', botId: bot.botId });
    await call('recording.start');
    const a = await call<ProfileSnapshot>('profiles.open', { kind: 'external-id', botId: bot.botId, externalUserId: 'Jane' });
    const b = await call<ProfileSnapshot>('profiles.open', { kind: 'incognito', botId: bot.botId });
    await call('profiles.login', { id: b.id, externalUserId: 'Jane' });
    await call('profiles.resetConversation', { id: a.id });
    await call('profiles.sendMessage', { id: before.id, text: 'hello' });
    await call('profiles.close', { id: b.id });
    const recorded = await call<RecordedScenario>('recording.stop', {});
    expect(parse(recorded.text).steps).toEqual([
      {
        id: 'external-id-open',
        do: 'open',
        profile: 'External ID',
        kind: 'external-id',
        externalUserId: 'Jane',
        expect: { channelId: { equals: 'Jane' } },
      },
      { do: 'open', profile: 'Incognito', kind: 'incognito', expect: { channelId: 'new' } },
      { do: 'login', profile: 'Incognito', externalUserId: 'Jane', expect: { channelId: { sameAs: 'external-id-open' } } },
      { do: 'reset', profile: 'External ID', expect: { reset: 'refused', channelId: 'same' } },
      { do: 'open', profile: 'Metadata', kind: 'metadata', metadata: { myUserId: '123' }, expect: { channelId: 'new' } },
      { do: 'send', profile: 'Metadata', text: 'hello' },
      { do: 'close', profile: 'Incognito' },
    ]);
    const { summary } = await call<{ summary: RunSummary }>('scenarios.run', { scenarios: [{ source: recorded.fileName, text: recorded.text }] });
    expect(summary.scenarios[0]?.failures).toEqual([]);
  });

  it('records clicks and typing in a page as page steps, in the order they happened', async () => {
    await call('recording.start');
    const opened = await call<ProfileSnapshot>('profiles.open', { kind: 'login', botId: bot.botId });
    const page = [...host.pages].find((p) => p.profileId === opened.id)!;
    page.$pageAction({ type: 'fill', selector: '#email', value: 'j' });
    page.$pageAction({ type: 'fill', selector: '#email', value: 'jane@example.test' });
    page.$pageAction({ type: 'press', key: 'Enter', selector: '#email' });
    page.$pageAction({ type: 'click', selector: 'text=Log in' });
    const recorded = await call<RecordedScenario>('recording.stop', {});
    expect(parse(recorded.text).steps.slice(1)).toEqual([
      { do: 'fill', profile: 'Login logout', selector: '#email', value: 'jane@example.test' },
      { do: 'press', profile: 'Login logout', key: 'Enter', selector: '#email' },
      { do: 'click', profile: 'Login logout', selector: 'text=Log in' },
    ]);
    expect(() => parseScenarioText(recorded.text, recorded.fileName)).not.toThrow();
    // Not recording: page actions go nowhere.
    page.$pageAction({ type: 'click', selector: '#x' });
    await call('recording.start');
    expect(await call<RecordingStatus>('recording.status')).toMatchObject({ recording: true, steps: 0 });
  });

  it('records the address bar: an address, back and forward as goto steps with the identity the page then had, reload as a reload', async () => {
    const session = new RecordingSession(
      workbench.profiles,
      (id) => workbench.server.platform.bots.get(id),
      () => undefined,
    );
    session.start();
    const opened = await session.open(() => workbench.profiles.open({ kind: 'incognito', botId: bot.botId, label: 'Shop' }), undefined);
    const same = async () => workbench.profiles.list().find((p) => p.id === opened.id)!;
    await session.navigate(opened.id, { url: '/account' }, same);
    await session.navigate(opened.id, 'back', async () => ({ ...(await same()), url: `${workbench.server.url}/site/${bot.botId}` }));
    await session.navigate(opened.id, 'reload', () => workbench.profiles.reload(opened.id));
    expect(parse(session.stop().text).steps.slice(1)).toEqual([
      { do: 'goto', profile: 'Shop', url: '/account', expect: { channelId: 'same' } },
      { do: 'goto', profile: 'Shop', url: `${workbench.server.url}/site/${bot.botId}`, expect: { channelId: 'same' } },
      { do: 'reload', profile: 'Shop', expect: { channelId: 'same' } },
    ]);
    session.dispose();
  });

  it("records the pane's address bar through the contract (profiles.navigate)", async () => {
    const opened = await call<ProfileSnapshot>('profiles.open', { kind: 'incognito', botId: bot.botId, label: 'Shop' });
    await call('recording.start');
    await call('profiles.navigate', { id: opened.id, to: 'reload' });
    const { text } = await call<{ text: string }>('recording.stop', {});
    expect(parse(text).steps.slice(-1)).toEqual([{ do: 'reload', profile: 'Shop', expect: { channelId: 'same' } }]);
  });

  it('refuses Stop when nothing is recorded or nothing was done, and stops either way', async () => {
    await expect(call('recording.stop', {})).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION', message: expect.stringContaining('Record') });
    await call('recording.start');
    await expect(call('recording.stop', {})).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION', message: expect.stringContaining('no steps') });
    expect(await call<RecordingStatus>('recording.status')).toMatchObject({ recording: false });
    await expect(call('recording.stop', { name: 'x', extra: 1 })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION' });
  });
});

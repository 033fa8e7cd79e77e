import { describe, expect, it } from 'vitest';
import { jsonSafeCopy, MAX_CALLS_PER_LOAD, type MessengerCall } from '../../../main/common/messenger-calls.ts';
import type { PageHooks, ProfileHost, ProfilePage, WidgetReport } from '../../../main/profiles/profile-host.ts';
import { MAX_LOADS_PER_PROFILE, ProfileService, type ProfileEvent } from '../../../main/profiles/profile-service.ts';

const BOT = '5852754509ac70000c104b80';

/** A host whose one page reports connected at once and hands the test its hooks, to report calls as the observer would. */
function hookedHost(): { host: ProfileHost; hooks: () => PageHooks } {
  let hooks: PageHooks | undefined;
  const page: ProfilePage = {
    reload: async () => undefined,
    restart: async () => undefined,
    clearSiteData: async () => undefined,
    evaluate: async () => undefined as never,
    input: async () => undefined,
    drive: async () => undefined,
    capture: async () => '',
    close: async () => undefined,
  };
  return {
    host: {
      name: 'chromium',
      open: async (_spec, given) => {
        hooks = given;
        setTimeout(() => given.onWidget(state('load-1', 'connected', 'n_AAAAAAA')), 0);
        return page;
      },
      dispose: async () => undefined,
    },
    hooks: () => hooks!,
  };
}

const state = (loadId: string, s: string, channelId: string | null = null): WidgetReport => ({
  loadId,
  state: s,
  channelId,
  responsePath: channelId && `${BOT}/c/${channelId}`,
  kind: channelId ? 'anonymous' : null,
});

const call = (method: string, args: unknown[], change: Partial<MessengerCall> = {}): MessengerCall => ({
  at: 5,
  api: 'legacy',
  by: 'page',
  method,
  args: args.map((a) => jsonSafeCopy(a)),
  widgetState: 'idle',
  ...change,
});

describe('ProfileService findings', () => {
  it('keeps recorded calls per load, sums up findings on the snapshot and tells listeners; a call report moves no state', async () => {
    const { host, hooks } = hookedHost();
    const profiles = new ProfileService({ host, platformUrl: () => 'http://127.0.0.1:1', connectTimeoutMs: 2000 });
    const events: ProfileEvent[] = [];
    profiles.subscribe((event) => events.push(event));
    const opened = await profiles.open({ kind: 'incognito', botId: BOT });
    expect(opened.findings).toEqual({ count: 0, worst: null });
    // A call report whose state says "connected as someone else" must not count as a state report.
    hooks().onWidget({
      ...state('load-1', 'connected', 'n_BBBBBBB'),
      call: call('setConfig', [{ externalUserId: 'undefined' }]),
      page: 'https://shop.example.test/p',
    });
    const snapshot = profiles.list()[0]!;
    expect(snapshot.channelId).toBe('n_AAAAAAA');
    expect(snapshot.findings).toEqual({ count: 1, worst: 'error' });
    expect(events.filter((e) => e.type === 'findings')).toEqual([{ type: 'findings', profileId: opened.id, site: 'https://shop.example.test' }]);
    expect(profiles.findings({ profileId: opened.id }).map((f) => [f.code, f.url])).toEqual([
      ['EXTERNAL_ID_STRINGIFIED', 'https://shop.example.test/p'],
    ]);
    expect(profiles.findings({ site: 'https://shop.example.test' })).toHaveLength(1);
    expect(profiles.findings({ site: 'http://other.test' })).toEqual([]);
    // The same finding again tells no one.
    const told = events.length;
    hooks().onWidget({
      ...state('load-1', 'connected'),
      call: call('sendMessage', ['hi'], { widgetState: 'connected' }),
      page: 'https://shop.example.test/p',
    });
    expect(events.length).toBe(told);
    // Closed, its findings leave with it, and listeners hear so.
    await profiles.close(opened.id);
    expect(events.at(-1)).toEqual({ type: 'findings', profileId: opened.id, site: 'https://shop.example.test' });
    expect(profiles.findings({ site: 'https://shop.example.test' })).toEqual([]);
    await profiles.dispose();
  });

  it('bounds what it keeps: loads per profile and calls per load', async () => {
    const { host, hooks } = hookedHost();
    const profiles = new ProfileService({ host, platformUrl: () => 'http://127.0.0.1:1', connectTimeoutMs: 2000 });
    const opened = await profiles.open({ kind: 'incognito', botId: BOT });
    for (let n = 0; n < MAX_LOADS_PER_PROFILE + 5; n++)
      hooks().onWidget({
        ...state(`load-${n}`, 'idle'),
        call: call('setConfig', [{ externalUserId: n === 0 ? '' : 'ok-id-x' }]),
        page: 'https://a.test/',
      });
    // The load with the empty ID was the oldest, and is gone.
    expect(profiles.findings({ profileId: opened.id })).toEqual([]);
    for (let n = 0; n < MAX_CALLS_PER_LOAD + 50; n++)
      hooks().onWidget({ ...state('big', 'idle'), call: call('on', ['x', () => 1]), page: 'https://a.test/' });
    hooks().onWidget({ ...state('big', 'idle'), call: call('setConfig', [{ externalUserId: '' }]), page: 'https://a.test/' });
    // Past the bound a call is counted, not kept.
    expect(profiles.findings({ profileId: opened.id })).toEqual([]);
    await profiles.dispose();
  });
});

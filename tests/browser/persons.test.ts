import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person, PersonIdentity, PersonSendResult, ProfileSnapshot } from '../../main/api/contract.ts';
import type { Bot } from '../../main/platform/model.ts';
import { ChromiumProfileHost } from '../../main/profiles/chromium-host.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';

/** The seed's contrast with real browsers: two devices are two web visitors, but one Telegram-like user. */
describe('a person with two devices, in real Chromium', () => {
  let dir: string;
  let workbench: Workbench;
  let bot: Bot;
  const call = <T>(method: string, params?: unknown) => workbench.services.dispatch(method, params) as Promise<T>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'botbench-persons-'));
    workbench = await startWorkbench({ dataDir: dir, mode: 'browser', createHost: (profilesDir) => new ChromiumProfileHost({ profilesDir }) });
    bot = workbench.server.platform.bots.list()[0]!;
  });
  afterEach(async () => {
    await workbench.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gets two web Channel IDs from the laptop’s and the phone’s browsers, and one Telegram-like ID from both', async () => {
    const laptopBrowser = await call<ProfileSnapshot>('profiles.open', { kind: 'persistent', botId: bot.botId, label: 'Laptop browser' });
    const phoneBrowser = await call<ProfileSnapshot>('profiles.open', { kind: 'other-device', botId: bot.botId, label: 'Phone browser' });
    const ada = await call<Person>('persons.create', { name: 'Ada' });
    await call('persons.addDevice', { personId: ada.id, name: 'Laptop', profileId: laptopBrowser.id });
    const withDevices = await call<Person>('persons.addDevice', { personId: ada.id, name: 'Phone', profileId: phoneBrowser.id });
    const [laptop, phone] = withDevices.devices;

    const cells = await call<PersonIdentity[]>('persons.identities', { botIds: [bot.botId] });
    const web = (deviceId: string) => cells.find((c) => c.channel === 'web' && c.deviceId === deviceId)!;
    expect(web(laptop!.id)).toMatchObject({ source: 'profile', channelId: laptopBrowser.channelId });
    expect(web(phone!.id)).toMatchObject({ source: 'profile', channelId: phoneBrowser.channelId });
    expect(web(laptop!.id).channelId).toMatch(/^n_/);
    expect(web(laptop!.id).channelId).not.toBe(web(phone!.id).channelId);

    const send = (deviceId: string) =>
      call<PersonSendResult>('persons.send', { personId: ada.id, deviceId, channel: 'telegram', botId: bot.botId, text: 'hello' });
    const fromLaptop = await send(laptop!.id);
    const fromPhone = await send(phone!.id);
    expect(fromLaptop.responsePath).toBe(`${bot.botId}/c/${ada.telegramUserId}`);
    expect(fromPhone.responsePath).toBe(fromLaptop.responsePath);

    // Closing the phone's browser leaves its device with no web ID, and the Telegram-like ID as it was.
    await call('profiles.close', { id: phoneBrowser.id });
    const after = await call<PersonIdentity[]>('persons.identities', { botIds: [bot.botId] });
    expect(after.find((c) => c.channel === 'web' && c.deviceId === phone!.id)).toMatchObject({ source: 'none', channelId: null });
    expect(after.filter((c) => c.channel === 'telegram').map((c) => c.channelId)).toEqual([ada.telegramUserId, ada.telegramUserId]);
  }, 60_000);
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person, PersonIdentity, PersonSendResult, WebhookHistoryEntry, WorkbenchEvent } from '../../../main/api/contract.ts';
import type { Bot, Message } from '../../../main/platform/model.ts';
import { startWorkbench, type Workbench } from '../../../main/workbench.ts';
import { FakeProfileHost } from '../../mocks/fake-host.ts';
import { eventually } from '../../mocks/platform.ts';

describe('persons.* (the identity lab, over the real platform)', () => {
  let workbench: Workbench;
  let shop: Bot;
  let support: Bot;
  const events: WorkbenchEvent[] = [];
  const call = <T>(method: string, params?: unknown) => workbench.services.dispatch(method, params) as Promise<T>;

  beforeEach(async () => {
    workbench = await startWorkbench({ dataDir: null, mode: 'browser', createHost: () => new FakeProfileHost(), demoBot: false });
    shop = workbench.server.platform.createBot({ name: 'Shop' });
    support = workbench.server.platform.createBot({ name: 'Support' });
    events.length = 0;
    workbench.services.subscribe((event) => events.push(event));
  });
  afterEach(() => workbench.close());

  async function adaWithTwoDevices(): Promise<Person> {
    const ada = await call<Person>('persons.create', { name: 'Ada' });
    await call('persons.addDevice', { personId: ada.id, name: 'Phone' });
    return call<Person>('persons.addDevice', { personId: ada.id, name: 'Laptop' });
  }

  it('lands a Telegram-like message from either device on one response path, for each bot', async () => {
    const ada = await adaWithTwoDevices();
    const [phone, laptop] = ada.devices;
    const send = (deviceId: string, botId: string) =>
      call<PersonSendResult>('persons.send', { personId: ada.id, deviceId, channel: 'telegram', botId, text: 'hi' });
    const fromPhone = await send(phone!.id, shop.botId);
    const fromLaptop = await send(laptop!.id, shop.botId);
    const otherBot = await send(phone!.id, support.botId);
    expect(fromPhone).toMatchObject({
      channel: 'telegram',
      channelId: ada.telegramUserId,
      responsePath: `${shop.botId}/c/${ada.telegramUserId}`,
      created: true,
      status: 200,
    });
    expect(fromLaptop).toMatchObject({ responsePath: fromPhone.responsePath, created: false });
    expect(otherBot.responsePath).toBe(`${support.botId}/c/${ada.telegramUserId}`);
  });

  it('gives Messenger-like page-scoped IDs: one per page, the same from every device', async () => {
    const ada = await adaWithTwoDevices();
    const [phone, laptop] = ada.devices;
    const send = (deviceId: string, botId: string) =>
      call<PersonSendResult>('persons.send', { personId: ada.id, deviceId, channel: 'messenger', botId, text: 'hi' });
    const shopPhone = await send(phone!.id, shop.botId);
    const shopLaptop = await send(laptop!.id, shop.botId);
    const supportPhone = await send(phone!.id, support.botId);
    expect(shopLaptop.channelId).toBe(shopPhone.channelId);
    expect(supportPhone.channelId).not.toBe(shopPhone.channelId);
    const cells = await call<PersonIdentity[]>('persons.identities', {});
    const messengerIds = cells.filter((c) => c.channel === 'messenger').map((c) => `${c.botId === shop.botId ? 'shop' : 'support'}:${c.channelId}`);
    expect(new Set(messengerIds)).toEqual(new Set([`shop:${shopPhone.channelId}`, `support:${supportPhone.channelId}`]));
  });

  it('shows the bot’s answer in the transcript, and a webhook to the person lands through the provider', async () => {
    const ada = await adaWithTwoDevices();
    const sent = await call<PersonSendResult>('persons.send', {
      personId: ada.id,
      deviceId: ada.devices[0]!.id,
      channel: 'telegram',
      botId: shop.botId,
      text: 'hello',
    });
    const transcript = await eventually(async () => {
      const messages = await call<Message[]>('users.transcript', { responsePath: sent.responsePath });
      return messages.some((m) => m.direction === 'out') && messages;
    });
    expect(transcript.map((m) => [m.source, m.direction])).toEqual([
      ['telegram', 'in'],
      ['bot', 'out'],
    ]);
    const entry = await call<WebhookHistoryEntry>('webhooks.send', {
      botId: shop.botId,
      responsePath: sent.responsePath,
      body: '{"response_path":"{{responsePath}}","text":"your order shipped"}',
      headers: {},
    });
    expect(entry.trace).toMatchObject({ status: 200, outcome: 'delivered', answer: { channel: 'telegram', delivered: 1 } });
  });

  it('refuses a channel the person does not use, an unknown device or person, and an unknown profile link', async () => {
    const ada = await adaWithTwoDevices();
    await call('persons.update', { id: ada.id, channels: ['web', 'telegram'] });
    const base = { personId: ada.id, deviceId: ada.devices[0]!.id, botId: shop.botId, text: 'hi' };
    await expect(call('persons.send', { ...base, channel: 'messenger' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_VALIDATION',
      field: 'channel',
    });
    await expect(call('persons.send', { ...base, deviceId: 'nope', channel: 'telegram' })).rejects.toMatchObject({ field: 'deviceId' });
    await expect(call('persons.send', { ...base, personId: 'nope', channel: 'telegram' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_PERSON_NOT_FOUND',
    });
    await expect(call('persons.addDevice', { personId: ada.id, name: 'Tablet', profileId: 'nope' })).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_PROFILE_NOT_FOUND',
      field: 'profileId',
    });
    await expect(call('persons.create', { name: '' })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION', field: 'name' });
    expect(workbench.server.platform.users.list()).toEqual([]);
  });

  it('carries the platform’s refusal back with its code: a Telegram ID that is already a web visitor’s', async () => {
    const ada = await adaWithTwoDevices();
    workbench.server.platform.users.connect(shop.botId, ada.telegramUserId, 'external', {});
    await expect(
      call('persons.send', { personId: ada.id, deviceId: ada.devices[0]!.id, channel: 'telegram', botId: shop.botId, text: 'hi' }),
    ).rejects.toMatchObject({ code: 'BOTBENCH_ERR_CHANNEL_MISMATCH' });
  });

  it('tells the UI about every change with the whole list of people', async () => {
    const ada = await adaWithTwoDevices();
    await call('persons.delete', { id: ada.id });
    const lists = events.filter((e) => e.type === 'persons').map((e) => (e as { persons: Person[] }).persons.map((p) => p.devices.length));
    expect(lists).toEqual([[0], [1], [2], []]);
  });
});

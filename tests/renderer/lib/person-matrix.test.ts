import { describe, expect, it } from 'vitest';
import type { PersonIdentity } from '../../../main/api/contract.ts';
import { personMatrix } from '../../../renderer/src/lib/person-matrix.ts';
import { makeBot, makePerson } from '../fixtures.ts';

const shop = makeBot({ botId: 'a'.repeat(24), name: 'Shop' });
const support = makeBot({
  botId: 'b'.repeat(24),
  name: 'Support',
  channels: { ...shop.channels, messenger: { ...shop.channels.messenger, pageId: '222222222222222' } },
});

function cell(deviceId: string, channel: PersonIdentity['channel'], botId: string, channelId: string | null): PersonIdentity {
  return {
    personId: 'ada',
    deviceId,
    channel,
    botId,
    channelId,
    responsePath: channelId === null ? null : `${botId}/c/${channelId}`,
    source: channelId === null ? 'none' : channel === 'web' ? 'profile' : 'provider',
  };
}

const identities: PersonIdentity[] = [
  cell('phone', 'web', shop.botId, 'n_phone'),
  cell('laptop', 'web', shop.botId, 'n_laptop'),
  cell('phone', 'web', support.botId, null),
  cell('laptop', 'web', support.botId, null),
  ...['phone', 'laptop'].flatMap((d) => [
    cell(d, 'telegram', shop.botId, '123456789'),
    cell(d, 'telegram', support.botId, '123456789'),
    cell(d, 'messenger', shop.botId, '1111111111111111'),
    cell(d, 'messenger', support.botId, '2222222222222222'),
  ]),
];

describe('personMatrix()', () => {
  const matrix = personMatrix(makePerson(), identities, [shop, support]);
  const row = (key: string) => matrix.rows.find((r) => r.key === key)!;

  it('has a row per channel and bot, a column per device, and says what holds across devices', () => {
    expect(matrix.rows.map((r) => [r.key, r.verdict])).toEqual([
      [`web:${shop.botId}`, 'differs'],
      [`web:${support.botId}`, 'unused'],
      [`telegram:${shop.botId}`, 'same'],
      [`telegram:${support.botId}`, 'same'],
      [`messenger:${shop.botId}`, 'same'],
      [`messenger:${support.botId}`, 'same'],
    ]);
    expect(row(`messenger:${support.botId}`).pageId).toBe('222222222222222');
    expect(matrix.devices.map((d) => d.name)).toEqual(['Phone', 'Laptop']);
  });

  it('gives equal IDs one letter across the whole matrix, even across bots', () => {
    const groups = (key: string) => row(key).cells.map((c) => c.group);
    expect(groups(`web:${shop.botId}`)).toEqual(['A', 'B']);
    expect(groups(`telegram:${shop.botId}`)).toEqual(['C', 'C']);
    expect(groups(`telegram:${support.botId}`)).toEqual(['C', 'C']);
    expect(groups(`messenger:${shop.botId}`)).toEqual(['D', 'D']);
    expect(groups(`messenger:${support.botId}`)).toEqual(['E', 'E']);
    expect(groups(`web:${support.botId}`)).toEqual([null, null]);
  });

  it('states the contrast: Telegram-like one ID everywhere, Messenger-like one per page, web one per device', () => {
    expect(matrix.facts).toEqual([
      'Telegram-like: one ID (123456789) on every device and for every bot — the provider knows the person.',
      'Messenger-like: a different ID on each of 2 pages, the same on every device — IDs are page-scoped.',
      'Web widget: each device is a different visitor — the anonymous web cannot tell it is one person.',
    ]);
  });

  it('marks a row where only some devices have an ID yet, and leaves out channels the person does not use', () => {
    const partial = personMatrix(makePerson({ channels: ['web'] }), [cell('phone', 'web', shop.botId, 'n_phone')], [shop]);
    expect(partial.rows.map((r) => [r.key, r.verdict])).toEqual([[`web:${shop.botId}`, 'partial']]);
    expect(personMatrix(makePerson({ devices: [] }), [], [shop]).facts).toEqual(['Give this person a device to see who they are on each channel.']);
  });
});

import type { ProfileSnapshot } from '../profiles/types.ts';
import type { Person, PersonIdentity } from './types.ts';
import type { Bot } from '../platform/model.ts';
import { psidFor } from './providers.ts';

/**
 * Who each person is to each bot, on each of their channels, from each of their devices: the
 * cells of the identity matrix. Telegram-like: the person's user id everywhere. Messenger-like:
 * one page-scoped ID per bot (page), whatever the device. Web: whatever the device's browser
 * profile holds now, so two devices are two visitors.
 */
export function personIdentities(persons: readonly Person[], bots: readonly Bot[], profiles: readonly ProfileSnapshot[]): PersonIdentity[] {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const cells: PersonIdentity[] = [];
  for (const person of persons) {
    for (const device of person.devices) {
      for (const channel of person.channels) {
        for (const bot of bots) {
          const base = { personId: person.id, deviceId: device.id, channel, botId: bot.botId };
          if (channel === 'telegram' || channel === 'messenger') {
            const channelId = channel === 'telegram' ? person.telegramUserId : psidFor(bot.channels.messenger.pageId, person.messengerAccountId);
            cells.push({ ...base, channelId, responsePath: `${bot.botId}/c/${channelId}`, source: 'provider' });
            continue;
          }
          const profile = device.profileId === null ? undefined : byId.get(device.profileId);
          const live =
            profile && profile.botId === bot.botId && profile.status !== 'closed' && profile.status !== 'error' && profile.channelId !== null;
          cells.push(
            live
              ? { ...base, channelId: profile.channelId, responsePath: profile.responsePath, source: 'profile' }
              : { ...base, channelId: null, responsePath: null, source: 'none' },
          );
        }
      }
    }
  }
  return cells;
}

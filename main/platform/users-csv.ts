import { toCsv } from '../common/csv.ts';
import type { User } from './model.ts';

/** The fixed columns of the users export; one `attribute:<name>` column per attribute follows. */
export const USERS_CSV_COLUMNS = [
  'response_path',
  'bot_id',
  'channel',
  'channel_id',
  'kind',
  'name',
  'status',
  'first_active',
  'last_active',
  'connections',
  'linked_to',
  'metadata',
] as const;

/**
 * Flow XO's users "Export": one row per user with its status, first and last activity, and every
 * attribute collected through flows as its own column (blank where a user has none), sorted by name.
 */
export function usersToCsv(users: readonly User[]): string {
  const names = [...new Set(users.flatMap((user) => Object.keys(user.attributes)))].sort();
  return toCsv(
    [...USERS_CSV_COLUMNS, ...names.map((name) => `attribute:${name}`)],
    users.map((user) => [
      user.responsePath,
      user.botId,
      user.channel,
      user.channelId,
      user.kind,
      user.name,
      user.status,
      new Date(user.firstSeen).toISOString(),
      new Date(user.lastSeen).toISOString(),
      user.connections,
      user.linkedTo,
      user.metadata,
      ...names.map((name) => user.attributes[name]),
    ]),
  );
}

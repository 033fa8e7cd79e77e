import type { Person, PersonChannel, PersonDevice, PersonIdentity } from '../../../main/api/contract.ts';
import type { Bot } from '../../../main/platform/model.ts';

export const CHANNEL_LABEL: Record<PersonChannel, string> = {
  web: 'Web widget',
  telegram: 'Telegram-like',
  messenger: 'Messenger-like',
};

/** How many chip colours styles.css defines (`.eq-0` … `.eq-7`). */
export const EQUALITY_COLOURS = 8;

export interface PersonMatrixCell {
  deviceId: string;
  channelId: string | null;
  responsePath: string | null;
  /** Equal Channel IDs share a letter and colour across the whole matrix: A, B, C… */
  group: string | null;
  colour: number | null;
}

/** same: one ID on every device. differs: devices are different visitors. partial: only some devices have an ID yet. */
export type RowVerdict = 'same' | 'differs' | 'partial' | 'unused';

export interface PersonMatrixRow {
  key: string;
  channel: PersonChannel;
  botId: string;
  botName: string;
  /** For a Messenger-like row: the page it is scoped to. */
  pageId: string | null;
  cells: PersonMatrixCell[];
  verdict: RowVerdict;
}

export interface PersonMatrix {
  devices: PersonDevice[];
  rows: PersonMatrixRow[];
  /** Plain sentences about what the matrix shows across bots and devices. */
  facts: string[];
}

export const VERDICT_TEXT: Record<RowVerdict, string> = {
  same: 'same on every device',
  differs: 'differs per device',
  partial: 'only on some devices yet',
  unused: 'not used yet',
};

function groupName(index: number): string {
  // A … Z, then AA, AB …: a person rarely has more than a handful of distinct IDs.
  return index < 26 ? String.fromCharCode(65 + index) : `${groupName(Math.floor(index / 26) - 1)}${String.fromCharCode(65 + (index % 26))}`;
}

/** One person's matrix: a row per channel and bot, a column per device, equal IDs grouped. */
export function personMatrix(person: Person, identities: readonly PersonIdentity[], bots: readonly Bot[]): PersonMatrix {
  const mine = identities.filter((cell) => cell.personId === person.id);
  const groups = new Map<string, number>();
  const rows: PersonMatrixRow[] = [];
  for (const channel of (['web', 'telegram', 'messenger'] as const).filter((c) => person.channels.includes(c))) {
    for (const bot of bots) {
      const cells = person.devices.map((device): PersonMatrixCell => {
        const cell = mine.find((c) => c.deviceId === device.id && c.channel === channel && c.botId === bot.botId);
        const channelId = cell?.channelId ?? null;
        let index: number | null = null;
        if (channelId !== null) {
          // The same text on two bots is two users, but it is the same ID: that equality is the point.
          if (!groups.has(channelId)) groups.set(channelId, groups.size);
          index = groups.get(channelId)!;
        }
        return {
          deviceId: device.id,
          channelId,
          responsePath: cell?.responsePath ?? null,
          group: index === null ? null : groupName(index),
          colour: index === null ? null : index % EQUALITY_COLOURS,
        };
      });
      rows.push({
        key: `${channel}:${bot.botId}`,
        channel,
        botId: bot.botId,
        botName: bot.name,
        pageId: channel === 'messenger' ? bot.channels.messenger.pageId : null,
        cells,
        verdict: verdictOf(cells),
      });
    }
  }
  return { devices: person.devices, rows, facts: factsOf(person, rows) };
}

function verdictOf(cells: readonly PersonMatrixCell[]): RowVerdict {
  const ids = cells.map((c) => c.channelId).filter((id): id is string => id !== null);
  if (ids.length === 0) return 'unused';
  if (new Set(ids).size > 1) return 'differs';
  return ids.length === cells.length ? 'same' : 'partial';
}

function factsOf(person: Person, rows: readonly PersonMatrixRow[]): string[] {
  const facts: string[] = [];
  const idsOf = (channel: PersonChannel) =>
    rows
      .filter((r) => r.channel === channel)
      .map((r) => r.cells.find((c) => c.channelId !== null)?.channelId ?? null)
      .filter((id): id is string => id !== null);
  if (person.devices.length === 0) return ['Give this person a device to see who they are on each channel.'];
  const telegram = idsOf('telegram');
  if (telegram.length > 1) {
    facts.push(
      new Set(telegram).size === 1
        ? `Telegram-like: one ID (${telegram[0]}) on every device and for every bot — the provider knows the person.`
        : 'Telegram-like: the IDs differ across bots.',
    );
  }
  const messenger = idsOf('messenger');
  if (messenger.length > 1) {
    facts.push(
      new Set(messenger).size === messenger.length
        ? `Messenger-like: a different ID on each of ${messenger.length} pages, the same on every device — IDs are page-scoped.`
        : 'Messenger-like: some pages share an ID.',
    );
  }
  const web = rows.filter((r) => r.channel === 'web');
  if (web.some((r) => r.verdict === 'differs'))
    facts.push('Web widget: each device is a different visitor — the anonymous web cannot tell it is one person.');
  else if (web.length > 0 && web.every((r) => r.verdict === 'unused'))
    facts.push('Web widget: link a device to an open profile on the Profiles screen to see its Channel ID.');
  return facts;
}

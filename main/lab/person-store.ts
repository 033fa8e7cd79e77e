import type { DatabaseSync } from 'node:sqlite';
import { nanoid } from 'nanoid';
import type { Person, PersonChannel, PersonDevice } from './types.ts';
import { BotbenchError } from '../platform/errors.ts';
import { newMessengerAccountId, newTelegramUserId } from './providers.ts';

/** A person may have this many devices: enough for phone, laptop, tablet… and a table that still fits. */
export const MAX_DEVICES = 8;

interface PersonRow {
  id: string;
  name: string;
  telegram_user_id: string;
  messenger_account_id: string;
  channels: string;
  devices: string;
  created_at: number;
}

/** Channels a new person starts with: all three, so the matrix shows the contrast at once. */
const DEFAULT_CHANNELS: PersonChannel[] = ['web', 'telegram', 'messenger'];

/**
 * The identity lab's people, in the workbench's own database. Each gets provider account ids at
 * creation that never change: that stability is what the lab demonstrates.
 */
export class PersonStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  list(): Person[] {
    return (this.#db.prepare('SELECT * FROM persons ORDER BY position, created_at').all() as unknown as PersonRow[]).map(toPerson);
  }

  require(id: string): Person {
    const row = this.#db.prepare('SELECT * FROM persons WHERE id = ?').get(id) as PersonRow | undefined;
    if (row) return toPerson(row);
    throw new BotbenchError('BOTBENCH_ERR_PERSON_NOT_FOUND', `No person has id ${JSON.stringify(id)}.`, {
      expected: 'the id of a person in the identity lab (persons.list)',
      field: 'personId',
    });
  }

  create(name: string, channels: PersonChannel[] = DEFAULT_CHANNELS): Person {
    const id = nanoid(10);
    const position = (this.#db.prepare('SELECT coalesce(max(position), -1) + 1 AS next FROM persons').get() as { next: number }).next;
    this.#db
      .prepare(
        'INSERT INTO persons (id, position, name, telegram_user_id, messenger_account_id, channels, devices, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, position, checkName(name), newTelegramUserId(), newMessengerAccountId(), JSON.stringify(uniqueChannels(channels)), '[]', Date.now());
    return this.require(id);
  }

  /** Puts a person back as exported (ids, provider accounts, devices kept), replacing one with the same id. */
  restore(person: Person): Person {
    const existing = this.#db.prepare('SELECT position FROM persons WHERE id = ?').get(person.id) as { position: number } | undefined;
    const position =
      existing?.position ?? (this.#db.prepare('SELECT coalesce(max(position), -1) + 1 AS next FROM persons').get() as { next: number }).next;
    this.#db
      .prepare(
        'INSERT OR REPLACE INTO persons (id, position, name, telegram_user_id, messenger_account_id, channels, devices, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        person.id,
        position,
        checkName(person.name),
        person.telegramUserId,
        person.messengerAccountId,
        JSON.stringify(uniqueChannels(person.channels)),
        JSON.stringify(person.devices),
        person.createdAt,
      );
    return this.require(person.id);
  }

  update(id: string, change: { name?: string | undefined; channels?: PersonChannel[] | undefined }): Person {
    const person = this.require(id);
    this.#db
      .prepare('UPDATE persons SET name = ?, channels = ? WHERE id = ?')
      .run(
        change.name === undefined ? person.name : checkName(change.name),
        JSON.stringify(change.channels === undefined ? person.channels : uniqueChannels(change.channels)),
        id,
      );
    return this.require(id);
  }

  delete(id: string): Person {
    const person = this.require(id);
    this.#db.prepare('DELETE FROM persons WHERE id = ?').run(id);
    return person;
  }

  addDevice(personId: string, name: string, profileId: string | null = null): Person {
    const person = this.require(personId);
    if (person.devices.length >= MAX_DEVICES) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${person.name} already has ${MAX_DEVICES} devices; remove one first.`, {
        expected: `at most ${MAX_DEVICES} devices per person`,
        field: 'name',
      });
    }
    const device: PersonDevice = { id: nanoid(8), name: checkDeviceName(person, name), profileId };
    return this.#setDevices(person, [...person.devices, device]);
  }

  updateDevice(personId: string, deviceId: string, change: { name?: string | undefined; profileId?: string | null | undefined }): Person {
    const person = this.require(personId);
    const device = requireDevice(person, deviceId);
    const next: PersonDevice = {
      ...device,
      ...(change.name === undefined ? {} : { name: checkDeviceName(person, change.name, deviceId) }),
      ...(change.profileId === undefined ? {} : { profileId: change.profileId }),
    };
    return this.#setDevices(
      person,
      person.devices.map((d) => (d.id === deviceId ? next : d)),
    );
  }

  removeDevice(personId: string, deviceId: string): Person {
    const person = this.require(personId);
    requireDevice(person, deviceId);
    return this.#setDevices(
      person,
      person.devices.filter((d) => d.id !== deviceId),
    );
  }

  #setDevices(person: Person, devices: PersonDevice[]): Person {
    this.#db.prepare('UPDATE persons SET devices = ? WHERE id = ?').run(JSON.stringify(devices), person.id);
    return this.require(person.id);
  }
}

/** The device of a person, or a validation error naming it. */
export function requireDevice(person: Person, deviceId: string): PersonDevice {
  const device = person.devices.find((d) => d.id === deviceId);
  if (device) return device;
  throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${person.name} has no device with id ${JSON.stringify(deviceId)}.`, {
    expected: `one of ${person.name}'s devices: ${person.devices.map((d) => `${d.id} (${d.name})`).join(', ') || 'none yet; add one'}`,
    field: 'deviceId',
  });
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length >= 1 && trimmed.length <= 80) return trimmed;
  throw new BotbenchError('BOTBENCH_ERR_VALIDATION', 'A person’s name must be 1 to 80 characters.', {
    expected: 'a name such as "Ada"',
    field: 'name',
  });
}

function checkDeviceName(person: Person, name: string, except?: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 40) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', 'A device name must be 1 to 40 characters.', {
      expected: 'a name such as "Phone"',
      field: 'name',
    });
  }
  if (person.devices.some((d) => d.id !== except && d.name.toLowerCase() === trimmed.toLowerCase())) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${person.name} already has a device named "${trimmed}".`, {
      expected: 'a device name this person does not use yet',
      field: 'name',
    });
  }
  return trimmed;
}

function uniqueChannels(channels: PersonChannel[]): PersonChannel[] {
  return DEFAULT_CHANNELS.filter((c) => channels.includes(c));
}

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    telegramUserId: row.telegram_user_id,
    messengerAccountId: row.messenger_account_id,
    channels: JSON.parse(row.channels) as PersonChannel[],
    devices: JSON.parse(row.devices) as PersonDevice[],
    createdAt: row.created_at,
  };
}

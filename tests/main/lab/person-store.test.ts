import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_DEVICES, PersonStore } from '../../../main/lab/person-store.ts';
import { openWorkspace } from '../../../main/workspace/workspace-db.ts';

describe('PersonStore', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('gives a new person provider accounts that never change, and all three channels', () => {
    const store = new PersonStore(openWorkspace(null));
    const ada = store.create('  Ada ');
    expect(ada).toMatchObject({ name: 'Ada', channels: ['web', 'telegram', 'messenger'], devices: [] });
    expect(ada.telegramUserId).toMatch(/^[1-9][0-9]{8,9}$/);
    expect(ada.messengerAccountId).toMatch(/^[1-9][0-9]{11,14}$/);
    const renamed = store.update(ada.id, { name: 'Ada L.', channels: ['messenger', 'telegram', 'telegram'] });
    expect(renamed).toMatchObject({ name: 'Ada L.', channels: ['telegram', 'messenger'], telegramUserId: ada.telegramUserId });
  });

  it('adds, renames, relinks and removes devices, refusing a duplicate name or a ninth device', () => {
    const store = new PersonStore(openWorkspace(null));
    const ada = store.create('Ada');
    const withPhone = store.addDevice(ada.id, 'Phone', 'profile-1');
    const phone = withPhone.devices[0]!;
    expect(phone).toMatchObject({ name: 'Phone', profileId: 'profile-1' });
    expect(() => store.addDevice(ada.id, 'phone')).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_VALIDATION', field: 'name' }));
    expect(store.updateDevice(ada.id, phone.id, { name: 'Work phone', profileId: null }).devices[0]).toMatchObject({
      name: 'Work phone',
      profileId: null,
    });
    for (let i = 1; i < MAX_DEVICES; i++) store.addDevice(ada.id, `Device ${i}`);
    expect(() => store.addDevice(ada.id, 'One too many')).toThrow(/already has 8 devices/);
    expect(store.removeDevice(ada.id, phone.id).devices).toHaveLength(MAX_DEVICES - 1);
    expect(() => store.removeDevice(ada.id, phone.id)).toThrow(expect.objectContaining({ field: 'deviceId' }));
  });

  it('refuses an empty name and an unknown person with their codes', () => {
    const store = new PersonStore(openWorkspace(null));
    expect(() => store.create('   ')).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_VALIDATION', field: 'name' }));
    expect(() => store.require('nobody')).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_PERSON_NOT_FOUND' }));
    expect(store.list()).toEqual([]);
  });

  it('keeps people, in order, across a restart of the workspace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-persons-'));
    dirs.push(dir);
    const db = openWorkspace(dir);
    const store = new PersonStore(db);
    const ada = store.addDevice(store.create('Ada').id, 'Laptop');
    const bob = store.create('Bob', ['web']);
    db.close();
    const again = new PersonStore(openWorkspace(dir));
    expect(again.list()).toEqual([ada, bob]);
    expect(again.delete(ada.id)).toEqual(ada);
    expect(again.list()).toEqual([bob]);
  });
});

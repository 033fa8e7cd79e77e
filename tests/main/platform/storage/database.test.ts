import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit, openDatabase, transaction } from '../../../../main/platform/storage/database.ts';

describe('GroupCommit', () => {
  let dir: string;
  let db: DatabaseSync;
  let reader: DatabaseSync;
  let batch: GroupCommit;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'botbench-batch-'));
    db = openDatabase(dir, 'b.sqlite', ['CREATE TABLE t (v TEXT NOT NULL)']);
    // Another connection sees only what was committed.
    reader = new DatabaseSync(join(dir, 'b.sqlite'));
    batch = new GroupCommit(db);
  });
  afterEach(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const committed = () => (reader.prepare('SELECT v FROM t ORDER BY rowid').all() as Array<{ v: string }>).map((r) => r.v);
  const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);

  it('commits the writes of one turn together, and resolves each only after that commit', async () => {
    const units = [batch.run(insert('a')), batch.run(insert('b'))];
    expect(committed()).toEqual([]);
    const seen: string[][] = [];
    await Promise.all(units.map((unit) => unit.then(() => seen.push(committed()))));
    expect(seen).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('undoes only the unit that threw', async () => {
    const good = batch.run(insert('kept'));
    const bad = batch.run(() => {
      insert('undone')();
      throw new Error('this unit failed');
    });
    await expect(bad).rejects.toThrow('this unit failed');
    await good;
    expect(committed()).toEqual(['kept']);
  });

  it('undoes a unit that threw alone in its turn, and the next turn commits as usual', async () => {
    const bad = batch.run(() => {
      insert('undone')();
      throw new Error('alone and failed');
    });
    await expect(bad).rejects.toThrow('alone and failed');
    expect(db.isTransaction).toBe(false);
    expect(committed()).toEqual([]);
    await batch.run(insert('next'));
    expect(committed()).toEqual(['next']);
  });

  it('is committed before a plain transaction starts, so what follows it follows every earlier write', async () => {
    const unit = batch.run(insert('first'));
    transaction(db, insert('second'));
    expect(committed()).toEqual(['first', 'second']);
    await unit;
  });

  it('holds no transaction open while units wait: a plain write meanwhile commits on its own', async () => {
    const unit = batch.run(insert('batched'));
    expect(db.isTransaction).toBe(false);
    // An admin write (and its 200) between the request and the batch's COMMIT: durable at once.
    insert('plain')();
    expect(committed()).toEqual(['plain']);
    await unit;
    expect(committed()).toEqual(['plain', 'batched']);
  });

  it('resolves each unit with what its work returned', async () => {
    await expect(Promise.all([batch.run(() => 1), batch.run(() => 'two')])).resolves.toEqual([1, 'two']);
  });

  it('joins a plain transaction it is called inside, which commits it', async () => {
    let unit!: Promise<unknown>;
    transaction(db, () => {
      unit = batch.run(insert('inside'));
    });
    expect(committed()).toEqual(['inside']);
    await unit;
  });
});

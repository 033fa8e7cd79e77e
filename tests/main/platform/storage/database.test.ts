import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InteractionLog } from '../../../../main/platform/interaction-log.ts';
import type { LogEntry } from '../../../../main/platform/model.ts';
import { afterCommit, GroupCommit, openDatabase, transaction } from '../../../../main/platform/storage/database.ts';

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

describe('afterCommit(): nobody hears of a write before it is committed', () => {
  let dir: string;
  let db: DatabaseSync;
  let reader: DatabaseSync;
  /** What was committed when each log event went out. */
  let heard: Array<{ summary: string; committed: number }>;
  let log: InteractionLog;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'botbench-after-commit-'));
    db = openDatabase(dir);
    reader = new DatabaseSync(join(dir, 'botbench.sqlite'));
    heard = [];
    log = new InteractionLog(db, (entry: LogEntry) => heard.push({ summary: entry.summary, committed: countCommitted() }));
  });
  afterEach(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const countCommitted = () => (reader.prepare('SELECT count(*) AS n FROM interaction_log').get() as { n: number }).n;
  const append = (summary: string) => log.append({ kind: 'bot', status: 'success', summary });

  it('tells a lone write at once (it commits itself)', () => {
    append('alone');
    expect(heard).toEqual([{ summary: 'alone', committed: 1 }]);
  });

  it('tells a transaction’s log entries only after its COMMIT', () => {
    transaction(db, () => {
      append('one');
      append('two');
      expect(heard).toEqual([]);
    });
    expect(heard).toEqual([
      { summary: 'one', committed: 2 },
      { summary: 'two', committed: 2 },
    ]);
  });

  it('never tells the entries of a transaction that rolled back', () => {
    expect(() =>
      transaction(db, () => {
        append('undone');
        throw new Error('the work failed');
      }),
    ).toThrow('the work failed');
    append('later');
    expect(heard).toEqual([{ summary: 'later', committed: 1 }]);
  });

  it('in a group commit, drops only the failed unit’s entries and tells the rest before any unit resolves', async () => {
    const batch = new GroupCommit(db);
    const good = batch.run(() => append('kept')).then(() => heard.length);
    const bad = batch.run(() => {
      append('undone');
      throw new Error('this unit failed');
    });
    await expect(bad).rejects.toThrow('this unit failed');
    await expect(good).resolves.toBe(1);
    expect(heard).toEqual([{ summary: 'kept', committed: 1 }]);
  });

  it('runs an action at once outside a transaction, and after the commit inside one', () => {
    const order: string[] = [];
    afterCommit(db, () => order.push('outside'));
    transaction(db, () => {
      afterCommit(db, () => order.push('after commit'));
      order.push('in the transaction');
    });
    expect(order).toEqual(['outside', 'in the transaction', 'after commit']);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../../../main/platform/delivery-queue.ts';
import { InteractionLog } from '../../../../main/platform/interaction-log.ts';
import { openDatabase } from '../../../../main/platform/storage/database.ts';
import { migrations } from '../../../../main/platform/storage/migrations.ts';

describe('migrations', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('migration 5 keeps every user and message of a version-4 workspace, with web users and channel credentials for old bots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-migrate-'));
    dirs.push(dir);
    const old = openDatabase(dir, 'w.sqlite', migrations.slice(0, 4));
    old.exec(`
      INSERT INTO bots (bot_id, name, hook_id, embed, settings, created_at) VALUES ('5852754509ac70000c104b80', 'Old', 'h1', '{}', '{}', 1);
      INSERT INTO users (response_path, bot_id, channel_id, kind, first_seen, last_seen) VALUES ('5852754509ac70000c104b80/c/n_a', '5852754509ac70000c104b80', 'n_a', 'anonymous', 1, 1);
      INSERT INTO messages (id, response_path, direction, source, text, created_at, delivered_at) VALUES ('m1', '5852754509ac70000c104b80/c/n_a', 'in', 'widget', 'hi', 1, 1);
      INSERT INTO messages (id, response_path, direction, source, text, created_at) VALUES ('m2', '5852754509ac70000c104b80/c/n_a', 'out', 'webhook', 'queued one', 2);
    `);
    old.close();

    const db = openDatabase(dir, 'w.sqlite');
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
    expect(db.prepare('SELECT channel FROM users').all()).toEqual([{ channel: 'web' }]);
    expect(db.prepare('SELECT seq, id, source, delivered_at FROM messages ORDER BY seq').all()).toEqual([
      { seq: 1, id: 'm1', source: 'widget', delivered_at: 1 },
      { seq: 2, id: 'm2', source: 'webhook', delivered_at: null },
    ]);
    const bot = db.prepare('SELECT channel_secret, app_secret, page_id FROM bots').get() as Record<string, string>;
    expect(bot.channel_secret).toMatch(/^[0-9a-f]{32}$/);
    expect(bot.app_secret).toMatch(/^[0-9a-f]{32}$/);
    expect(bot.page_id).toMatch(/^[1-9][0-9]{14}$/);
    // The rebuilt table still takes the new sources, numbers on from the old seq, and still cascades from users.
    db.prepare("INSERT INTO messages (id, response_path, direction, source, text, created_at) VALUES ('m3', ?, 'in', 'telegram', 'x', 3)").run(
      '5852754509ac70000c104b80/c/n_a',
    );
    expect(db.prepare("SELECT seq FROM messages WHERE id = 'm3'").get()).toEqual({ seq: 3 });
    expect(() => db.exec("UPDATE users SET channel = 'sms'")).toThrow(/CHECK/);
    db.exec('DELETE FROM users');
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 6 drops the log indexes no query used, keeping every entry; the log is still read newest first by filter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-migrate-'));
    dirs.push(dir);
    const old = openDatabase(dir, 'w.sqlite', migrations.slice(0, 5));
    for (let i = 1; i <= 3; i++) {
      old
        .prepare("INSERT INTO interaction_log (at, bot_id, response_path, kind, status, summary) VALUES (?, 'b', ?, 'webhook', 'queued', ?)")
        .run(i, `b/c/${i % 2}`, `entry ${i}`);
    }
    old.close();

    const db = openDatabase(dir, 'w.sqlite');
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'interaction_log'").all();
    expect(indexes).toEqual([]);
    const log = new InteractionLog(db, () => undefined);
    expect(log.query({ botId: 'b', responsePath: 'b/c/1' }).map((e) => e.summary)).toEqual(['entry 3', 'entry 1']);
    const added = log.append({ botId: 'b', responsePath: 'b/c/0', kind: 'webhook', status: 'queued', summary: 'entry 4', detail: { n: 4 } });
    expect(added.seq).toBe(4);
    expect(log.query({ limit: 1 })).toEqual([added]);
    db.close();
  });

  it('migration 7 keys the delivery queue’s index by seq: queued messages stay queued, in order, found without the user’s history', () => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-migrate-'));
    dirs.push(dir);
    const old = openDatabase(dir, 'w.sqlite', migrations.slice(0, 6));
    old.exec("INSERT INTO bots (bot_id, name, hook_id, embed, created_at) VALUES ('b', 'B', 'h', '{}', 0)");
    for (const user of ['b/c/1', 'b/c/2'])
      old
        .prepare("INSERT INTO users (response_path, bot_id, channel_id, kind, first_seen, last_seen) VALUES (?, 'b', ?, 'external', 0, 0)")
        .run(user, user.slice(4));
    const insert = old.prepare(
      "INSERT INTO messages (id, response_path, direction, source, text, created_at, delivered_at) VALUES (?, ?, 'out', 'webhook', ?, 0, ?)",
    );
    for (let i = 1; i <= 6; i++) insert.run(`m${i}`, `b/c/${(i % 2) + 1}`, `text ${i}`, i === 3 ? 1 : null);
    old.close();

    const db = openDatabase(dir, 'w.sqlite');
    const queue = new DeliveryQueue(db);
    expect(queue.pending('b/c/2').map((m) => m.text)).toEqual(['text 1', 'text 5']);
    expect(queue.pending('b/c/1').map((m) => m.text)).toEqual(['text 2', 'text 4', 'text 6']);
    expect(queue.ack('b/c/1', ['m4'])).toBe(1);
    expect(queue.size('b/c/1')).toBe(2);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM messages INDEXED BY messages_pending WHERE response_path = 'x' AND direction = 'out' AND delivered_at IS NULL ORDER BY seq",
      )
      .all();
    expect(JSON.stringify(plan)).toContain('messages_pending');
    db.close();
  });

  it('migration 8 gives every bot of a database that already ran migration 7 its own connection ID, unique', () => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-migrate-'));
    dirs.push(dir);
    const old = openDatabase(dir, 'w.sqlite', migrations.slice(0, 7));
    old.exec(`
      INSERT INTO bots (bot_id, name, hook_id, embed, created_at) VALUES ('5852754509ac70000c104b80', 'A', 'h1', '{}', 0);
      INSERT INTO bots (bot_id, name, hook_id, embed, created_at) VALUES ('5852754509ac70000c104b81', 'B', 'h2', '{}', 0);
    `);
    expect(old.prepare('PRAGMA user_version').get()).toEqual({ user_version: 7 });
    old.close();

    const db = openDatabase(dir, 'w.sqlite');
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: migrations.length });
    const ids = (db.prepare('SELECT connection_id FROM bots ORDER BY bot_id').all() as Array<{ connection_id: string }>).map(
      (row) => row.connection_id,
    );
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(() => db.prepare('UPDATE bots SET connection_id = ?').run(ids[0]!)).toThrow(/UNIQUE/);
    db.close();
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCheckpointer } from '../../../../main/platform/storage/checkpointer.ts';
import { GroupCommit, openDatabase, transaction } from '../../../../main/platform/storage/database.ts';

describe('startCheckpointer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'botbench-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const walSize = (file: string): number => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;

  it('copies committed WAL pages into the database file from its own thread after a commit, and stops', async () => {
    const db = openDatabase(dir, 'c.sqlite', ['CREATE TABLE t (v TEXT NOT NULL)']);
    try {
      const file = join(dir, 'c.sqlite');
      const before = statSync(file).size;
      const checkpointer = startCheckpointer(db)!;
      // Far below the writer's own threshold: only the thread copies these pages.
      transaction(db, () => {
        for (let i = 0; i < 200; i++) db.prepare('INSERT INTO t (v) VALUES (?)').run('x'.repeat(500));
      });
      expect(statSync(file).size).toBe(before);
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 50_000), { timeout: 5_000 });
      // A group commit asks for a checkpoint too, and the next writes reuse the WAL from its start.
      const grown = statSync(file).size;
      const batch = new GroupCommit(db);
      await Promise.all(Array.from({ length: 100 }, () => batch.run(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('y'.repeat(500)))));
      await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(grown + 25_000), { timeout: 5_000 });
      expect(walSize(file)).toBeLessThan(4_000_000);
      await checkpointer.stop();
      expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(300);
    } finally {
      db.close();
    }
  });

  it('has nothing to do for an in-memory database', () => {
    const db = openDatabase(null, 'm.sqlite', ['CREATE TABLE t (v TEXT)']);
    expect(startCheckpointer(db)).toBeNull();
    db.close();
  });

  it('lets a process that awaits stop() go on to set its exit code (the thread does not hold the process, nor let it end mid-await)', () => {
    const module = join(import.meta.dirname, '../../../../main/platform/storage/checkpointer.ts');
    const database = join(import.meta.dirname, '../../../../main/platform/storage/database.ts');
    const script = `
      const { startCheckpointer } = await import(${JSON.stringify(module)});
      const { openDatabase, transaction } = await import(${JSON.stringify(database)});
      const db = openDatabase(${JSON.stringify(dir)}, 'e.sqlite', ['CREATE TABLE t (v TEXT)']);
      const checkpointer = startCheckpointer(db);
      transaction(db, () => db.prepare('INSERT INTO t (v) VALUES (1)').run());
      await checkpointer.stop();
      db.close();
      process.exitCode = 3;
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(3);
  });
});

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../main/platform/storage/database.ts';
import { makePrivateDir, makePrivateFile } from '../../../../main/platform/storage/private-files.ts';
import { openWorkspace, WORKSPACE_FILE } from '../../../../main/workspace/workspace-db.ts';
import { writeWorkspaceSettings } from '../../../../main/workspace/workspace-settings.ts';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('private files', () => {
  const roots: string[] = [];
  const root = () => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-private-'));
    roots.push(dir);
    return dir;
  };
  afterEach(() => roots.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  // Reproduced before the fix: under the usual umask 022, botbench.sqlite was created 0644 and its directory 0755.
  it('creates the data directory 0700 and the platform database with its -wal and -shm 0600', () => {
    const dataDir = join(root(), 'nested', 'data');
    const db = openDatabase(dataDir);
    // The WAL and its index exist once the connection is open and has written.
    try {
      db.exec('CREATE TABLE t (v TEXT); INSERT INTO t VALUES (1)');
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'botbench.sqlite'))).toBe(0o600);
      expect(mode(join(dataDir, 'botbench.sqlite-wal'))).toBe(0o600);
      expect(mode(join(dataDir, 'botbench.sqlite-shm'))).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it('narrows an existing database file and its WAL companions to 0600, and leaves an existing directory’s mode alone', () => {
    const dataDir = root();
    const before = mode(dataDir);
    for (const name of ['botbench.sqlite', 'botbench.sqlite-wal', 'botbench.sqlite-shm']) writeFileSync(join(dataDir, name), '', { mode: 0o644 });
    openDatabase(dataDir).close();
    expect(mode(join(dataDir, 'botbench.sqlite'))).toBe(0o600);
    expect(mode(dataDir)).toBe(before);
  });

  it('keeps the workspace database and workspace.json for the owner only', () => {
    const dataDir = join(root(), 'workspace');
    writeWorkspaceSettings(dataDir, { platformPort: 4555, token: 'a-long-token' });
    const workspace = openWorkspace(dataDir);
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'workspace.json'))).toBe(0o600);
      const files = [WORKSPACE_FILE, `${WORKSPACE_FILE}-wal`, `${WORKSPACE_FILE}-shm`];
      for (const file of files) expect(mode(join(dataDir, file)), file).toBe(0o600);
    } finally {
      workspace.close();
    }
  });

  it('makePrivateFile() creates a missing file empty and narrows an existing one', () => {
    const dir = root();
    makePrivateDir(join(dir, 'd'));
    makePrivateFile(join(dir, 'd', 'f'));
    expect(mode(join(dir, 'd', 'f'))).toBe(0o600);
    writeFileSync(join(dir, 'g'), 'kept', { mode: 0o666 });
    makePrivateFile(join(dir, 'g'));
    expect(mode(join(dir, 'g'))).toBe(0o600);
  });
});

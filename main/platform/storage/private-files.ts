import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The data directory holds every bot's secrets and all transcripts: whatever Botbench creates
 * there is for its user alone. Directories are created 0700 (an existing one is left as it is:
 * it may be shared, e.g. a --data-dir the user pointed elsewhere); files are created, or
 * narrowed, to 0600. No-ops where the file system has no Unix modes.
 */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Creates `file` empty if missing, and makes it readable and writable by its owner only. */
export function makePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/**
 * An SQLite database and its WAL companions, 0600 before SQLite opens them: SQLite gives the
 * -wal and -shm files it creates the database file's mode, and older ones are narrowed here.
 */
export function makePrivateDatabase(file: string): void {
  makePrivateFile(file);
  for (const companion of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(companion)) chmodSync(companion, 0o600);
}

import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { onCommit } from './database.ts';

/**
 * A checkpoint follows the first commit after a quiet spell by at most this long; under load, one
 * per interval. A checkpoint copies each page the interval's commits wrote once, however often
 * they rewrote it (a table's right edge, a user's index leaf), so a longer interval copies less:
 * 100 ms took about 9 % less CPU per queued webhook than 20 ms (seven same-run pairs), for a WAL
 * of at most 100 ms of writes.
 */
const CHECKPOINT_AFTER_MS = 100;
/** Beyond this many WAL pages (40 MB) the writer checkpoints itself: a backstop should the thread fall behind. */
const WRITER_CHECKPOINT_PAGES = 10_000;

/** The thread (CommonJS or ESM, whichever eval the process defaults to): a second connection that runs a PASSIVE checkpoint (it never blocks the writer) when asked. */
const CHECKPOINTER_SOURCE = `
const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const db = new DatabaseSync(workerData.file);
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next request (or the writer's own backstop) catches up.
  }
});
`;

export interface Checkpointer {
  /** Stops the thread and closes its connection; call before closing the database. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside the COMMIT that
 * crosses 1,000 WAL pages: copying those pages and the fsyncs stall every request of that turn.
 * Here a worker thread with its own connection (started by the first commit) checkpoints
 * shortly after commits (idle, it sleeps), and the writer only checkpoints past 10,000 pages.
 * Durability is unchanged: a COMMIT is in the WAL file when it returns, whoever later copies it.
 * For an on-disk database only (a `:memory:` one has no WAL); returns null otherwise.
 */
export function startCheckpointer(db: DatabaseSync): Checkpointer | null {
  const file = db.location();
  if (!file) return null;
  db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  // The thread starts with the first commit, not with the process: a start-up pays nothing for it.
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  const startWorker = (): Worker => {
    const started = new Worker(CHECKPOINTER_SOURCE, { eval: true, workerData: { file } });
    // Never what keeps the process alive, nor what takes it down.
    started.unref();
    started.on('error', (error) => console.error('Botbench: the database checkpointer stopped', error));
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    return started;
  };
  let pending: NodeJS.Timeout | null = null;
  onCommit(db, () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      (worker ??= startWorker()).postMessage('checkpoint');
    }, CHECKPOINT_AFTER_MS).unref();
  });
  return {
    async stop() {
      onCommit(db, null);
      if (pending) clearTimeout(pending);
      if (!worker) return;
      // Awaiting an unref'd thread would let the process exit mid-await, skipping what the caller does next (its exit code).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

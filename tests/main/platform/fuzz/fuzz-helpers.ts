import type { DatabaseSync } from 'node:sqlite';
import { expect } from 'vitest';
import { errorCodes, type ErrorCode } from '../../../../main/platform/errors.ts';

/** Runs per property, unless FUZZ_RUNS says otherwise (e.g. FUZZ_RUNS=20000 for a long local session). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/**
 * Counts every row the platform inserts, updates or deletes, except in the interaction log
 * (refusals are logged, by design): temporary triggers on the platform's own connection bump a
 * counter in a temporary table. A rolled-back change rolls the counter back with it, so equal
 * readings before and after a request mean it wrote nothing. Nothing is added to the database file.
 */
export function writeCounter(db: DatabaseSync): () => number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS fuzz_writes (n INTEGER NOT NULL)');
  if ((db.prepare('SELECT count(*) AS n FROM temp.fuzz_writes').get() as { n: number }).n === 0) db.exec('INSERT INTO temp.fuzz_writes VALUES (0)');
  const tables = (db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
    .map((row) => row.name)
    .filter((name) => name !== 'interaction_log' && !name.startsWith('sqlite_'));
  for (const table of tables) {
    for (const operation of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS "fuzz_${table}_${operation}" AFTER ${operation} ON main."${table}" BEGIN UPDATE temp.fuzz_writes SET n = n + 1; END`,
      );
    }
  }
  const read = db.prepare('SELECT n FROM temp.fuzz_writes');
  return () => (read.get() as { n: number }).n;
}

/** The interaction log's newest seq: what a refusal adds is above it. */
export function lastLogSeq(db: DatabaseSync): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM interaction_log').get() as { seq: number }).seq;
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCodes, code);
}

/**
 * A refusal as docs/api.md promises it: JSON, `{error: {code, message, expected?, field?}}`, a
 * code from the errorCodes table whose status is the one answered, a message, and what was expected.
 */
export function expectRefusalBody(status: number, contentType: string | undefined, text: string, what: string): ErrorCode {
  expect(contentType, `${what}: content type of a ${status}`).toMatch(/^application\/json/);
  let body: unknown;
  expect(() => (body = JSON.parse(text)), `${what}: a ${status} body must be JSON; got ${text.slice(0, 200)}`).not.toThrow();
  const error = (body as { error?: unknown }).error as Record<string, unknown> | undefined;
  expect(error, `${what}: a ${status} body must be {error: {...}}; got ${text.slice(0, 300)}`).toBeTypeOf('object');
  const code = error!.code;
  expect(isErrorCode(code), `${what}: error.code ${JSON.stringify(code)} is not in the errorCodes table; body ${text.slice(0, 300)}`).toBe(true);
  expect(errorCodes[code as ErrorCode].status, `${what}: ${String(code)} is answered with ${status}`).toBe(status);
  expect(error!.message, `${what}: error.message`).toBeTypeOf('string');
  expect((error!.message as string).length, `${what}: error.message is empty`).toBeGreaterThan(0);
  expect(error!.expected, `${what}: error.expected (what was expected) is missing; body ${text.slice(0, 300)}`).toBeTypeOf('string');
  expect((error!.expected as string).length, `${what}: error.expected is empty`).toBeGreaterThan(0);
  return code as ErrorCode;
}

/** Counts by key, printed as a small table in the test output. */
export class Tally {
  readonly #counts = new Map<string, number>();

  add(key: string): void {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  get total(): number {
    let total = 0;
    for (const count of this.#counts.values()) total += count;
    return total;
  }

  entries(): Array<[string, number]> {
    return [...this.#counts].sort(([a], [b]) => a.localeCompare(b));
  }

  format(title: string): string {
    const rows = this.entries();
    const width = Math.max(...rows.map(([key]) => key.length), 10);
    return [`${title} (${this.total})`, ...rows.map(([key, count]) => `  ${key.padEnd(width)}  ${String(count).padStart(6)}`)].join('\n');
  }
}

import type { DatabaseSync } from 'node:sqlite';
import { nanoid } from 'nanoid';
import { BotbenchError } from './errors.ts';
import type { Bin, BinRequest, BinRule } from './model.ts';

export type BinResponse = Bin['response'];

export const DEFAULT_BIN_RESPONSE: BinResponse = { status: 200, body: '{"ok":true}', contentType: 'application/json', delayMs: 0, rules: [] };

/** What a request to a bin gets: the first matching rule, else the bin's default response. */
export function binAnswerFor(
  response: BinResponse,
  method: string,
  path: string,
): { status: number; body: string; contentType: string; delayMs: number; rule: number | null } {
  const index = response.rules.findIndex((rule) => ruleMatches(rule, method, path));
  const chosen = index >= 0 ? response.rules[index]! : response;
  return { status: chosen.status, body: chosen.body, contentType: chosen.contentType, delayMs: chosen.delayMs, rule: index >= 0 ? index : null };
}

/** Method equal (or "*"), path equal with "*" standing for any run of characters. */
export function ruleMatches(rule: Pick<BinRule, 'method' | 'path'>, method: string, path: string): boolean {
  if (rule.method !== '*' && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  const pattern = new RegExp(
    `^${rule.path
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return pattern.test(path);
}

interface BinRow {
  id: string;
  name: string;
  response: string;
  created_at: number;
  requests: number;
}

interface RequestRow {
  seq: number;
  bin_id: string;
  at: number;
  method: string;
  path: string;
  query: string;
  headers: string;
  body: string;
}

/**
 * Request bins: capture URLs (`/bin/{id}`) standing in for "your back end", so an HTTP task's
 * request can be seen exactly as it was sent. Each keeps its newest 1,000 requests.
 */
export class BinStore {
  readonly #db: DatabaseSync;
  readonly #baseUrl: () => string;

  constructor(db: DatabaseSync, baseUrl: () => string) {
    this.#db = db;
    this.#baseUrl = baseUrl;
  }

  create(name: string, response: Partial<BinResponse> = {}): Bin {
    const id = nanoid(16);
    this.#db
      .prepare('INSERT INTO bins (id, name, response, created_at) VALUES (?, ?, ?, ?)')
      .run(id, name, JSON.stringify({ ...DEFAULT_BIN_RESPONSE, ...response }), Date.now());
    return this.require(id);
  }

  update(id: string, change: { name?: string | undefined; response?: Partial<BinResponse> | undefined }): Bin {
    const bin = this.require(id);
    this.#db
      .prepare('UPDATE bins SET name = ?, response = ? WHERE id = ?')
      .run(change.name ?? bin.name, JSON.stringify({ ...bin.response, ...change.response }), id);
    return this.require(id);
  }

  list(): Bin[] {
    const rows = this.#db
      .prepare('SELECT b.*, (SELECT count(*) FROM bin_requests r WHERE r.bin_id = b.id) AS requests FROM bins b ORDER BY created_at')
      .all() as unknown as BinRow[];
    return rows.map((row) => this.#toBin(row));
  }

  get(id: string): Bin | undefined {
    const row = this.#db
      .prepare('SELECT b.*, (SELECT count(*) FROM bin_requests r WHERE r.bin_id = b.id) AS requests FROM bins b WHERE id = ?')
      .get(id) as BinRow | undefined;
    return row && this.#toBin(row);
  }

  require(id: string): Bin {
    const bin = this.get(id);
    if (bin) return bin;
    throw new BotbenchError('BOTBENCH_ERR_BIN_NOT_FOUND', `No request bin has id ${JSON.stringify(id)}.`, {
      expected: 'the id of a bin (GET /api/bins)',
    });
  }

  /** Deletes a bin and the requests it captured (ON DELETE CASCADE). */
  delete(id: string): Bin {
    const bin = this.require(id);
    this.#db.prepare('DELETE FROM bins WHERE id = ?').run(id);
    return bin;
  }

  record(binId: string, request: Omit<BinRequest, 'seq' | 'binId' | 'at'>): BinRequest {
    const row = this.#db
      .prepare('INSERT INTO bin_requests (bin_id, at, method, path, query, headers, body) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *')
      .get(
        binId,
        Date.now(),
        request.method,
        request.path,
        JSON.stringify(request.query),
        JSON.stringify(request.headers),
        request.body,
      ) as unknown as RequestRow;
    // Keep this bin's newest 1,000, whatever other bins are doing.
    this.#db
      .prepare(
        'DELETE FROM bin_requests WHERE bin_id = ?1 AND seq <= (SELECT seq FROM bin_requests WHERE bin_id = ?1 ORDER BY seq DESC LIMIT 1 OFFSET 1000)',
      )
      .run(binId);
    return toRequest(row);
  }

  /** Newest first. */
  requests(binId: string, limit = 200): BinRequest[] {
    this.require(binId);
    const rows = this.#db
      .prepare('SELECT * FROM bin_requests WHERE bin_id = ? ORDER BY seq DESC LIMIT ?')
      .all(binId, limit) as unknown as RequestRow[];
    return rows.map(toRequest);
  }

  #toBin(row: BinRow): Bin {
    return {
      id: row.id,
      name: row.name,
      url: `${this.#baseUrl()}/bin/${row.id}`,
      // Bins saved before rules existed have none.
      response: { rules: [], ...(JSON.parse(row.response) as Partial<BinResponse>) } as BinResponse,
      createdAt: row.created_at,
      requests: row.requests,
    };
  }
}

function toRequest(row: RequestRow): BinRequest {
  return {
    seq: row.seq,
    binId: row.bin_id,
    at: row.at,
    method: row.method,
    path: row.path,
    query: JSON.parse(row.query) as Record<string, string>,
    headers: JSON.parse(row.headers) as Record<string, string>,
    body: row.body,
  };
}

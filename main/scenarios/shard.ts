import { BotbenchError } from '../platform/errors.ts';

/** One part of a suite split across machines: `current` of `total`, counted from 1 (`--shard 2/4`). */
export interface Shard {
  current: number;
  total: number;
}

/** Reads `--shard` ("2/4"). */
export function parseShard(text: string): Shard {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const current = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || current < 1 || current > total) {
    throw new BotbenchError(
      'BOTBENCH_ERR_VALIDATION',
      `--shard must be <current>/<total> with 1 <= current <= total, like 2/4; got ${JSON.stringify(text)}.`,
      {
        expected: 'current/total, e.g. 2/4',
        field: 'shard',
      },
    );
  }
  return { current, total };
}

/**
 * The scenarios of one shard: every `total`-th one starting at `current - 1`, in the suite's
 * order (files sorted, as the loader reads them). Deterministic, so each machine of a CI matrix
 * computes its part alone; the shards together hold every scenario exactly once, and dealing
 * round-robin spreads a directory's long scenarios over the shards instead of giving one shard a
 * whole directory.
 */
export function selectShard<T>(suite: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...suite];
  return suite.filter((_scenario, index) => index % shard.total === shard.current - 1);
}

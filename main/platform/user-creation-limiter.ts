/**
 * How many new users (first hellos of a Channel ID) one widget connection, and one source
 * address, may create: token buckets that hold `perMinute` and refill at that rate. A flood of
 * hellos without a Channel ID otherwise wrote a user (with up to 16 KiB of metadata) per hello:
 * a cross-origin page made 1,253 in 3 s. Returning visitors are never limited.
 */
export interface UserCreationLimits {
  /** New users one widget connection may create per minute. */
  perConnection: number;
  /** New users one source address may create per minute, across all its connections. */
  perSource: number;
}

export const DEFAULT_USER_CREATION_LIMITS: UserCreationLimits = { perConnection: 20, perSource: 600 };

interface Bucket {
  tokens: number;
  at: number;
}

/** Sources remembered at most; past it, buckets that are full again are forgotten. */
const MAX_SOURCES = 10_000;

export class UserCreationLimiter {
  readonly #limits: UserCreationLimits;
  readonly #connections = new WeakMap<object, Bucket>();
  readonly #sources = new Map<string, Bucket>();

  constructor(limits: UserCreationLimits) {
    this.#limits = limits;
  }

  get limits(): Readonly<UserCreationLimits> {
    return this.#limits;
  }

  /** Takes one new user from both buckets, or names the one that is empty (and takes from neither). */
  take(connection: object, source: string | undefined, now = Date.now()): 'ok' | 'connection' | 'source' {
    const own = this.#refill(this.#connections.get(connection), this.#limits.perConnection, now);
    this.#connections.set(connection, own);
    if (own.tokens < 1) return 'connection';
    let shared: Bucket | undefined;
    if (source !== undefined) {
      shared = this.#refill(this.#sources.get(source), this.#limits.perSource, now);
      if (!this.#sources.has(source)) this.#remember(source, shared, now);
      if (shared.tokens < 1) return 'source';
      shared.tokens -= 1;
    }
    own.tokens -= 1;
    return 'ok';
  }

  #refill(bucket: Bucket | undefined, perMinute: number, now: number): Bucket {
    if (!bucket) return { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  #remember(source: string, bucket: Bucket, now: number): void {
    if (this.#sources.size >= MAX_SOURCES) {
      for (const [key, old] of this.#sources)
        if (this.#refill(old, this.#limits.perSource, now).tokens >= this.#limits.perSource) this.#sources.delete(key);
    }
    this.#sources.set(source, bucket);
  }
}

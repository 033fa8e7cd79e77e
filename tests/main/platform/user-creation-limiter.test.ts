import { describe, expect, it } from 'vitest';
import { UserCreationLimiter } from '../../../main/platform/user-creation-limiter.ts';

describe('UserCreationLimiter', () => {
  it('lets one connection create perConnection users a minute, refilling at that rate', () => {
    const limiter = new UserCreationLimiter({ perConnection: 3, perSource: 100 });
    const connection = {};
    expect([1, 2, 3, 4].map(() => limiter.take(connection, '127.0.0.1', 0))).toEqual(['ok', 'ok', 'ok', 'connection']);
    expect(limiter.take(connection, '127.0.0.1', 10_000)).toBe('connection');
    expect(limiter.take(connection, '127.0.0.1', 20_000)).toBe('ok');
  });

  it('shares perSource between all of a source’s connections, and keeps other sources apart', () => {
    const limiter = new UserCreationLimiter({ perConnection: 10, perSource: 4 });
    const answers = Array.from({ length: 6 }, () => limiter.take({}, '10.0.0.1', 0));
    expect(answers).toEqual(['ok', 'ok', 'ok', 'ok', 'source', 'source']);
    expect(limiter.take({}, '10.0.0.2', 0)).toBe('ok');
  });

  it('takes nothing from the connection when the source is empty', () => {
    const limiter = new UserCreationLimiter({ perConnection: 2, perSource: 1 });
    const connection = {};
    expect(limiter.take(connection, 'a', 0)).toBe('ok');
    expect(limiter.take(connection, 'a', 0)).toBe('source');
    expect(limiter.take(connection, 'b', 0)).toBe('ok');
  });
});

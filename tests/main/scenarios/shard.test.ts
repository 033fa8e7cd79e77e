import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, selectShard } from '../../../main/scenarios/shard.ts';

describe('parseShard()', () => {
  it('reads current/total', () => {
    expect(parseShard('2/4')).toEqual({ current: 2, total: 4 });
    expect(parseShard(' 1/1 ')).toEqual({ current: 1, total: 1 });
  });

  it.each(['0/4', '5/4', '2', '2/0', 'a/b', '-1/4', '1/4/2', ''])('refuses %j with the expected form', (text) => {
    expect(() => parseShard(text)).toThrow(/--shard must be <current>\/<total> with 1 <= current <= total, like 2\/4/);
  });
});

describe('selectShard()', () => {
  it('gives every scenario to exactly one shard, for any suite and any split', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (suite, total) => {
        const indexed = suite.map((name, index) => ({ name, index }));
        const parts = Array.from({ length: total }, (_, i) => selectShard(indexed, { current: i + 1, total }));
        const union = parts.flat().map((s) => s.index);
        expect(union.sort((a, b) => a - b)).toEqual(indexed.map((s) => s.index));
        // Balanced: no shard holds more than one scenario over another.
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is deterministic: the same shard of the same suite is the same list', () => {
    const suite = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(selectShard(suite, { current: 2, total: 3 })).toEqual(['b', 'e']);
    expect(selectShard(suite, { current: 2, total: 3 })).toEqual(selectShard([...suite], { current: 2, total: 3 }));
    expect(selectShard(suite, null)).toEqual(suite);
  });
});

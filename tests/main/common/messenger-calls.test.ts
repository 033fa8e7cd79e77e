import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CALL_BYTES, jsonSafeCopy, jsonBytes } from '../../../main/common/messenger-calls.ts';

describe('jsonSafeCopy()', () => {
  it('copies plain JSON under the budget exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        fc.pre((jsonBytes(value) ?? Infinity) < 2000 && JSON.stringify(value).length < 2000);
        // -0 is JSON's 0; the copy need only equal what JSON would carry.
        expect(jsonSafeCopy(value)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('never throws, and always gives something JSON carries within a bounded size, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withDate: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
        }),
        (value) => {
          const copy = jsonSafeCopy(value);
          const json = JSON.stringify(copy);
          expect(json).toBeTypeOf('string');
          expect(json.length).toBeLessThan(MAX_CALL_BYTES * 3);
        },
      ),
    );
  });

  it('marks what JSON cannot carry, and says what it was', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(jsonSafeCopy(cycle)).toEqual({ a: 1, self: { $unserialisable: 'cycle' } });
    expect(jsonSafeCopy(10n)).toEqual({ $unserialisable: 'bigint', value: '10' });
    expect(jsonSafeCopy({ f: () => 1, m: new Map(), n: Number.NaN, u: undefined })).toEqual({
      f: { $unserialisable: 'function' },
      m: { $unserialisable: 'Map' },
      n: { $unserialisable: 'number', value: 'NaN' },
      u: { $type: 'undefined' },
    });
    expect(jsonSafeCopy(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('copies a key named "__proto__" as a key, not as the copy’s prototype', () => {
    const copy = jsonSafeCopy(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });

  it('survives a throwing getter, toJSON or Proxy', () => {
    const getter = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(jsonSafeCopy(getter)).toEqual({ x: { $unserialisable: 'getter threw', value: 'no' } });
    expect(
      jsonSafeCopy({
        toJSON: () => {
          throw new Error('bad');
        },
      }),
    ).toEqual({ $unserialisable: 'toJSON threw', value: 'bad' });
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(jsonSafeCopy(proxy)).toEqual({ $unserialisable: 'threw while copied' });
  });

  it('cuts long strings and large objects with their real size', () => {
    const long = 'x'.repeat(5000);
    expect(jsonSafeCopy(long)).toEqual({ $truncated: 'string', length: 5000, text: 'x'.repeat(1024) });
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'y'.repeat(1000)]));
    const copy = jsonSafeCopy({ metadata: big }) as { metadata: Record<string, unknown> };
    expect(JSON.stringify(copy).length).toBeLessThan(MAX_CALL_BYTES + 2048);
    expect(JSON.stringify(copy)).toContain('"$truncated":"size"');
    expect(JSON.stringify(copy)).toContain(`"bytes":${jsonBytes(big)}`);
  });
});

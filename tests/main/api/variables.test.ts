import { describe, expect, it } from 'vitest';
import { jsonStringEscape, resolveVariables, variablesUsed } from '../../../main/api/variables.ts';

const builtIns = { responsePath: 'b/c/User123', botId: 'b', channelId: 'User123', now: '2026-01-01T00:00:00.000Z' };

describe('resolveVariables()', () => {
  it('fills built-ins and environment variables, with or without spaces in the braces', () => {
    expect(resolveVariables('{{botId}}:{{ userId }}', { builtIns, environment: { userId: 'u-1' } })).toBe('b:u-1');
  });

  it('resolves a variable whose value refers to others, and an environment value wins over a built-in', () => {
    const environment = { orderUrl: '/orders/{{orderId}}?user={{userId}}', orderId: '42', userId: '{{channelId}}', now: 'fixed' };
    expect(resolveVariables('{{orderUrl}} {{now}}', { builtIns, environment })).toBe('/orders/42?user=User123 fixed');
  });

  it('refuses an unknown variable, naming it and where it was used', () => {
    expect(() => resolveVariables('{"x":"{{orderId}}"}', { builtIns, environment: {} })).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_VARIABLE_UNKNOWN', message: expect.stringContaining('{{orderId}}'), field: 'body' }),
    );
    expect(() => resolveVariables('{{a}}', { builtIns, environment: { a: '{{missing}}' } })).toThrow(/\{\{missing\}\} \(used by \{\{a\}\}\)/);
  });

  it('refuses a cycle, showing it', () => {
    expect(() => resolveVariables('{{a}}', { builtIns, environment: { a: 'x{{b}}', b: '{{a}}' } })).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_VARIABLE_CYCLE', message: expect.stringContaining('a → b → a') }),
    );
    expect(() => resolveVariables('{{self}}', { builtIns, environment: { self: '{{self}}' } })).toThrow(/self → self/);
  });

  it('makes dynamic values anew at each use', () => {
    const text = resolveVariables('{{$guid}} {{$guid}} {{$randomInt}} {{$timestamp}} {{$isoTimestamp}}', {
      builtIns,
      environment: {},
      now: new Date(1_700_000_000_000),
    });
    const [a, b, n, ts, iso] = text.split(' ');
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).not.toBe(a);
    expect(Number(n)).toBeGreaterThanOrEqual(0);
    expect(Number(n)).toBeLessThanOrEqual(1000);
    expect(ts).toBe('1700000000');
    expect(iso).toBe('2023-11-14T22:13:20.000Z');
  });

  it('escapes final values with the given escape, so a quote cannot break a JSON body', () => {
    const body = resolveVariables('{"t":"{{text}}"}', { builtIns, environment: { text: 'say "hi"\n' } }, jsonStringEscape);
    expect(JSON.parse(body)).toEqual({ t: 'say "hi"\n' });
  });

  it('leaves text without variables alone', () => {
    expect(resolveVariables('{"a": {"b": 1}}', { builtIns, environment: {} })).toBe('{"a": {"b": 1}}');
  });
});

describe('variablesUsed()', () => {
  it('lists names in order of first use', () => {
    expect(variablesUsed('{{a}} {{b}}', '{{a}} {{$guid}}')).toEqual(['a', 'b', '$guid']);
  });
});

import { randomInt, randomUUID } from 'node:crypto';
import { BotbenchError } from '../platform/errors.ts';

/**
 * `{{name}}` variables as Postman has them: a built-in, an environment variable (whose value may
 * hold other variables), or a dynamic value (`{{$guid}}`, `{{$timestamp}}`, `{{$randomInt}}`, …)
 * made anew at each use. An unknown name is an error before anything is sent, and so is a cycle.
 */
export const VARIABLE_PATTERN = /\{\{\s*([$\w.-]+)\s*\}\}/g;

/** Postman's dynamic values that Botbench makes (the names Postman uses). */
export const DYNAMIC_VARIABLES: Readonly<Record<string, { description: string; make: (now: Date) => string }>> = {
  $guid: { description: 'a new UUID v4', make: () => randomUUID() },
  $randomUUID: { description: 'a new UUID v4', make: () => randomUUID() },
  $timestamp: { description: 'the Unix time in seconds', make: (now) => String(Math.floor(now.getTime() / 1000)) },
  $isoTimestamp: { description: 'the time, ISO 8601', make: (now) => now.toISOString() },
  $randomInt: { description: 'a random integer from 0 to 1000', make: () => String(randomInt(0, 1001)) },
};

export interface VariableScope {
  /** The composer's built-ins (responsePath, botId, channelId, now, webhookUrl). */
  builtIns: Readonly<Record<string, string>>;
  /** The selected environment's variables; they may refer to each other and to built-ins. */
  environment: Readonly<Record<string, string>>;
  now?: Date;
}

/** A variable name: what an environment may define. */
export const VARIABLE_NAME = /^[A-Za-z_][\w.-]{0,99}$/;

/**
 * Fills every `{{name}}` in `text`. `escape` adapts each final value to where it lands (JSON
 * string, URL, header); values coming from environment variables are resolved first, so a
 * value holding `{{other}}` becomes other's value, and `a` → `b` → `a` is refused.
 */
export function resolveVariables(text: string, scope: VariableScope, escape: (value: string) => string = (v) => v, field = 'body'): string {
  const now = scope.now ?? new Date();
  const resolved = new Map<string, string>();

  const valueOf = (name: string, chain: readonly string[]): string => {
    const dynamic = DYNAMIC_VARIABLES[name];
    if (dynamic) return dynamic.make(now);
    if (Object.hasOwn(scope.environment, name)) {
      if (chain.includes(name)) {
        const cycle = [...chain.slice(chain.indexOf(name)), name].join(' → ');
        throw new BotbenchError('BOTBENCH_ERR_VARIABLE_CYCLE', `The variables refer to each other in a cycle: ${cycle}.`, {
          expected: 'environment variables whose {{references}} end at a plain value',
          field,
        });
      }
      const cached = resolved.get(name);
      if (cached !== undefined) return cached;
      const value = scope.environment[name]!.replace(VARIABLE_PATTERN, (_m, inner: string) => valueOf(inner, [...chain, name]));
      // Dynamic values inside a variable are made once per send, as the variable is.
      resolved.set(name, value);
      return value;
    }
    if (Object.hasOwn(scope.builtIns, name)) return scope.builtIns[name]!;
    const where = chain.length > 0 ? ` (used by {{${chain[chain.length - 1]}}})` : '';
    throw new BotbenchError('BOTBENCH_ERR_VARIABLE_UNKNOWN', `Unknown variable {{${name}}}${where} in the ${field}.`, {
      expected: `a built-in (${Object.keys(scope.builtIns).join(', ')}), a variable of the selected environment, or a dynamic value (${Object.keys(DYNAMIC_VARIABLES).join(', ')})`,
      field,
    });
  };

  return text.replace(VARIABLE_PATTERN, (_m, name: string) => escape(valueOf(name, [])));
}

/** Every `{{name}}` used in these texts, in order of first use. */
export function variablesUsed(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(VARIABLE_PATTERN)) names.add(match[1]!);
  return [...names];
}

/** Escapes a value for the inside of a JSON string. */
export const jsonStringEscape = (value: string): string => JSON.stringify(value).slice(1, -1);

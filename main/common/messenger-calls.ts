/**
 * What the widget records of a page's use of the messenger API, in one shape the widget writes,
 * the observer channel checks and the findings rules read (Botbench's own recording, not a Flow
 * XO feature). Pure: the widget bundle inlines it.
 */

/** Who made the recorded thing happen. */
export type CallSource =
  /** The page called the API (setConfig, identify, on, …), or the widget called the page (the ready callback, onFlowXOInit). */
  | 'page'
  /** The platform answered the widget: `welcome` (connected as a Channel ID) or `error` (its refusal frame). */
  | 'platform'
  /** Botbench's observer saw it in the page: an uncaught error naming the API before it existed, a login form sent, a widget that never started. */
  | 'browser';

/** One call a page made to the messenger API (or one answer or observation around it), as recorded in the page. */
export interface MessengerCall {
  /** Milliseconds since the page started loading (performance.now() in the page). */
  at: number;
  /** Which API: legacy embed.js (`FxoMessenger`) or current loader.js (`FlowXO`, `onFlowXOInit`). */
  api: 'legacy' | 'current';
  by: CallSource;
  /**
   * page: "setConfig", "identify", "logout", "sendMessage", "on", "off", "toggle", "create", "destroy",
   * "open", "close", "resetConversation", "ready-callback", "onFlowXOInit";
   * platform: "welcome", "error"; browser: "page-error", "login-form", "never-started".
   */
  method: string;
  /** JSON-safe copies of the arguments (see jsonSafeCopy for the markers of what could not be copied). */
  args: unknown[];
  /** What the call returned or resolved to, when that matters (onFlowXOInit's result), as a JSON-safe copy. */
  result?: unknown;
  /** The widget's state when it happened: "absent" before the API existed, "starting" before the connection, then its state. */
  widgetState: string;
  /** It threw in the page, or the widget or platform refused it: the platform's code when there is one, and the message. */
  error?: { code?: string | undefined; message: string } | undefined;
}

/** Most calls one page load keeps; later ones are counted, not kept (a page calling sendMessage in a loop). */
export const MAX_CALLS_PER_LOAD = 200;
/** The most one recorded call's copies may take as JSON. */
export const MAX_CALL_BYTES = 8 * 1024;
const MAX_DEPTH = 8;
const MAX_STRING = 1024;
const MAX_KEYS = 64;

/** Markers in a copy. `$unserialisable` means JSON would throw on it or silently drop or empty it. */
export type CopyMarker =
  | { $type: 'undefined' }
  | { $unserialisable: string; value?: string }
  | { $truncated: 'string'; length: number; text: string }
  | { $truncated: 'size'; bytes: number | null; keys: string[] }
  | { $truncated: 'depth' };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function isMarker(value: unknown): value is CopyMarker {
  return isObject(value) && ('$type' in value || '$unserialisable' in value || '$truncated' in value);
}

/** JSON's own length of a value, or null when JSON.stringify throws (cycles, BigInt, a throwing toJSON or getter). */
export function jsonBytes(value: unknown): number | null {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? null : new TextEncoder().encode(json).length;
  } catch {
    return null;
  }
}

/** Sets an own property whatever its name: assigning "__proto__" would change the copy's prototype instead. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function kindOf(value: object): string {
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return tag === 'Object' ? ((value.constructor as { name?: string } | undefined)?.name ?? 'Object') : tag;
}

/**
 * A copy of a value that JSON can always carry, never throwing and never calling page code
 * beyond what JSON.stringify would (toJSON, getters): strings over 1 KB, nested objects larger
 * than the 8 KB budget left (with their size) and nesting past 8 levels are cut with a marker; what JSON cannot carry faithfully
 * (functions, symbols, BigInt, cycles, Maps, Sets, DOM nodes, NaN, Infinity) is marked
 * `$unserialisable`; `undefined` is `{ $type: 'undefined' }` (an argument, not a JSON value).
 */
export function jsonSafeCopy(value: unknown, maxBytes = MAX_CALL_BYTES): unknown {
  let budget = maxBytes;
  const seen: object[] = [];
  const walk = (input: unknown, depth: number): unknown => {
    switch (typeof input) {
      case 'undefined':
        return { $type: 'undefined' };
      case 'boolean':
        budget -= 5;
        return input;
      case 'number':
        budget -= 8;
        // -0 is JSON's 0.
        return Number.isFinite(input) ? input + 0 : { $unserialisable: 'number', value: String(input) };
      case 'bigint':
        return { $unserialisable: 'bigint', value: String(input).slice(0, 64) };
      case 'symbol':
        return { $unserialisable: 'symbol' };
      case 'function':
        return { $unserialisable: 'function' };
      case 'string':
        if (input.length > MAX_STRING || input.length > budget) {
          const text = input.slice(0, Math.max(0, Math.min(MAX_STRING, budget)));
          budget -= text.length;
          return { $truncated: 'string', length: input.length, text };
        }
        budget -= input.length + 2;
        return input;
    }
    if (input === null) {
      budget -= 4;
      return null;
    }
    const object = input as object;
    if (seen.includes(object)) return { $unserialisable: 'cycle' };
    if (depth >= MAX_DEPTH) return { $truncated: 'depth' };
    let source: unknown = object;
    try {
      const toJSON = (object as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') source = (toJSON as () => unknown).call(object);
    } catch (error) {
      return { $unserialisable: 'toJSON threw', value: String((error as Error)?.message ?? error).slice(0, 200) };
    }
    if (source !== object) return walk(source, depth + 1);
    const kind = kindOf(object);
    if (!Array.isArray(object) && !['Object', 'Arguments'].includes(Object.prototype.toString.call(object).slice(8, -1))) {
      return { $unserialisable: kind };
    }
    // A nested object larger than what is left is replaced whole, with its real size (METADATA_TOO_LARGE reads it);
    // measured near the top only, so a deep value costs no repeated stringifying.
    if (budget <= 0 || (depth > 0 && depth <= 3 && (jsonBytes(object) ?? 0) > budget)) {
      return { $truncated: 'size', bytes: jsonBytes(object), keys: Array.isArray(object) ? [] : Object.keys(object).slice(0, 20) };
    }
    seen.push(object);
    try {
      if (Array.isArray(object)) {
        const out: unknown[] = [];
        for (let index = 0; index < object.length; index++) {
          if (budget <= 0 || index >= MAX_KEYS) {
            out.push({ $truncated: 'size', bytes: jsonBytes(object), keys: [] });
            break;
          }
          out.push(walk(object[index], depth + 1));
        }
        return out;
      }
      const out: Record<string, unknown> = {};
      const keys = Object.keys(object);
      for (const [index, key] of keys.entries()) {
        if (budget <= 0 || index >= MAX_KEYS) {
          return { $truncated: 'size', bytes: jsonBytes(object), keys: keys.slice(0, 20) };
        }
        budget -= Math.min(key.length, MAX_STRING) + 4;
        let item: unknown;
        try {
          item = (object as Record<string, unknown>)[key];
        } catch (error) {
          put(out, key.slice(0, MAX_STRING), { $unserialisable: 'getter threw', value: String((error as Error)?.message ?? error).slice(0, 200) });
          continue;
        }
        put(out, key.slice(0, MAX_STRING), walk(item, depth + 1));
      }
      return out;
    } finally {
      seen.pop();
    }
  };
  try {
    return walk(value, 0);
  } catch {
    // A Proxy can throw from anywhere (ownKeys, getPrototypeOf): record that much.
    return { $unserialisable: 'threw while copied' };
  }
}

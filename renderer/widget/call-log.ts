/**
 * Botbench's record of how the page uses the messenger API (not a Flow XO feature): every call
 * with JSON-safe copies of its arguments, the widget's state at the time and what went wrong,
 * plus the platform's answers. The workbench's observer reads it through the `.botbench` handle;
 * the page sees nothing of it.
 */
import type { WidgetCore } from './core.ts';
import { MAX_CALLS_PER_LOAD, jsonSafeCopy, type MessengerCall } from '../../main/common/messenger-calls.ts';

export type { MessengerCall };

export interface CallLog {
  /** Records a call; `state` is read now (the widget's state when the call was made). */
  record(entry: Omit<MessengerCall, 'at' | 'api' | 'widgetState' | 'args'> & { args?: readonly unknown[]; widgetState?: string }): MessengerCall;
  /** Wraps an API method: records each call (and what it threw) before passing the result or error on. */
  wrap<A extends unknown[], R>(method: string, fn: (...args: A) => R): (...args: A) => R;
  list(): MessengerCall[];
  /** Calls recorded after this one was registered. */
  on(fn: (call: MessengerCall) => void): () => void;
}

const now = (): number => (typeof performance !== 'undefined' ? Math.round(performance.now()) : 0);

function errorOf(error: unknown): { code?: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = String((error as Error | null)?.message ?? error).slice(0, 2000);
  return typeof code === 'string' ? { code, message } : { message };
}

export function createCallLog(api: MessengerCall['api'], state: () => string): CallLog {
  const calls: MessengerCall[] = [];
  const listeners = new Set<(call: MessengerCall) => void>();
  const log: CallLog = {
    record(entry) {
      const call: MessengerCall = {
        at: now(),
        api,
        by: entry.by,
        method: entry.method,
        args: (entry.args ?? []).map((arg) => jsonSafeCopy(arg)),
        widgetState: entry.widgetState ?? state(),
      };
      if ('result' in entry) call.result = jsonSafeCopy(entry.result);
      if (entry.error) call.error = entry.error;
      // Past the bound nothing more is kept or told (a page calling sendMessage in a loop costs the observer nothing).
      if (calls.length >= MAX_CALLS_PER_LOAD) return call;
      calls.push(call);
      for (const fn of [...listeners]) {
        try {
          fn(call);
        } catch {
          // The observer's trouble is not the page's.
        }
      }
      return call;
    },
    wrap(method, fn) {
      return (...args) => {
        const widgetState = state();
        let result: unknown;
        try {
          result = fn(...args);
        } catch (error) {
          log.record({ by: 'page', method, args, widgetState, error: errorOf(error) });
          throw error;
        }
        log.record({ by: 'page', method, args, widgetState });
        // A refused promise (sendMessage) is recorded as a second entry once it settles.
        if (result instanceof Promise)
          result.catch((error: unknown) => log.record({ by: 'page', method, args, widgetState: state(), error: errorOf(error) }));
        return result as ReturnType<typeof fn>;
      };
    },
    list: () => calls.slice(),
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  return log;
}

/** Records the platform's answers to one widget: each welcome (a new Channel ID or a reconnection) and each error frame. */
export function recordPlatformAnswers(core: WidgetCore, log: CallLog): void {
  let previous: { state: string; channelId: string | null } = { state: 'idle', channelId: null };
  core.on('state', (state) => {
    if (state.state === 'connected' && (previous.state !== 'connected' || previous.channelId !== state.channelId)) {
      const { botId, channelId, responsePath, kind } = state;
      log.record({ by: 'platform', method: 'welcome', args: [{ botId, channelId, responsePath, kind }] });
    }
    previous = { state: state.state, channelId: state.channelId };
  });
  core.on('error', (error) => log.record({ by: 'platform', method: 'error', args: [], error: { code: error.code, message: error.message } }));
}

export { errorOf };

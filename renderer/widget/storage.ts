/**
 * Where the widget remembers the anonymous Channel ID: localStorage when the page may use it, else
 * memory for the life of the page. Browsers throw on storage access in several ordinary situations
 * (a sandboxed or third-party iframe, storage blocked by the user, a full quota, private modes), so
 * every access is guarded and a failure switches to memory silently: no console output, no throw.
 *
 * Written without DOM types so node-side tests can import it too.
 */
import { STORAGE_PROBE_KEY } from '../../main/common/storage-key.ts';

/** The part of the Web Storage API the widget uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface WidgetStorage {
  /** 'local' while localStorage works; 'memory' once it was unavailable or threw. */
  readonly kind: 'local' | 'memory';
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Reads `globalThis.localStorage`; the getter itself throws a SecurityError where storage is denied. */
function defaultSource(): StorageLike | null | undefined {
  return (globalThis as { localStorage?: StorageLike | null }).localStorage;
}

export function createStorage(source: () => StorageLike | null | undefined = defaultSource): WidgetStorage {
  // Memory always holds the latest values, so a later switch from local to memory loses nothing.
  const memory = new Map<string, string>();
  let local: StorageLike | null = null;
  try {
    const candidate = source();
    if (candidate) {
      // Some browsers hand out a storage object whose writes throw (quota 0); find out now.
      candidate.setItem(STORAGE_PROBE_KEY, '1');
      candidate.removeItem(STORAGE_PROBE_KEY);
      local = candidate;
    }
  } catch {
    local = null;
  }

  /** Runs a localStorage call; on any failure drops to memory for good. */
  const guard = <T>(use: (storage: StorageLike) => T): T | undefined => {
    if (!local) return undefined;
    try {
      return use(local);
    } catch {
      local = null;
      return undefined;
    }
  };

  return {
    get kind() {
      return local ? 'local' : 'memory';
    },
    get(key) {
      const value = guard((storage) => storage.getItem(key));
      if (typeof value === 'string') {
        memory.set(key, value);
        return value;
      }
      return local ? null : (memory.get(key) ?? null);
    },
    set(key, value) {
      memory.set(key, value);
      guard((storage) => storage.setItem(key, value));
    },
    remove(key) {
      memory.delete(key);
      guard((storage) => storage.removeItem(key));
    },
  };
}

// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStorage, type StorageLike } from '../../../renderer/widget/storage.ts';

const KEY = 'fxo-messenger:5852754509ac70000c104b80:channelId';

/** Makes `window.localStorage` throw on access, as a sandboxed or third-party iframe does. */
function blockLocalStorage(): void {
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
}

function throwingStorage(failOn: 'get' | 'set' | 'all'): StorageLike {
  const map = new Map<string, string>();
  const fail = (): never => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return {
    getItem: (key) => (failOn === 'get' || failOn === 'all' ? fail() : (map.get(key) ?? null)),
    setItem: (key, value) => (failOn === 'set' || failOn === 'all' ? fail() : void map.set(key, value)),
    removeItem: (key) => void map.delete(key),
  };
}

describe('widget storage', () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');

  afterEach(() => {
    if (original) Object.defineProperty(globalThis, 'localStorage', original);
    globalThis.localStorage.clear();
    vi.restoreAllMocks();
  });

  it('uses localStorage when it works', () => {
    const storage = createStorage();
    expect(storage.kind).toBe('local');
    storage.set(KEY, 'n_QVIUyPr');
    expect(globalThis.localStorage.getItem(KEY)).toBe('n_QVIUyPr');
    expect(createStorage().get(KEY)).toBe('n_QVIUyPr');
    storage.remove(KEY);
    expect(globalThis.localStorage.getItem(KEY)).toBeNull();
    // The probe write leaves nothing behind.
    expect(globalThis.localStorage.length).toBe(0);
  });

  it('falls back to memory, silently, when the localStorage getter throws a SecurityError', () => {
    const consoleSpies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
    blockLocalStorage();
    expect(() => globalThis.localStorage).toThrow();

    const storage = createStorage();
    expect(storage.kind).toBe('memory');
    expect(storage.get(KEY)).toBeNull();
    storage.set(KEY, 'n_QVIUyPr');
    expect(storage.get(KEY)).toBe('n_QVIUyPr');
    storage.remove(KEY);
    expect(storage.get(KEY)).toBeNull();

    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });

  it('falls back to memory when localStorage is missing', () => {
    expect(createStorage(() => undefined).kind).toBe('memory');
    expect(createStorage(() => null).kind).toBe('memory');
  });

  it('falls back to memory when writes throw from the start (quota 0)', () => {
    const storage = createStorage(() => throwingStorage('set'));
    expect(storage.kind).toBe('memory');
    storage.set(KEY, 'n_abc');
    expect(storage.get(KEY)).toBe('n_abc');
  });

  it('switches to memory when storage starts throwing later, keeping what it wrote', () => {
    let failing = false;
    const map = new Map<string, string>();
    const flaky: StorageLike = {
      getItem: (key) => {
        if (failing) throw new DOMException('blocked', 'SecurityError');
        return map.get(key) ?? null;
      },
      setItem: (key, value) => {
        if (failing) throw new DOMException('blocked', 'SecurityError');
        map.set(key, value);
      },
      removeItem: (key) => void map.delete(key),
    };
    const storage = createStorage(() => flaky);
    expect(storage.kind).toBe('local');
    storage.set(KEY, 'n_first');
    failing = true;
    expect(storage.get(KEY)).toBe('n_first');
    expect(storage.kind).toBe('memory');
    storage.set(KEY, 'n_second');
    expect(storage.get(KEY)).toBe('n_second');
  });
});

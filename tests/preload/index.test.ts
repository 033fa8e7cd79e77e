import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, EVENT_CHANNEL, type PreloadApi } from '../../main/api/contract.ts';
import { calls, contextBridge, ipcRenderer, resetElectronFake } from '../mocks/electron.ts';

vi.mock('electron', async () => (await import('../mocks/electron.ts')).electronFake);

/** The preload (preload/index.ts) evaluated against the recording fake of Electron. */
describe('the preload', () => {
  let api: PreloadApi;
  const invoked: Array<{ channel: string; args: unknown[] }> = [];

  beforeAll(async () => {
    resetElectronFake();
    ipcRenderer.$answer = async (channel, args) => {
      invoked.push({ channel, args });
      if (channel === 'bots.create')
        return { ok: false, error: { code: 'BOTBENCH_ERR_VALIDATION', message: 'name must be a string', field: 'name' } };
      return { ok: true, result: { echoed: args[0] ?? null } };
    };
    await import('../../preload/index.ts');
    expect([...contextBridge.$exposed.keys()]).toEqual(['botbench']);
    api = contextBridge.$exposed.get('botbench') as PreloadApi;
  });

  it('exposes exactly one function per contract method, plus onEvent, and no other value', () => {
    expect(Object.keys(api).sort()).toEqual(['methods', 'onEvent']);
    expect(Object.keys(api.methods).sort()).toEqual([...API_METHODS].sort());
    // Walk everything reachable: only plain objects and functions, and none of them is Electron's.
    const functions: unknown[] = [];
    const walk = (value: unknown, path: string): void => {
      expect(value, path).not.toBe(ipcRenderer);
      if (typeof value === 'function') {
        expect(Object.values(ipcRenderer).concat(Object.values(Object.getPrototypeOf(ipcRenderer))), path).not.toContain(value);
        expect(Object.keys(value), path).toEqual([]);
        functions.push(value);
        return;
      }
      expect(Object.getPrototypeOf(value), path).toBe(Object.prototype);
      for (const [key, child] of Object.entries(value as object)) walk(child, `${path}.${key}`);
    };
    walk(api, 'botbench');
    expect(functions).toHaveLength(API_METHODS.length + 1);
    expect(new Set(functions).size).toBe(functions.length);
  });

  it('sends each method on its own channel with the params only, and unwraps the answer', async () => {
    invoked.length = 0;
    for (const method of API_METHODS) {
      if (method === 'bots.create') continue;
      // Extra arguments from the page cannot choose the channel or add to what is sent.
      const call = api.methods[method] as (...args: unknown[]) => Promise<unknown>;
      expect(await call({ n: method }, 'bots.create', 'extra')).toEqual({ echoed: { n: method } });
    }
    expect(invoked.map((call) => call.channel)).toEqual(API_METHODS.filter((method) => method !== 'bots.create'));
    expect(invoked.every((call) => call.args.length === 1)).toBe(true);
  });

  it('rejects with the platform’s error code, message and fields', async () => {
    const error = await api.methods['bots.create']({ name: 1 } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION', message: 'name must be a string', field: 'name' });
  });

  it('passes the renderer only the event payload, never Electron’s event (whose sender is ipcRenderer), and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.onEvent((...args: unknown[]) => received.push(args));
    ipcRenderer.$receive(EVENT_CHANNEL, { type: 'bots', bots: [] });
    ipcRenderer.$receive('some-other-channel', { type: 'forged' });
    expect(received).toEqual([[{ type: 'bots', bots: [] }]]);
    unsubscribe();
    ipcRenderer.$receive(EVENT_CHANNEL, { type: 'bots', bots: [] });
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('touches no Electron API but exposeInMainWorld, invoke and the event listener', () => {
    const used = new Set(calls.map((call) => `${call.target}.${call.method}`));
    expect([...used].sort()).toEqual(['contextBridge.exposeInMainWorld', 'ipcRenderer.invoke', 'ipcRenderer.on', 'ipcRenderer.removeListener']);
  });
});

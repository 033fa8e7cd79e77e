import { describe, expect, it, vi } from 'vitest';
import type { PreloadApi, WorkbenchEvent } from '../../../main/api/contract.ts';
import { createPreloadClient } from '../../../renderer/src/transport/preload-client.ts';

function fakePreload(methods: Partial<PreloadApi['methods']>): PreloadApi & { emit(event: WorkbenchEvent): void } {
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  return {
    methods: methods as PreloadApi['methods'],
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event) => listeners.forEach((l) => l(event)),
  };
}

describe('createPreloadClient()', () => {
  it('calls the preload function of the method with the params', async () => {
    const reload = vi.fn(async () => ({ id: 'p1' }) as never);
    const client = createPreloadClient(fakePreload({ 'profiles.reload': reload }));
    await expect(client.call('profiles.reload', { id: 'p1' })).resolves.toEqual({ id: 'p1' });
    expect(reload).toHaveBeenCalledWith({ id: 'p1' });
  });

  it('rejects with the code and message main sent', async () => {
    // Preload rethrows the IPC envelope's error as an Error carrying its fields.
    const failing = () => Promise.reject(Object.assign(new Error('No bot.'), { code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: 'No bot.' }));
    const client = createPreloadClient(fakePreload({ 'bots.update': failing }));
    await expect(client.call('bots.update', { botId: 'x' })).rejects.toMatchObject({ code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: 'No bot.' });
  });

  it('passes events through and unsubscribes', () => {
    const api = fakePreload({});
    const client = createPreloadClient(api);
    const seen: string[] = [];
    const stop = client.onEvent((event) => seen.push(event.type));
    api.emit({ type: 'frame', profileId: 'p1', dataUrl: 'data:,' });
    stop();
    api.emit({ type: 'frame', profileId: 'p1', dataUrl: 'data:,' });
    expect(seen).toEqual(['frame']);
  });
});

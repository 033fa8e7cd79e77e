import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS, EVENT_CHANNEL, type IpcEnvelope, type WorkbenchEvent } from '../../../main/api/contract.ts';
import { registerIpcTransport } from '../../../main/api/ipc-transport.ts';
import type { WorkbenchServices } from '../../../main/api/services.ts';
import { FakeBrowserWindow, FakeWebContentsView, ipcMain, resetElectronFake, type FakeSender } from '../../mocks/electron.ts';

const rendererUrl = 'file:///app/out/renderer/index.html';

/** The services as far as the transport sees them: it dispatches calls and subscribes to events. */
class ServicesStub {
  readonly dispatched: Array<{ method: unknown; params: unknown }> = [];
  readonly listeners = new Set<(event: WorkbenchEvent) => void>();
  async dispatch(method: unknown, params: unknown): Promise<unknown> {
    this.dispatched.push({ method, params });
    if (method === 'bots.update') throw Object.assign(new Error('no such bot'), { code: 'BOTBENCH_ERR_BOT_NOT_FOUND' });
    return { answered: method };
  }
  subscribe(listener: (event: WorkbenchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** As fiddle's tests/main/ipc.spec.ts: the transport over a fake ipcMain, called by the senders a real app could see. */
describe('registerIpcTransport()', () => {
  let window: FakeBrowserWindow;
  let services: ServicesStub;
  let remove: () => void;
  let workbench: FakeSender;

  beforeEach(() => {
    resetElectronFake();
    window = new FakeBrowserWindow();
    services = new ServicesStub();
    remove = registerIpcTransport(
      ipcMain as unknown as Electron.IpcMain,
      window as unknown as Electron.BrowserWindow,
      services as unknown as WorkbenchServices,
      rendererUrl,
    );
    workbench = { sender: window.webContents, frame: { url: rendererUrl, parent: null } };
  });
  afterEach(() => remove());

  const invoke = (method: string, from: FakeSender, params?: unknown) => ipcMain.$invoke(method, from, params) as Promise<IpcEnvelope>;

  it('handles every method of the allow-list, and nothing else', async () => {
    expect([...ipcMain.$handlers.keys()].sort()).toEqual([...API_METHODS].sort());
    await expect(invoke('shell.openExternal', workbench)).rejects.toThrow("No handler registered for 'shell.openExternal'");
  });

  it('answers the workbench window’s own top frame with an envelope', async () => {
    expect(await invoke('bots.list', workbench)).toEqual({ ok: true, result: { answered: 'bots.list' } });
    expect(services.dispatched).toEqual([{ method: 'bots.list', params: undefined }]);
  });

  it('sends an error as data, its code kept (Electron would drop an Error’s own fields)', async () => {
    const answer = await invoke('bots.update', workbench, { botId: 'x' });
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: expect.stringMatching(/^BOTBENCH_ERR_/) }) });
  });

  it.each<[string, (window: FakeBrowserWindow) => FakeSender]>([
    ['a profile’s page', () => ({ sender: new FakeWebContentsView().webContents, frame: { url: 'http://127.0.0.1:4000/site/x', parent: null } })],
    [
      'another web contents showing the workbench page',
      () => ({ sender: new FakeWebContentsView().webContents, frame: { url: rendererUrl, parent: null } }),
    ],
    ['an iframe in the workbench window', (w) => ({ sender: w.webContents, frame: { url: rendererUrl, parent: {} } })],
    ['the window after it navigated elsewhere', (w) => ({ sender: w.webContents, frame: { url: 'https://example.com/', parent: null } })],
    ['a frame that is gone', (w) => ({ sender: w.webContents, frame: null })],
  ])('refuses %s before any handler runs', async (_who, from) => {
    expect(await invoke('bots.list', from(window))).toEqual({ ok: false, error: expect.objectContaining({ code: 'BOTBENCH_ERR_UNAUTHORIZED' }) });
    expect(services.dispatched).toEqual([]);
  });

  it('pushes events to the window on the event channel, and stops when removed', () => {
    const event: WorkbenchEvent = { type: 'persons', persons: [] };
    for (const listener of services.listeners) listener(event);
    expect(window.webContents.$sent).toEqual([{ channel: EVENT_CHANNEL, args: [event] }]);
    remove();
    expect(services.listeners.size).toBe(0);
    expect(ipcMain.$handlers.size).toBe(0);
    remove = () => undefined;
  });
});

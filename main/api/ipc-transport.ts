import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { BotbenchError } from '../platform/errors.ts';
import { isWorkbenchSender } from '../shell/sender.ts';
import { API_METHODS, EVENT_CHANNEL, type IpcEnvelope } from './contract.ts';
import type { WorkbenchServices } from './services.ts';
import { toErrorPayload } from './api-errors.ts';

/**
 * The contract over Electron IPC: one `ipcMain.handle` per method of the allow-list, each
 * checking the caller is the workbench window's own page; events pushed on EVENT_CHANNEL.
 * Returns the function that removes the handlers.
 */
export function registerIpcTransport(ipcMain: IpcMain, window: BrowserWindow, services: WorkbenchServices, rendererUrl: string): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(method, async (event: IpcMainInvokeEvent, params: unknown): Promise<IpcEnvelope> => {
      try {
        if (!isWorkbenchSender(event, { webContentsId: window.webContents.id, rendererUrl })) {
          throw new BotbenchError('BOTBENCH_ERR_UNAUTHORIZED', 'Only the workbench window may call the workbench API.');
        }
        return { ok: true, result: await services.dispatch(method, params) };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      }
    });
  }
  const unsubscribe = services.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    for (const method of API_METHODS) ipcMain.removeHandler(method);
  };
}

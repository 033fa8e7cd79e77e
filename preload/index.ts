import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, EVENT_CHANNEL, type IpcEnvelope, type PreloadApi, type WorkbenchEvent } from '../main/api/contract.ts';

/** Rejects with the error payload ({ code, message, … }) so the renderer sees the platform's codes. */
async function invoke(method: string, params: unknown): Promise<unknown> {
  const envelope = (await ipcRenderer.invoke(method, params)) as IpcEnvelope;
  if (envelope.ok) return envelope.result;
  throw Object.assign(new Error(envelope.error.message), envelope.error);
}

// One function per contract method, generated from the allow-list; ipcRenderer itself never leaves this file.
const methods = Object.fromEntries(API_METHODS.map((method) => [method, (params?: unknown) => invoke(method, params)])) as PreloadApi['methods'];

const api: PreloadApi = {
  methods,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: WorkbenchEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('botbench', api);

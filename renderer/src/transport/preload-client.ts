import type { ApiMethod, PreloadApi, WorkbenchClient } from '../../../main/api/contract.ts';
import { toApiError } from './api-error.ts';

/** The Electron preload API, if this page runs in the desktop app. */
export function preloadApi(): PreloadApi | undefined {
  return (window as Window & { botbench?: PreloadApi }).botbench;
}

/** Wraps `window.botbench` as a WorkbenchClient; failed calls reject with an ApiError. */
export function createPreloadClient(api: PreloadApi): WorkbenchClient {
  return {
    call: (async (method: ApiMethod, params?: unknown) => {
      const fn = api.methods[method] as (params?: unknown) => Promise<unknown>;
      try {
        return await fn(params);
      } catch (error) {
        throw toApiError(error);
      }
    }) as WorkbenchClient['call'],
    onEvent: (listener) => api.onEvent(listener),
  };
}

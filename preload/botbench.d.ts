import type { PreloadApi } from '../main/api/contract.ts';

declare global {
  interface Window {
    /** Present in the Electron app (exposed by preload); absent in browser mode, which uses the WebSocket transport. */
    botbench?: PreloadApi;
  }
}

export {};

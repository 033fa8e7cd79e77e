import type { WorkbenchClient } from '../../main/api/contract.ts';
import { CONNECTED, type ConnectionState } from './transport/connection.ts';
import { createPreloadClient, preloadApi } from './transport/preload-client.ts';
import { createWsClient } from './transport/ws-client.ts';
import { readPageToken, workbenchSocketUrl } from './transport/ws-path.ts';

/** The client and how to follow its connection; the rest of the UI sees only the client. */
export interface Transport {
  client: WorkbenchClient;
  kind: 'electron' | 'websocket';
  /** Calls back now and on every change. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  reconnectNow: (() => void) | undefined;
}

/** Electron preload when `window.botbench` exists, else the WebSocket of browser mode. */
export function pickTransport(): Transport {
  const api = preloadApi();
  if (api) {
    return {
      client: createPreloadClient(api),
      kind: 'electron',
      onConnection: (listener) => {
        listener(CONNECTED);
        return () => undefined;
      },
      reconnectNow: undefined,
    };
  }
  const ws = createWsClient({ url: workbenchSocketUrl(location), token: readPageToken(document) });
  return {
    client: ws,
    kind: 'websocket',
    onConnection: (listener) => {
      listener(ws.connection());
      return ws.onConnection(listener);
    },
    reconnectNow: () => ws.reconnectNow(),
  };
}

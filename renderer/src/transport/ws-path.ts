/**
 * Path of the workbench WebSocket on the browser-mode server. The source of truth is
 * WS_API_PATH in main/api/contract.ts; the renderer imports that file as types only, so the
 * value is repeated here, once.
 */
export const WS_PATH = '/api/ws';

/** ws:// or wss:// on the page's own host. */
export function workbenchSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
}

/** The token the browser-mode server writes into index.html as <meta name="botbench-token">. */
export function readPageToken(doc: Document): string {
  return doc.querySelector<HTMLMetaElement>('meta[name="botbench-token"]')?.content ?? '';
}

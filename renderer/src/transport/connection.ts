/** Where the link to main stands; Electron IPC is always "connected". */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Reconnect attempts since the last good connection. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while disconnected. */
  retryAt: number | null;
  message: string | null;
}

export const CONNECTED: ConnectionState = { status: 'connected', attempt: 0, retryAt: null, message: null };

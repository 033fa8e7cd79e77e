import { CHANNEL_ID_MAX } from './ids.ts';

/**
 * The widget ↔ platform WebSocket protocol, one JSON object per frame, as plain types: the widget
 * builds and reads them with no dependencies, and main/platform/widget-protocol.ts validates
 * incoming ones with zod (tests/main/platform/widget-protocol.test-d.ts checks its schema against ClientFrame).
 */
export const PROTOCOL_VERSION = 1;
export const MAX_TEXT = 4000;
export const MAX_METADATA_BYTES = 16 * 1024;
/** Longest Channel ID or external user ID in a frame. */
export const MAX_ID = CHANNEL_ID_MAX;
/** Longest page URL a hello may report. */
export const MAX_PAGE = 2048;
/** Longest client message id and userHash in a frame. */
export const MAX_CLIENT_ID = 64;
export const MAX_USER_HASH = 128;
/** Longest member name or email (the current messenger's). */
export const MAX_PROFILE_TEXT = 256;
/** Largest page of a welcome's transcript, in bytes of JSON (a page always holds at least one message). */
export const TRANSCRIPT_PAGE_BYTES = 64 * 1024;

/**
 * Close codes of the widget socket (Botbench's own, in the private 4000–4999 range; an oversized
 * frame gets the standard 1009). A widget reconnects after any of them, with its backoff.
 */
export const WIDGET_CLOSE = {
  /** What waits to be sent passed its bound: the client does not read what it is sent. */
  SEND_BUFFER_FULL: 4008,
  /** No hello arrived within the hello timeout of opening. */
  HELLO_TIMEOUT: 4408,
} as const;

/** A message as the widget shows it. */
export interface WireMessage {
  id: string;
  direction: 'in' | 'out';
  source: 'widget' | 'telegram' | 'messenger' | 'bot' | 'webhook';
  text: string;
  createdAt: number;
}

export type ClientFrame =
  | {
      type: 'hello';
      v: typeof PROTOCOL_VERSION;
      botId: string;
      /** The anonymous Channel ID this browser stored, if any. */
      channelId?: string | undefined;
      externalUserId?: string | undefined;
      /** HMAC-SHA256(identity secret, externalUserId), hex: required when the bot verifies identities. */
      userHash?: string | undefined;
      metadata?: Record<string, unknown> | undefined;
      /** The page the widget runs on, for the log. */
      page?: string | undefined;
      /** The current messenger's member name and email (onFlowXOInit, FlowXO.identify), kept on the user record. */
      name?: string | undefined;
      email?: string | undefined;
    }
  | {
      type: 'message';
      clientId: string;
      text: string;
      /** sendMessage(text, metadata): reaches the trigger of the flows this message starts. */
      metadata?: Record<string, unknown> | undefined;
    }
  | { type: 'ack'; ids: string[] }
  | { type: 'reset' };

export type ServerFrame =
  | {
      type: 'welcome';
      botId: string;
      channelId: string;
      responsePath: string;
      kind: 'anonymous' | 'external';
      /** True on first contact of this Channel ID. */
      created: boolean;
      bot: { name: string; theme: string; greeting: string };
      /** The transcript's first (oldest) page; `more` says `transcript` frames with the rest follow. */
      transcript: WireMessage[];
      more?: boolean;
    }
  /** The next page of the welcome's transcript, oldest first; the last one has `more: false`. */
  | { type: 'transcript'; messages: WireMessage[]; more: boolean }
  | { type: 'message'; message: WireMessage }
  | { type: 'sent'; clientId: string; message: WireMessage }
  | { type: 'reset'; channelId: string; responsePath: string }
  | { type: 'error'; code: string; message: string; expected?: string; field?: string; ref?: string };

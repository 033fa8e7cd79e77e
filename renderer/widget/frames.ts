/**
 * The widget ↔ platform WebSocket protocol as plain types: the same shapes as
 * main/platform/widget-protocol.ts (which validates them with zod on the server), copied here so
 * the widget bundle imports nothing. tests/widget/frames.test.ts checks the two stay equal.
 */

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
      v: 1;
      botId: string;
      /** The anonymous Channel ID this browser stored, if any. */
      channelId?: string | undefined;
      externalUserId?: string | undefined;
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
      transcript: WireMessage[];
    }
  | { type: 'message'; message: WireMessage }
  | { type: 'sent'; clientId: string; message: WireMessage }
  | { type: 'reset'; channelId: string; responsePath: string }
  | { type: 'error'; code: string; message: string; expected?: string; field?: string; ref?: string };

/** Limits the server enforces (widget-protocol.ts); checked before sending so a bad frame never goes out. */
export const PROTOCOL_VERSION = 1;
export const MAX_TEXT = 4000;
export const MAX_METADATA_BYTES = 16 * 1024;
export const MAX_ID = 128;
export const MAX_PAGE = 2048;
/** Longest member name or email. */
export const MAX_PROFILE_TEXT = 256;

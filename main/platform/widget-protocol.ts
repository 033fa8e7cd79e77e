import { z } from 'zod';
import { BOT_ID_PATTERN, CHANNEL_ID_MAX } from './ids.ts';

/**
 * The widget ↔ platform WebSocket protocol, one JSON object per frame. The widget keeps its
 * own copy of these shapes as plain types (renderer/widget/frames.ts) so its bundle stays
 * free of zod; tests/platform/widget-protocol.test.ts checks the two agree.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_TEXT = 4000;
export const MAX_METADATA_BYTES = 16 * 1024;
export const MAX_PROFILE_TEXT = 256;

const metadataSchema = z.record(z.string(), z.unknown()).refine((value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_METADATA_BYTES, {
  message: `metadata must serialise to at most ${MAX_METADATA_BYTES} bytes`,
});

const id = z.string().min(1).max(CHANNEL_ID_MAX);

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    v: z.literal(PROTOCOL_VERSION),
    botId: z.string().regex(BOT_ID_PATTERN, 'botId must be 24 lowercase hex characters'),
    /** The anonymous Channel ID this browser stored, if any. */
    channelId: id.optional(),
    externalUserId: id.optional(),
    /** HMAC-SHA256(identity secret, externalUserId), hex: required when the bot verifies identities. */
    userHash: z.string().max(128).optional(),
    metadata: metadataSchema.optional(),
    /** The page the widget runs on, for the log. */
    page: z.string().max(2048).optional(),
    /** The current messenger's member name and email (onFlowXOInit, FlowXO.identify), kept on the user record. */
    name: z.string().max(MAX_PROFILE_TEXT).optional(),
    email: z.string().max(MAX_PROFILE_TEXT).optional(),
  }),
  z.strictObject({
    type: z.literal('message'),
    clientId: z.string().min(1).max(64),
    text: z.string().trim().min(1).max(MAX_TEXT),
    /** sendMessage(text, metadata): reaches the trigger of the flows this message starts. */
    metadata: metadataSchema.optional(),
  }),
  z.strictObject({ type: z.literal('ack'), ids: z.array(z.string().min(1).max(64)).min(1).max(500) }),
  z.strictObject({ type: z.literal('reset') }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** A message as the widget shows it. */
export interface WireMessage {
  id: string;
  direction: 'in' | 'out';
  source: 'widget' | 'telegram' | 'messenger' | 'bot' | 'webhook';
  text: string;
  createdAt: number;
}

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

import { z } from 'zod';
import { BOT_ID_PATTERN } from '../common/ids.ts';
import {
  MAX_CLIENT_ID,
  MAX_ID,
  MAX_METADATA_BYTES,
  MAX_PAGE,
  MAX_PROFILE_TEXT,
  MAX_TEXT,
  MAX_USER_HASH,
  PROTOCOL_VERSION,
  type ClientFrame,
} from '../common/widget-frames.ts';

/**
 * The widget ↔ platform WebSocket protocol: its frames are plain types in
 * main/common/widget-frames.ts (the widget imports them too); this validates incoming ones.
 */
const metadataSchema = z.record(z.string(), z.unknown()).refine((value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_METADATA_BYTES, {
  message: `metadata must serialise to at most ${MAX_METADATA_BYTES} bytes`,
});

const id = z.string().min(1).max(MAX_ID);

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    v: z.literal(PROTOCOL_VERSION),
    botId: z.string().regex(BOT_ID_PATTERN, 'botId must be 24 lowercase hex characters'),
    /** The anonymous Channel ID this browser stored, if any. */
    channelId: id.optional(),
    externalUserId: id.optional(),
    /** HMAC-SHA256(identity secret, externalUserId), hex: required when the bot verifies identities. */
    userHash: z.string().max(MAX_USER_HASH).optional(),
    metadata: metadataSchema.optional(),
    /** The page the widget runs on, for the log. */
    page: z.string().max(MAX_PAGE).optional(),
    /** The current messenger's member name and email (onFlowXOInit, FlowXO.identify), kept on the user record. */
    name: z.string().max(MAX_PROFILE_TEXT).optional(),
    email: z.string().max(MAX_PROFILE_TEXT).optional(),
  }),
  z.strictObject({
    type: z.literal('message'),
    clientId: z.string().min(1).max(MAX_CLIENT_ID),
    text: z.string().trim().min(1).max(MAX_TEXT),
    /** sendMessage(text, metadata): reaches the trigger of the flows this message starts. */
    metadata: metadataSchema.optional(),
  }),
  z.strictObject({ type: z.literal('ack'), ids: z.array(z.string().min(1).max(MAX_CLIENT_ID)).min(1).max(500) }),
  z.strictObject({ type: z.literal('reset') }),
]);

// The schema and the plain types must describe the same frames; this fails to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesFrames: Same<z.infer<typeof clientFrameSchema>, ClientFrame> = true;
void _schemaMatchesFrames;

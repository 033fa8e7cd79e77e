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
} from '../common/widget-frames.ts';

/**
 * The widget ↔ platform WebSocket protocol: its frames are plain types in
 * main/common/widget-frames.ts (the widget imports them too); this validates incoming ones.
 * tests/main/platform/widget-protocol.test-d.ts checks the schema describes exactly those frames.
 */

/** Deepest nesting of objects and arrays accepted in metadata (the object itself is depth 1). */
export const MAX_METADATA_DEPTH = 32;
export const METADATA_EXPECTED = `a JSON object of at most ${MAX_METADATA_BYTES} bytes serialised, nested at most ${MAX_METADATA_DEPTH} levels deep, e.g. {"myUserId":"123","plan":{"tier":"gold"}}`;

/**
 * Whether a parsed JSON value nests objects and arrays at most `max` levels deep. A loop, not
 * recursion: a deeper value (16 KiB of "[" is 16,000 levels) would overflow the stack of any
 * recursive walk, JSON.stringify's included, which is why this runs before anything serialises.
 */
export function jsonDepthWithin(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: next, depth } = stack.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth > max) return false;
    for (const child of Object.values(next)) if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
  }
  return true;
}

/** Metadata: a JSON object, bounded in depth (checked first, without recursion) and then in size. */
export const metadataSchema = z.record(z.string(), z.unknown()).superRefine((value, context) => {
  if (!jsonDepthWithin(value, MAX_METADATA_DEPTH)) {
    context.addIssue({ code: 'custom', message: `metadata must nest at most ${MAX_METADATA_DEPTH} levels deep` });
  } else if (Buffer.byteLength(JSON.stringify(value)) > MAX_METADATA_BYTES) {
    context.addIssue({ code: 'custom', message: `metadata must serialise to at most ${MAX_METADATA_BYTES} bytes` });
  }
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

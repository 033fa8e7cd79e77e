import { describeValue } from './describe.ts';
import { BOT_ID_PATTERN, isChannelId } from './ids.ts';

/**
 * The one parser of Response Paths: `{Bot ID}/c/{Channel ID}`, the address of one user of one
 * bot. Pure, so the platform and the workbench UI read them alike; main/platform/response-path.ts
 * turns a refusal into the platform's error.
 */
export interface ResponsePath {
  botId: string;
  channelId: string;
}

export const RESPONSE_PATH_EXPECTED =
  '"{Bot ID}/c/{Channel ID}": a 24-hex Bot ID, "/c/", then a Channel ID, e.g. "5852754509ac70000c104b80/c/User123"';

export function formatResponsePath(botId: string, channelId: string): string {
  return `${botId}/c/${channelId}`;
}

/** Parses a response path, or says why it is not one. */
export function tryParseResponsePath(value: unknown): { ok: true; value: ResponsePath } | { ok: false; reason: string } {
  if (typeof value !== 'string') return { ok: false, reason: `expected a string, got ${describeValue(value)}` };
  const marker = value.indexOf('/c/');
  if (marker < 0) return { ok: false, reason: `"/c/" is missing in ${describeValue(value)}` };
  const botId = value.slice(0, marker);
  const channelId = value.slice(marker + 3);
  if (!BOT_ID_PATTERN.test(botId)) return { ok: false, reason: `the Bot ID ${describeValue(botId)} is not 24 lowercase hex characters` };
  if (!isChannelId(channelId)) {
    return {
      ok: false,
      reason: `the Channel ID ${describeValue(channelId)} is empty, over 128 characters, or has whitespace, control characters or "/"`,
    };
  }
  return { ok: true, value: { botId, channelId } };
}

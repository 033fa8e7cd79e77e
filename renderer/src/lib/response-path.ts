/**
 * The renderer's door to the platform's own ID rules (main/common), so the UI checks a response
 * path as you type exactly as the platform will.
 */
export { RESPONSE_PATH_EXPECTED, formatResponsePath, tryParseResponsePath } from '../../../main/common/response-path.ts';
export { isChannelId, CHANNEL_ID_EXPECTED, isAnonymousChannelId, ANONYMOUS_ID_EXPECTED } from '../../../main/common/ids.ts';

/** The short form shown under the input. */
export const RESPONSE_PATH_FORM = '{Bot ID}/c/{Channel ID}';

/**
 * The renderer's door to the platform's own ID rules, so the UI checks a response path as you
 * type exactly as the platform will (both modules are pure; the layer rule allows them).
 */
export { RESPONSE_PATH_EXPECTED, formatResponsePath, tryParseResponsePath } from '../../../main/platform/response-path.ts';
export { isChannelId, CHANNEL_ID_EXPECTED, isAnonymousChannelId, ANONYMOUS_ID_EXPECTED } from '../../../main/platform/id-patterns.ts';

/** The short form shown under the input. */
export const RESPONSE_PATH_FORM = '{Bot ID}/c/{Channel ID}';

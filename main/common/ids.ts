/**
 * What Bot IDs and Channel IDs look like. Pure (no Node, no DOM, no dependencies), so the
 * platform, the workbench UI (as you type) and the widget (before it sends) apply the very same rules.
 */

/** A Bot ID: 24 lowercase hex characters, the shape of a Mongo ObjectId as Flow XO uses. */
export const BOT_ID_PATTERN = /^[0-9a-f]{24}$/;
export const BOT_ID_EXPECTED = '24 lowercase hexadecimal characters, e.g. "5852754509ac70000c104b80"';

/** Longest Channel ID or external user ID accepted. */
export const CHANNEL_ID_MAX = 128;
// No whitespace, control characters or "/" (it would make the response path ambiguous in a URL).
const CHANNEL_ID_PATTERN = /^[^\s/\p{Cc}\p{Cf}]+$/u;
export const CHANNEL_ID_EXPECTED = `1 to ${CHANNEL_ID_MAX} characters without whitespace, control characters or "/", e.g. "n_QVIUyPr" or "User123"`;

/**
 * The anonymous Channel ID the platform issues (`newChannelId`): "n_" and 7 characters of
 * [0-9A-Za-z_], like Flow XO's `n_QVIUyPr`. An anonymous hello may name only an ID of this form,
 * and no external user ID may take it, so a visitor cannot claim an external or provider user's
 * ID before that user arrives (Botbench's rule).
 */
export const ANONYMOUS_ID_PATTERN = /^n_[0-9A-Za-z_]{7}$/;
export const ANONYMOUS_ID_EXPECTED = '"n_" and 7 letters, digits or "_", e.g. "n_QVIUyPr" (the form the platform gives anonymous visitors)';

export function isAnonymousChannelId(value: unknown): value is string {
  return typeof value === 'string' && ANONYMOUS_ID_PATTERN.test(value);
}

export function isBotId(value: unknown): value is string {
  return typeof value === 'string' && BOT_ID_PATTERN.test(value);
}

export function isChannelId(value: unknown): value is string {
  // A lone surrogate is not text: SQLite would store it as U+FFFD, and two different IDs would become one.
  return typeof value === 'string' && value.length <= CHANNEL_ID_MAX && value.isWellFormed() && CHANNEL_ID_PATTERN.test(value);
}

/** A connection ID (loader.js `data-connection`): Flow XO shows them as opaque strings; Botbench takes URL-safe ones. */
export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const CONNECTION_ID_EXPECTED = '1 to 64 letters, digits, "-" or "_", e.g. "your-connection-id"';

export function isConnectionId(value: unknown): value is string {
  return typeof value === 'string' && CONNECTION_ID_PATTERN.test(value);
}

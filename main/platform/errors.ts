/**
 * Every error the platform reports, with its stable code and HTTP status.
 * The table is the single source for docs/api.md's error list; codes never change meaning.
 */
export const errorCodes = {
  BOTBENCH_ERR_VALIDATION: { status: 400, summary: 'A field is missing, empty, too long or of the wrong type.' },
  BOTBENCH_ERR_JSON: { status: 400, summary: 'The body is not valid JSON.' },
  BOTBENCH_ERR_DATE_RANGE: { status: 400, summary: "A log filter's date range starts after it ends (from > to)." },
  BOTBENCH_ERR_RESPONSE_PATH: { status: 400, summary: 'A response path is not of the form {24-hex Bot ID}/c/{Channel ID}.' },
  BOTBENCH_ERR_BOT_ID: { status: 400, summary: 'A Bot ID is not 24 lowercase hexadecimal characters.' },
  BOTBENCH_ERR_CHANNEL_ID: {
    status: 400,
    summary: 'A Channel ID or external user ID is empty, too long, or has whitespace, control characters or "/".',
  },
  BOTBENCH_ERR_CONNECTION_ID: { status: 400, summary: 'A connection ID (loader.js data-connection) is not 1 to 64 letters, digits, "-" or "_".' },
  BOTBENCH_ERR_EMBED_CODE: { status: 400, summary: 'An embed code is not base64 JSON of the form {"web":{"botId":"…"}}.' },
  BOTBENCH_ERR_UNAUTHORIZED: { status: 401, summary: 'The admin API needs "Authorization: Bearer <token>" with the platform token.' },
  BOTBENCH_ERR_WEBHOOK_SIGNATURE: {
    status: 401,
    summary: 'The bot verifies webhooks and the Standard Webhooks headers are missing, stale (±5 min) or do not match.',
  },
  BOTBENCH_ERR_WEBHOOK_REPLAY: { status: 409, summary: 'This webhook-id was already accepted for the bot: a replayed webhook is refused.' },
  BOTBENCH_ERR_IDENTITY: { status: 403, summary: 'The bot verifies identities and the userHash for this external user ID is missing or wrong.' },
  BOTBENCH_ERR_CHANNEL_AUTH: {
    status: 401,
    summary:
      'A simulated channel update lacks its provider credential: the Telegram secret token or the Messenger X-Hub-Signature-256 is missing or wrong.',
  },
  BOTBENCH_ERR_CHANNEL_MISMATCH: {
    status: 409,
    summary:
      'That response path belongs to a user of another channel (web widget vs Telegram-like vs Messenger-like); one channel cannot enter another’s conversation.',
  },
  BOTBENCH_ERR_FORBIDDEN_HOST: {
    status: 403,
    summary: 'The admin API answers only requests addressed to its own loopback host and from no foreign origin.',
  },
  BOTBENCH_ERR_NOT_FOUND: { status: 404, summary: 'No such route.' },
  BOTBENCH_ERR_BOT_NOT_FOUND: { status: 404, summary: 'No bot has that Bot ID or webhook URL.' },
  BOTBENCH_ERR_USER_NOT_FOUND: { status: 404, summary: 'No user has that response path.' },
  BOTBENCH_ERR_BOT_EXISTS: { status: 409, summary: 'A bot with that Bot ID already exists.' },
  BOTBENCH_ERR_BODY_TOO_LARGE: { status: 413, summary: 'The body is larger than the limit.' },
  BOTBENCH_ERR_CONTENT_TYPE: {
    status: 415,
    summary: 'The body is not application/json (or application/x-www-form-urlencoded where a form is allowed).',
  },
  BOTBENCH_ERR_BUSY: {
    status: 503,
    summary: 'Too many requests are in progress; the remaining HTTP connections are kept for the admin API and /api/health. Retry shortly.',
  },
  BOTBENCH_ERR_CONNECTION_LIMIT: {
    status: 429,
    summary: 'This platform already made as many bots for unseen connection IDs as it allows; create the bot with POST /api/bots instead.',
  },
  BOTBENCH_ERR_RATE_LIMIT: {
    status: 429,
    summary: 'Too many frames per second, or hellos, on one widget connection, or a hello before the last welcome was read; slow down.',
  },
  BOTBENCH_ERR_TOO_MANY_USERS: {
    status: 429,
    summary: 'Too many new users per minute from one widget connection or one address (Botbench’s limit); returning visitors are not limited.',
  },
  BOTBENCH_ERR_FRAME: { status: 400, summary: 'A widget WebSocket frame is not valid JSON of a known type.' },
  BOTBENCH_ERR_NOT_CONNECTED: { status: 409, summary: 'The widget frame needs a completed hello first.' },
  BOTBENCH_ERR_RESET_EXTERNAL: { status: 409, summary: 'Reset is unavailable when the site sets an external user ID.' },
  BOTBENCH_ERR_FLOW: { status: 400, summary: 'A flow definition is invalid; the message names the bad field.' },
  BOTBENCH_ERR_FLOW_NOT_FOUND: { status: 404, summary: 'No flow has that id, or no enabled flow has that webhook URL.' },
  BOTBENCH_ERR_FLOW_FAILED: { status: 424, summary: "A webhook's flow ran and failed (e.g. its HTTP task); the interaction log has the details." },
  BOTBENCH_ERR_BIN_NOT_FOUND: { status: 404, summary: 'No request bin has that id.' },
  BOTBENCH_ERR_PERSON_NOT_FOUND: { status: 404, summary: 'No person of the identity lab has that id.' },
  BOTBENCH_ERR_PROFILE_NOT_FOUND: { status: 404, summary: 'No open profile has that id.' },
  BOTBENCH_ERR_PROFILE_TIMEOUT: { status: 408, summary: "The profile's widget did not connect in time." },
  BOTBENCH_ERR_NO_BROWSER: {
    status: 424,
    summary: 'No Chromium, Chrome or Edge was found for the profiles; the message says where Botbench looked and how to get one.',
  },
  BOTBENCH_ERR_BROWSER: { status: 424, summary: 'The browser behind a profile could not start or stopped working.' },
  BOTBENCH_ERR_PAGE_STEP: {
    status: 422,
    summary: 'A page step (goto, click, fill, press, waitFor) could not be done: its element or text did not show in time, or its page did not load.',
  },
  BOTBENCH_ERR_WIDGET_REFUSED: {
    status: 403,
    summary: "The platform refused a profile's widget (e.g. identity verification); the profile's `refusal` has the platform's own code.",
  },
  BOTBENCH_ERR_SITE_URL: { status: 400, summary: 'A profile’s site URL is not an absolute http:, https: or file: URL.' },
  BOTBENCH_ERR_SITE_UNREACHABLE: {
    status: 424,
    summary: 'A profile’s site could not be loaded: its host name does not resolve, nothing answers on its port, or the file does not exist.',
  },
  BOTBENCH_ERR_SITE_TLS: {
    status: 424,
    summary: 'A profile’s https site has a certificate the browser does not trust, and the profile was not told to accept it (acceptCertificate).',
  },
  BOTBENCH_ERR_SITE_NO_WIDGET: {
    status: 424,
    summary: 'A profile’s page loaded but asked for no Flow XO widget script (embed.js or loader.js, or the site’s own patterns) in time.',
  },
  BOTBENCH_ERR_SITE_SNIPPET: {
    status: 422,
    summary:
      'A profile’s page embeds a malformed Flow XO snippet: its data-fxo-widget is not an embed code, or its data-connection is not a 24-hex connection ID; the widget script was not answered.',
  },
  BOTBENCH_ERR_VARIABLE_UNKNOWN: {
    status: 400,
    summary: 'A {{variable}} is neither a built-in, a variable of the selected environment, nor a dynamic value; nothing was sent.',
  },
  BOTBENCH_ERR_VARIABLE_CYCLE: { status: 400, summary: 'Environment variables refer to each other in a cycle (a → b → a); nothing was sent.' },
  BOTBENCH_ERR_CURL: { status: 400, summary: 'A pasted cURL command does not parse, or holds nothing a webhook can be made of.' },
  BOTBENCH_ERR_IMPORT_FORMAT: {
    status: 400,
    summary: 'An imported file is not a Postman Collection v2.1 or a HAR 1.2 (or is of another version); nothing was imported.',
  },
  BOTBENCH_ERR_IMPORT_EMPTY: { status: 400, summary: 'An imported file holds no request (e.g. a HAR without entries); nothing was imported.' },
  BOTBENCH_ERR_TARGET_NOT_LOOPBACK: {
    status: 400,
    summary: 'The composer sends only to http(s) URLs on loopback (127.0.0.0/8, localhost, [::1]): the platform, its bins, a local server.',
  },
  BOTBENCH_ERR_BULK_BOUNDS: { status: 400, summary: 'A bulk send asks for more than its bounds (count, rate, duration) allow.' },
  BOTBENCH_ERR_BULK_RUNNING: { status: 409, summary: 'A bulk send is already running; stop it or wait for it to end.' },
  BOTBENCH_ERR_COLLECTION_NOT_FOUND: { status: 404, summary: 'No saved collection, folder or request has that id.' },
  BOTBENCH_ERR_ENVIRONMENT_NOT_FOUND: { status: 404, summary: 'No environment has that id.' },
  BOTBENCH_ERR_METHOD_UNKNOWN: { status: 400, summary: 'The workbench API has no method of that name.' },
  BOTBENCH_ERR_INTERNAL: { status: 500, summary: 'A bug in Botbench; the request changed nothing it did not commit. Please report it with the log.' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** The JSON body of every error answer, over HTTP and as a widget `error` frame. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; expected?: string; field?: string };
}

/** An error the platform reports to a caller; never a crash. */
export class BotbenchError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expected: string | undefined;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, details: { expected?: string; field?: string } = {}) {
    super(message);
    this.name = 'BotbenchError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.expected = details.expected;
    this.field = details.field;
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.expected !== undefined) error.expected = this.expected;
    if (this.field !== undefined) error.field = this.field;
    return { error };
  }
}

// Pure, so it lives in main/common; re-exported because every platform module reports errors from here.
export { describeValue } from '../common/describe.ts';

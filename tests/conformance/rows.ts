/**
 * Every method, event and setup step Flow XO documents for its two widget scripts, with how
 * Botbench stands on it and the conformance test that shows it. docs/api.md carries this as a
 * table between markers; tests/conformance/table.test.ts checks the two are equal and that
 * every named test exists, so neither can drift.
 */

export type RowStatus = 'supported' | 'differs' | 'not applicable offline';

export interface ConformanceRow {
  /** The article it is documented in. */
  article: 'Web Messenger API' | 'Web Messenger Javascript Api' | 'Web Messenger Metadata';
  /** What a page writes. */
  surface: string;
  status: RowStatus;
  /** Why, for anything not plainly supported; what Botbench does, briefly, otherwise. */
  note: string;
  /** Title of the test in tests/conformance/conformance.test.ts (or tests/browser/widget-bad-input.test.ts) that shows it. */
  test: string;
}

const OPTION_1 = 'Option 1: the ready callback sends "Hey!" once connected and logs each received message';
const OPTION_2 = 'Option 2: loaded synchronously, the code after the tag sends "Hey!" once connected and logs each received message';
const LIFECYCLE = 'create, destroy and toggle: created and destroyed fire; toggle destroys an existing messenger or else creates one';
const STATE = 'stateChanged gives the state as a string; getState gives the state and config';
const SET_CONFIG = 'setConfig applies the display keys and emits configChanged; an unknown key is a console warning naming the known ones';
const SEND = 'sendMessage(text, metadata): messageSent fires and the metadata reaches the flow trigger';
const BASIC = 'Basic Setup with User Identity: onFlowXOInit is awaited before connecting; member.id becomes the response path {botId}/c/{member.id}';
const METADATA = 'Metadata: the automatic visitorInfo and the member metadata are merged, sent on connect and visible to flows';
const AUTO_OPEN = 'Auto-Open After Delay: flowxo:ready carries the connection ID, and FlowXO.open opens the messenger 30 s later';
const TRACK = "Track Widget Events: open, userMessage and agentMessage fire; agentMessage for a webhook to the visitor's response path";
const LOGIN =
  'Update User Identity on Login/Logout: identify moves the visitor to {botId}/c/{id} with name and email; logout returns to the anonymous ID';

export const CONFORMANCE_ROWS: readonly ConformanceRow[] = [
  {
    article: 'Web Messenger API',
    surface: '`embed.js?callback=…` with `async defer` (option 1)',
    status: 'supported',
    note: 'the callback runs before the messenger starts',
    test: OPTION_1,
  },
  {
    article: 'Web Messenger API',
    surface: '`embed.js` loaded synchronously, code after the tag (option 2)',
    status: 'supported',
    note: 'the messenger starts at DOMContentLoaded, after the inline code subscribed',
    test: OPTION_2,
  },
  {
    article: 'Web Messenger API',
    surface: '`FxoMessenger.sendMessage(text, metadata)`',
    status: 'supported',
    note: 'metadata goes over the connection’s metadata for the flows this message starts',
    test: SEND,
  },
  {
    article: 'Web Messenger API',
    surface: '`FxoMessenger.setConfig(config)`',
    status: 'differs',
    note: 'the stored article lists no keys: display keys are named after the bot settings (`headerText`, `theme`, `fullscreen`, `welcomeText`); `externalUserId` and `metadata` as in "Identifying Web Bot Users"; any other key is a console warning',
    test: SET_CONFIG,
  },
  {
    article: 'Web Messenger API',
    surface: '`FxoMessenger.getState()`',
    status: 'supported',
    note: '`{ state, config }`, plus Botbench’s identity fields',
    test: STATE,
  },
  { article: 'Web Messenger API', surface: '`FxoMessenger.create()`', status: 'supported', note: 'mounts the UI and connects', test: LIFECYCLE },
  {
    article: 'Web Messenger API',
    surface: '`FxoMessenger.destroy()`',
    status: 'supported',
    note: 'unmounts the UI and closes the socket',
    test: LIFECYCLE,
  },
  {
    article: 'Web Messenger API',
    surface: '`FxoMessenger.toggle()`',
    status: 'supported',
    note: 'destroys an existing messenger, or else creates one',
    test: LIFECYCLE,
  },
  { article: 'Web Messenger API', surface: 'event `created`', status: 'supported', note: '', test: LIFECYCLE },
  { article: 'Web Messenger API', surface: 'event `destroyed`', status: 'supported', note: '', test: LIFECYCLE },
  {
    article: 'Web Messenger API',
    surface: 'event `messageReceived`',
    status: 'supported',
    note: 'the message object (`text`, `id`, `source`, `createdAt`)',
    test: OPTION_1,
  },
  {
    article: 'Web Messenger API',
    surface: 'event `messageSent`',
    status: 'supported',
    note: 'the stored message, with the metadata passed to `sendMessage`',
    test: SEND,
  },
  {
    article: 'Web Messenger API',
    surface: 'event `configChanged`',
    status: 'differs',
    note: 'the stored article is cut after "conf": Botbench names it `configChanged` and passes the config',
    test: SET_CONFIG,
  },
  {
    article: 'Web Messenger API',
    surface: 'event `stateChanged`',
    status: 'supported',
    note: 'the state string (`connecting`, `connected`, `disconnected`, …)',
    test: STATE,
  },
  {
    article: 'Web Messenger Javascript Api',
    surface: '`loader.js` with `data-connection`',
    status: 'supported',
    note: 'an unknown connection ID gets a bot on first sight',
    test: BASIC,
  },
  {
    article: 'Web Messenger Javascript Api',
    surface: '`window.onFlowXOInit = async (connectionId) => ({ member, config })`',
    status: 'supported',
    note: 'awaited before connecting, at most 5 s',
    test: BASIC,
  },
  {
    article: 'Web Messenger Javascript Api',
    surface: '`member.id`, `member.name`, `member.email`',
    status: 'supported',
    note: 'the Channel ID; name and email on the user record',
    test: BASIC,
  },
  { article: 'Web Messenger Javascript Api', surface: '`config.primaryColor`, `config.header.title`', status: 'supported', note: '', test: BASIC },
  {
    article: 'Web Messenger Javascript Api',
    surface: 'DOM event `flowxo:ready` (`detail.connectionId`)',
    status: 'supported',
    note: 'dispatched once the messenger is created',
    test: AUTO_OPEN,
  },
  { article: 'Web Messenger Javascript Api', surface: '`FlowXO.open(connectionId)`', status: 'supported', note: '', test: AUTO_OPEN },
  { article: 'Web Messenger Javascript Api', surface: '`FlowXO.isOpen(connectionId)`', status: 'supported', note: '', test: AUTO_OPEN },
  { article: 'Web Messenger Javascript Api', surface: "`FlowXO.on('open', …)`", status: 'supported', note: '`{ connectionId }`', test: TRACK },
  {
    article: 'Web Messenger Javascript Api',
    surface: "`FlowXO.on('userMessage', …)`",
    status: 'supported',
    note: '`{ connectionId, message }`, `message` being the text',
    test: TRACK,
  },
  {
    article: 'Web Messenger Javascript Api',
    surface: "`FlowXO.on('agentMessage', …)`",
    status: 'supported',
    note: 'also for webhook messages',
    test: TRACK,
  },
  {
    article: 'Web Messenger Javascript Api',
    surface: '`FlowXO.identify({ id, name, email })`',
    status: 'supported',
    note: 'moves the visitor to `{Bot ID}/c/{id}`',
    test: LOGIN,
  },
  {
    article: 'Web Messenger Javascript Api',
    surface: 'the logout call',
    status: 'differs',
    note: 'the stored article is cut inside the logout handler: Botbench provides `FlowXO.logout()`',
    test: LOGIN,
  },
  {
    article: 'Web Messenger Metadata',
    surface: 'metadata merged and sent when the visitor connects',
    status: 'supported',
    note: '`visitorInfo` first, then the developer’s keys',
    test: METADATA,
  },
  {
    article: 'Web Messenger Metadata',
    surface: '`visitorInfo.environment.network` (`origin`, `host`)',
    status: 'supported',
    note: '`ipAddress`, `realIp`, `asn`, `organization` come from a CDN: not applicable offline',
    test: METADATA,
  },
  {
    article: 'Web Messenger Metadata',
    surface: '`visitorInfo.environment.userAgent`',
    status: 'differs',
    note: 'the stored article’s field table is cut: Botbench passes `raw` (the user agent) and `language`',
    test: METADATA,
  },
  {
    article: 'Web Messenger Metadata',
    surface: '`visitorInfo.geo`',
    status: 'not applicable offline',
    note: 'Flow XO reads it from Cloudflare headers; empty (`{}`) here',
    test: METADATA,
  },
];

/** The table as docs/api.md shows it (between the conformance-table markers). */
export function renderTable(rows: readonly ConformanceRow[] = CONFORMANCE_ROWS): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = ['| Article | What the page writes | Botbench | Note | Checked by |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${row.article} | ${escape(row.surface)} | ${row.status} | ${escape(row.note)} | ${escape(row.test)} |`);
  return lines.join('\n');
}

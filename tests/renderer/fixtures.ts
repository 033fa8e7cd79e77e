import type { Person, ProfileSnapshot, TimelineEntry, WebhookHistoryEntry } from '../../main/api/contract.ts';
import type { Bin, BinRequest, Bot, Flow, LogEntry, Message, User } from '../../main/platform/model.ts';

/** Records shaped as main sends them, for renderer tests. */
export const BOT_ID = '5852754509ac70000c104b80';

export function makeBot(change: Partial<Bot> = {}): Bot {
  const botId = change.botId ?? BOT_ID;
  return {
    botId,
    name: 'Support bot',
    embedCode: 'eyJ3ZWIiOnsiYm90SWQiOiI1ODUyNzU0NTA5YWM3MDAwMGMxMDRiODAifX0=',
    webhookUrl: `http://127.0.0.1:4010/hooks/${botId}`,
    embedSnippet: `<script src="http://127.0.0.1:4010/embed.js" data-fxo-widget="…" async defer></script>`,
    connectionId: '4f1c2d3e5a6b7c8d',
    loaderSnippet: '<script src="http://127.0.0.1:4010/loader.js" data-connection="4f1c2d3e5a6b7c8d"></script>',
    webhookSecret: 'whsec_dGVzdC1zZWNyZXQtZm9yLXJlbmRlcmVyLXRlc3Rz',
    identitySecret: 'test-identity-secret',
    channels: {
      telegram: { url: `http://127.0.0.1:4010/channels/telegram/${botId}`, secretToken: 'test-telegram-secret' },
      messenger: { url: `http://127.0.0.1:4010/channels/messenger/${botId}`, pageId: '104857600000001', appSecret: 'test-app-secret' },
    },
    settings: { theme: '#1f6feb', greeting: 'Hi there!', verifyWebhooks: false, verifyIdentity: false },
    createdAt: 1_700_000_000_000,
    ...change,
  };
}

export function entry(action: TimelineEntry['action'], channelId: string | null, change: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    at: 1_700_000_000_000,
    action,
    channelId,
    responsePath: channelId === null ? null : `${BOT_ID}/c/${channelId}`,
    changed: false,
    note: null,
    ...change,
  };
}

export function makeProfile(change: Partial<ProfileSnapshot> = {}): ProfileSnapshot {
  const channelId = change.channelId === undefined ? 'n_QVIUyPr' : change.channelId;
  return {
    id: 'p1',
    kind: 'persistent',
    label: 'Same browser',
    botId: BOT_ID,
    externalUserId: null,
    metadata: null,
    persistentStorage: true,
    status: 'connected',
    channelKind: channelId === null ? null : 'anonymous',
    channelId,
    responsePath: channelId === null ? null : `${BOT_ID}/c/${channelId}`,
    url: `http://127.0.0.1:4010/site/${BOT_ID}`,
    siteUrl: null,
    notices: [],
    script: 'embed',
    timeline: [entry('opened', channelId)],
    error: null,
    errorCode: null,
    refusal: null,
    sitePolicy: null,
    findings: { count: 0, worst: null },
    ...change,
  };
}

export function makeUser(change: Partial<User> = {}): User {
  const channelId = change.channelId ?? 'n_QVIUyPr';
  return {
    responsePath: `${BOT_ID}/c/${channelId}`,
    botId: BOT_ID,
    channelId,
    kind: 'anonymous',
    channel: 'web',
    metadata: {},
    attributes: {},
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_060_000,
    connections: 1,
    online: 1,
    linkedTo: null,
    status: 'active',
    name: null,
    ...change,
  };
}

export function makeLogEntry(seq: number, change: Partial<LogEntry> = {}): LogEntry {
  return {
    seq,
    at: 1_700_000_000_000 + seq * 1000,
    botId: BOT_ID,
    responsePath: `${BOT_ID}/c/n_user${seq % 10}`,
    kind: 'message_in',
    status: 'success',
    summary: `Message ${seq}`,
    detail: { seq },
    ...change,
  };
}

export function makeMessage(change: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    seq: 1,
    responsePath: `${BOT_ID}/c/n_QVIUyPr`,
    direction: 'in',
    source: 'widget',
    text: 'Hello',
    createdAt: 1_700_000_000_000,
    deliveredAt: 1_700_000_000_000,
    ...change,
  };
}

export function makeWebhookEntry(change: Partial<WebhookHistoryEntry> = {}): WebhookHistoryEntry {
  const responsePath = `${BOT_ID}/c/User123`;
  return {
    id: 'w1',
    at: 1_700_000_000_000,
    request: { botId: BOT_ID, responsePath, body: '{"response_path": "{{responsePath}}", "text": "Hi"}', headers: {} },
    sentBody: `{"response_path": "${responsePath}", "text": "Hi"}`,
    sentHeaders: {},
    trace: {
      status: 200,
      answer: { status: 'delivered', responsePath, messageId: 'm9', delivered: 1 },
      profiles: [{ id: 'p4', label: 'External ID' }],
      outcome: 'delivered',
      reason: null,
    },
    durationMs: 12.5,
    ...change,
  };
}

export function makeFlow(change: Partial<Flow> = {}): Flow {
  return {
    id: 'f1',
    botId: BOT_ID,
    name: 'Identity echo',
    enabled: true,
    trigger: { type: 'message', match: { type: 'any' } },
    actions: [{ type: 'send', text: 'You said {{trigger.text}}' }],
    webhookUrl: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...change,
  };
}

export function makeBin(change: Partial<Bin> = {}): Bin {
  const id = change.id ?? 'bin1';
  return {
    id,
    name: 'My back end',
    url: `http://127.0.0.1:4010/bin/${id}`,
    response: { status: 200, body: '{"ok":true}', contentType: 'application/json', delayMs: 0, rules: [] },
    createdAt: 1_700_000_000_000,
    requests: 0,
    ...change,
  };
}

export function makeBinRequest(seq: number, change: Partial<BinRequest> = {}): BinRequest {
  const binId = change.binId ?? 'bin1';
  return {
    seq,
    binId,
    at: 1_700_000_000_000 + seq * 1000,
    method: 'GET',
    path: `/bin/${binId}`,
    query: {},
    headers: { host: '127.0.0.1:4010', 'user-agent': 'node' },
    body: '',
    ...change,
  };
}

/** Ada: a phone and a laptop (linked to profiles p1 and p2), all three channels. */
export function makePerson(change: Partial<Person> = {}): Person {
  return {
    id: 'ada',
    name: 'Ada',
    telegramUserId: '123456789',
    messengerAccountId: '900000000001',
    channels: ['web', 'telegram', 'messenger'],
    devices: [
      { id: 'phone', name: 'Phone', profileId: 'p1' },
      { id: 'laptop', name: 'Laptop', profileId: 'p2' },
    ],
    createdAt: 1,
    ...change,
  };
}

import type { ProfileSnapshot, TimelineEntry, WebhookHistoryEntry } from '../../main/api/contract.ts';
import type { Bot, LogEntry, Message, User } from '../../main/platform/model.ts';

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
    settings: { theme: '#1f6feb', greeting: 'Hi there!' },
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
    channelId,
    responsePath: channelId === null ? null : `${BOT_ID}/c/${channelId}`,
    url: `http://127.0.0.1:4010/site/${BOT_ID}`,
    timeline: [entry('opened', channelId)],
    error: null,
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
    metadata: {},
    attributes: {},
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_060_000,
    connections: 1,
    online: 1,
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

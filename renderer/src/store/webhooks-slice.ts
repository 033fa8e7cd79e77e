import type { SignatureHeaders, WebhookBodyMode, WebhookHistoryEntry, WebhookMethod, WebhookRequest } from '../../../main/api/contract.ts';
import type { Bot } from '../../../main/platform/model.ts';
import { DEFAULT_WEBHOOK_BODY, headersFromRows } from '../lib/webhook-body.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

export interface HeaderRow {
  id: number;
  key: string;
  value: string;
}

/** The saved request a draft was opened from: Save replaces it. */
export interface SavedRef {
  id: string;
  collectionId: string;
  name: string;
}

export interface WebhookDraft {
  /** Empty: the bot selected in the sidebar. */
  botId: string;
  responsePath: string;
  body: string;
  headers: HeaderRow[];
  /** Sign with the bot's webhook secret (Standard Webhooks); null: as the target bot verifies (on when it does). */
  sign: boolean | null;
  /** Which header names carry the signature. */
  signHeaders: SignatureHeaders;
  method: WebhookMethod;
  /** Empty: the target bot's webhook URL. */
  url: string;
  bodyMode: WebhookBodyMode;
  /** The fields of a form body. */
  form: HeaderRow[];
  saved: SavedRef | null;
}

/** Whether a draft is signed: as ticked, or else on exactly when its bot verifies signatures. */
export function draftSigns(draft: WebhookDraft, bot: Bot | undefined): boolean {
  return draft.sign ?? bot?.settings.verifyWebhooks ?? false;
}

/** The request a draft sends: only what differs from the defaults is spelled out. */
export function requestFromDraft(draft: WebhookDraft, botId: string, sign: boolean, environmentId: string | null): WebhookRequest {
  const form = draft.form.filter((f) => f.key.trim() !== '').map((f) => ({ key: f.key.trim(), value: f.value }));
  return {
    botId,
    responsePath: draft.responsePath.trim(),
    body: draft.body,
    headers: headersFromRows(draft.headers),
    ...(draft.method !== 'POST' ? { method: draft.method } : {}),
    ...(draft.url.trim() ? { url: draft.url.trim() } : {}),
    ...(draft.bodyMode !== 'json' ? { bodyMode: draft.bodyMode } : {}),
    ...(draft.bodyMode === 'form' ? { form } : {}),
    ...(sign ? { sign: true } : {}),
    ...(sign && draft.signHeaders === 'svix' ? { signHeaders: 'svix' as const } : {}),
    ...(environmentId ? { environmentId } : {}),
  };
}

/** A draft showing a request (a saved one, a history entry, a pasted cURL). */
export function draftFromRequest(request: WebhookRequest, saved: SavedRef | null = null): WebhookDraft {
  return {
    botId: request.botId,
    responsePath: request.responsePath,
    body: request.body,
    headers: [...Object.entries(request.headers).map(([key, value]) => headerRow(key, value)), headerRow()],
    // A replay signs again, with a new webhook-id: the same id twice would be refused as a replay.
    sign: request.sign ?? false,
    signHeaders: request.signHeaders ?? 'webhook',
    method: request.method ?? 'POST',
    url: request.url ?? '',
    bodyMode: request.bodyMode ?? 'json',
    form: [...(request.form ?? []).map((f) => headerRow(f.key, f.value)), headerRow()],
    saved,
  };
}

export interface WebhooksSlice {
  webhookDraft: WebhookDraft;
  /** Newest first. */
  webhookHistory: WebhookHistoryEntry[];
  /** What the last send from the composer returned. */
  webhookResult: WebhookHistoryEntry | null;
  webhookSending: boolean;
  /** The environment whose variables fill the next send (null: none). */
  selectedEnvironmentId: string | null;
  setWebhookDraft(change: Partial<WebhookDraft>): void;
  addHeaderRow(): void;
  addFormRow(): void;
  selectEnvironment(id: string | null): void;
  loadWebhookHistory(): Promise<void>;
  /** The request the composer would send now, or null when there is no bot to send to. */
  composedRequest(): WebhookRequest | null;
  sendWebhook(): Promise<WebhookHistoryEntry | null>;
  /** Loads a sent webhook into the composer. */
  loadWebhookIntoComposer(entry: WebhookHistoryEntry): void;
  replayWebhook(entry: WebhookHistoryEntry): Promise<WebhookHistoryEntry | null>;
  applyWebhookEntry(entry: WebhookHistoryEntry): void;
}

let nextHeaderId = 1;
export const headerRow = (key = '', value = ''): HeaderRow => ({ id: nextHeaderId++, key, value });

export const emptyDraft = (): WebhookDraft => ({
  botId: '',
  responsePath: '',
  body: DEFAULT_WEBHOOK_BODY,
  headers: [headerRow()],
  sign: null,
  signHeaders: 'webhook',
  method: 'POST',
  url: '',
  bodyMode: 'json',
  form: [headerRow('response_path', '{{responsePath}}'), headerRow('text', 'Hello from a form'), headerRow()],
  saved: null,
});

export const createWebhooksSlice: SliceCreator<WebhooksSlice> = (set, get) => ({
  webhookDraft: emptyDraft(),
  webhookHistory: [],
  webhookResult: null,
  webhookSending: false,
  selectedEnvironmentId: null,
  setWebhookDraft: (change) => set((state) => ({ webhookDraft: { ...state.webhookDraft, ...change } })),
  addHeaderRow: () => set((state) => ({ webhookDraft: { ...state.webhookDraft, headers: [...state.webhookDraft.headers, headerRow()] } })),
  addFormRow: () => set((state) => ({ webhookDraft: { ...state.webhookDraft, form: [...state.webhookDraft.form, headerRow()] } })),
  selectEnvironment: (id) => set({ selectedEnvironmentId: id }),
  loadWebhookHistory: () =>
    attempt(
      get,
      'Could not load the webhook history',
      async () => {
        const history = await get().client.call('webhooks.history');
        set({ webhookHistory: [...history].sort((a, b) => b.at - a.at) });
      },
      undefined,
    ),
  composedRequest: () => {
    const { webhookDraft: draft, selectedBotId, selectedEnvironmentId } = get();
    const botId = draft.botId || selectedBotId;
    if (!botId) {
      get().notify({ tone: 'error', title: 'No bot to send to', message: 'Create or pick a bot first (Bots screen).', code: null });
      return null;
    }
    const bot = get().bots.find((b) => b.botId === botId);
    return requestFromDraft(draft, botId, draftSigns(draft, bot), selectedEnvironmentId);
  },
  sendWebhook: async () => {
    if (get().webhookSending) return null;
    const request = get().composedRequest();
    if (!request) return null;
    set({ webhookSending: true });
    const sent = await attempt(
      get,
      'The webhook was not sent',
      async () => {
        const entry = await get().client.call('webhooks.send', request);
        get().applyWebhookEntry(entry);
        set({ webhookResult: entry });
        return entry;
      },
      null,
    );
    set({ webhookSending: false });
    return sent;
  },
  loadWebhookIntoComposer: (entry) => set({ webhookDraft: draftFromRequest(entry.request) }),
  replayWebhook: (entry) => {
    get().loadWebhookIntoComposer(entry);
    return get().sendWebhook();
  },
  applyWebhookEntry: (entry) =>
    set((state) => (state.webhookHistory.some((e) => e.id === entry.id) ? {} : { webhookHistory: [entry, ...state.webhookHistory] })),
});

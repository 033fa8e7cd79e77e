import type { WebhookHistoryEntry, WebhookRequest } from '../../../main/api/contract.ts';
import type { Bot } from '../../../main/platform/model.ts';
import { DEFAULT_WEBHOOK_BODY, headersFromRows } from '../lib/webhook-body.ts';
import type { SliceCreator } from './types.ts';

export interface HeaderRow {
  id: number;
  key: string;
  value: string;
}

export interface WebhookDraft {
  /** Empty: the bot selected in the sidebar. */
  botId: string;
  responsePath: string;
  body: string;
  headers: HeaderRow[];
  /** Sign with the bot's webhook secret (Standard Webhooks); null: as the target bot verifies (on when it does). */
  sign: boolean | null;
}

/** Whether a draft is signed: as ticked, or else on exactly when its bot verifies signatures. */
export function draftSigns(draft: WebhookDraft, bot: Bot | undefined): boolean {
  return draft.sign ?? bot?.settings.verifyWebhooks ?? false;
}

export interface WebhooksSlice {
  webhookDraft: WebhookDraft;
  /** Newest first. */
  webhookHistory: WebhookHistoryEntry[];
  /** What the last send from the composer returned. */
  webhookResult: WebhookHistoryEntry | null;
  webhookSending: boolean;
  setWebhookDraft(change: Partial<WebhookDraft>): void;
  addHeaderRow(): void;
  loadWebhookHistory(): Promise<void>;
  sendWebhook(): Promise<WebhookHistoryEntry | null>;
  /** Loads a sent webhook into the composer. */
  loadWebhookIntoComposer(entry: WebhookHistoryEntry): void;
  replayWebhook(entry: WebhookHistoryEntry): Promise<WebhookHistoryEntry | null>;
  applyWebhookEntry(entry: WebhookHistoryEntry): void;
}

let nextHeaderId = 1;
export const headerRow = (key = '', value = ''): HeaderRow => ({ id: nextHeaderId++, key, value });

export const createWebhooksSlice: SliceCreator<WebhooksSlice> = (set, get) => ({
  webhookDraft: { botId: '', responsePath: '', body: DEFAULT_WEBHOOK_BODY, headers: [headerRow()], sign: null },
  webhookHistory: [],
  webhookResult: null,
  webhookSending: false,
  setWebhookDraft: (change) => set((state) => ({ webhookDraft: { ...state.webhookDraft, ...change } })),
  addHeaderRow: () => set((state) => ({ webhookDraft: { ...state.webhookDraft, headers: [...state.webhookDraft.headers, headerRow()] } })),
  loadWebhookHistory: async () => {
    try {
      const history = await get().client.call('webhooks.history');
      set({ webhookHistory: [...history].sort((a, b) => b.at - a.at) });
    } catch (error) {
      get().reportError(error, 'Could not load the webhook history');
    }
  },
  sendWebhook: async () => {
    const { webhookDraft: draft, selectedBotId, webhookSending } = get();
    if (webhookSending) return null;
    const botId = draft.botId || selectedBotId;
    if (!botId) {
      get().notify({ tone: 'error', title: 'No bot to send to', message: 'Create or pick a bot first (Bots screen).', code: null });
      return null;
    }
    const bot = get().bots.find((b) => b.botId === botId);
    const sign = draftSigns(draft, bot);
    const request: WebhookRequest = {
      botId,
      responsePath: draft.responsePath.trim(),
      body: draft.body,
      headers: headersFromRows(draft.headers),
      ...(sign ? { sign: true } : {}),
    };
    set({ webhookSending: true });
    try {
      const entry = await get().client.call('webhooks.send', request);
      get().applyWebhookEntry(entry);
      set({ webhookResult: entry });
      return entry;
    } catch (error) {
      get().reportError(error, 'The webhook was not sent');
      return null;
    } finally {
      set({ webhookSending: false });
    }
  },
  loadWebhookIntoComposer: (entry) =>
    set({
      webhookDraft: {
        botId: entry.request.botId,
        responsePath: entry.request.responsePath,
        body: entry.request.body,
        headers: [...Object.entries(entry.request.headers).map(([key, value]) => headerRow(key, value)), headerRow()],
        // A replay signs again, with a new webhook-id: the same id twice would be refused as a replay.
        sign: entry.request.sign ?? false,
      },
    }),
  replayWebhook: (entry) => {
    get().loadWebhookIntoComposer(entry);
    return get().sendWebhook();
  },
  applyWebhookEntry: (entry) =>
    set((state) => (state.webhookHistory.some((e) => e.id === entry.id) ? {} : { webhookHistory: [entry, ...state.webhookHistory] })),
});

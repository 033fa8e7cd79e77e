import type { Bot, BotContents, BotSettings } from '../../../main/platform/model.ts';
import { safeStorage } from './local-storage.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

const SELECTED_KEY = 'botbench.selectedBot';

export interface BotsSlice {
  bots: Bot[];
  selectedBotId: string | null;
  loadBots(): Promise<void>;
  selectBot(botId: string | null): void;
  /** Creates a bot (with `embedCode`, one keeping a production Bot ID) and selects it. */
  createBot(input: { name: string; embedCode?: string | undefined }): Promise<Bot | null>;
  updateBot(botId: string, change: { name?: string; settings?: Partial<BotSettings> }): Promise<Bot | null>;
  /** What a site's server would send as userHash for this external user ID (HMAC-SHA256 with the bot's identity secret, hex). */
  identityHash(botId: string, externalUserId: string): Promise<string | null>;
  applyBot(bot: Bot): void;
  /** What deleting the bot would remove (for the confirmation); null if it could not be read. */
  botContents(botId: string): Promise<BotContents | null>;
  /** Deletes the bot with its users, transcripts, flows and log entries. */
  deleteBot(botId: string): Promise<boolean>;
  /** A bot was deleted (here or elsewhere): it leaves the list, and so do its users and log entries. */
  applyBotDeleted(botId: string): void;
}

export const createBotsSlice: SliceCreator<BotsSlice> = (set, get) => ({
  bots: [],
  selectedBotId: safeStorage.get(SELECTED_KEY),
  loadBots: () =>
    attempt(
      get,
      'Could not load the bots',
      async () => {
        const bots = await get().client.call('bots.list');
        const selected = get().selectedBotId;
        set({ bots, selectedBotId: bots.some((b) => b.botId === selected) ? selected : (bots[0]?.botId ?? null) });
      },
      undefined,
    ),
  selectBot: (selectedBotId) => {
    if (selectedBotId !== null) safeStorage.set(SELECTED_KEY, selectedBotId);
    set({ selectedBotId });
    // The sidebar counts the selected bot's flows: fetch them the first time it is picked.
    if (selectedBotId !== null && get().flowsByBot[selectedBotId] === undefined) void get().loadFlows(selectedBotId);
  },
  createBot: ({ name, embedCode }) =>
    attempt(
      get,
      embedCode ? 'Could not import the bot' : 'Could not create the bot',
      async () => {
        const bot = await get().client.call('bots.create', embedCode ? { name, embedCode } : { name });
        get().applyBot(bot);
        get().selectBot(bot.botId);
        get().notify({ tone: 'success', title: 'Bot created', message: `${bot.name} · ${bot.botId}`, code: null });
        return bot;
      },
      null,
    ),
  updateBot: (botId, change) =>
    attempt(
      get,
      'Could not save the bot',
      async () => {
        const bot = await get().client.call('bots.update', { botId, ...change });
        get().applyBot(bot);
        return bot;
      },
      null,
    ),
  identityHash: (botId, externalUserId) =>
    attempt(
      get,
      'Could not compute the userHash',
      async () => (await get().client.call('bots.identityHash', { botId, externalUserId })).userHash,
      null,
    ),
  botContents: (botId) => attempt(get, 'Could not count what the bot holds', () => get().client.call('bots.contents', { botId }), null),
  deleteBot: (botId) => {
    const name = get().bots.find((b) => b.botId === botId)?.name ?? botId;
    return attempt(
      get,
      'Could not delete the bot',
      async () => {
        const removed = await get().client.call('bots.delete', { botId });
        get().applyBotDeleted(botId);
        get().notify({
          tone: 'success',
          title: 'Bot deleted',
          message: `${name}: ${removed.users} users, ${removed.messages} messages, ${removed.flows} flows and ${removed.logEntries} log entries removed`,
          code: null,
        });
        return true;
      },
      false,
    );
  },
  applyBotDeleted: (botId) => {
    set((state) => {
      const bots = state.bots.filter((b) => b.botId !== botId);
      return { bots, selectedBotId: state.selectedBotId === botId ? (bots[0]?.botId ?? null) : state.selectedBotId };
    });
    // Its users and log entries are gone from the platform: read both lists again.
    void get().loadUsers();
    void get().loadLog();
  },
  applyBot: (bot) =>
    set((state) => {
      const index = state.bots.findIndex((b) => b.botId === bot.botId);
      const bots = index < 0 ? [...state.bots, bot] : state.bots.with(index, bot);
      return { bots, selectedBotId: state.selectedBotId ?? bot.botId };
    }),
});

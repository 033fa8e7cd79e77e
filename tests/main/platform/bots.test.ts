import { describe, expect, it } from 'vitest';
import { BotStore } from '../../../main/platform/bots.ts';
import { openDatabase } from '../../../main/platform/storage/database.ts';
import { transaction } from '../../../main/platform/storage/database.ts';

describe('BotStore', () => {
  it('shows a renamed bot and changed settings at once, though it remembers bots it has read', () => {
    const store = new BotStore(openDatabase(null), () => 'http://127.0.0.1:1');
    const bot = store.create({ name: 'Shop' });
    expect(store.get(bot.botId)).toBe(store.get(bot.botId));
    store.update(bot.botId, { name: 'Shop 2', settings: { verifyIdentity: true } });
    expect(store.get(bot.botId)).toMatchObject({ name: 'Shop 2', settings: { verifyIdentity: true } });
  });

  it('builds URLs from the base URL as it is now', () => {
    let base = 'http://127.0.0.1:1';
    const store = new BotStore(openDatabase(null), () => base);
    const bot = store.create({ name: 'Shop' });
    expect(store.get(bot.botId)!.webhookUrl.startsWith('http://127.0.0.1:1/')).toBe(true);
    base = 'http://127.0.0.1:2';
    expect(store.get(bot.botId)!.webhookUrl.startsWith('http://127.0.0.1:2/')).toBe(true);
    expect(store.get(bot.botId)!.channels.telegram.url).toBe(`http://127.0.0.1:2/channels/telegram/${bot.botId}`);
  });

  it('forgets a bot whose creation was rolled back', () => {
    const db = openDatabase(null);
    const store = new BotStore(db, () => 'http://127.0.0.1:1');
    let botId = '';
    expect(() =>
      transaction(db, () => {
        botId = store.create({ name: 'Doomed' }).botId;
        throw new Error('a later step failed');
      }),
    ).toThrow('a later step failed');
    expect(store.get(botId)).toBeUndefined();
  });
});

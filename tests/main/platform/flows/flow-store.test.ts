import { describe, expect, it } from 'vitest';
import { BotStore } from '../../../../main/platform/bots.ts';
import { DELIVER_WEBHOOK } from '../../../../main/platform/flows/default-flows.ts';
import { FlowStore } from '../../../../main/platform/flows/flow-store.ts';
import { openDatabase } from '../../../../main/platform/storage/database.ts';

function setup() {
  const db = openDatabase(null);
  const bot = new BotStore(db, () => 'http://127.0.0.1:1').create({ name: 'Shop' });
  return { flows: new FlowStore(db, () => 'http://127.0.0.1:1'), bot };
}

describe('FlowStore.byHookId()', () => {
  it('sees an edited, a disabled and a deleted webhook flow at once', () => {
    const { flows, bot } = setup();
    const flow = flows.create(bot.botId, DELIVER_WEBHOOK, 'hook-1');
    expect(flows.byHookId('hook-1')).toMatchObject({ id: flow.id, name: DELIVER_WEBHOOK.name, enabled: true });
    flows.update(flow.id, { ...DELIVER_WEBHOOK, name: 'Renamed', enabled: false });
    expect(flows.byHookId('hook-1')).toMatchObject({ name: 'Renamed', enabled: false });
    flows.delete(flow.id);
    expect(flows.byHookId('hook-1')).toBeUndefined();
  });

  it('follows an import that replaces the bot’s flows, and keeps nothing of one that failed', () => {
    const { flows, bot } = setup();
    flows.create(bot.botId, DELIVER_WEBHOOK, 'hook-1');
    expect(flows.byHookId('hook-1')).toBeDefined();
    expect(() => flows.replaceAll(bot.botId, [{ name: 'bad' }], 'hook-1')).toThrow();
    expect(flows.byHookId('hook-1')?.name).toBe(DELIVER_WEBHOOK.name);
    flows.replaceAll(bot.botId, [{ ...DELIVER_WEBHOOK, name: 'Imported' }], 'hook-1');
    expect(flows.byHookId('hook-1')?.name).toBe('Imported');
  });
});

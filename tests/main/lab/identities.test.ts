import { describe, expect, it } from 'vitest';
import { personIdentities } from '../../../main/lab/identities.ts';
import { psidFor } from '../../../main/lab/providers.ts';
import type { Bot } from '../../../main/platform/model.ts';
import { makePerson, makeProfile } from '../../renderer/fixtures.ts';

const bot = (botId: string, pageId: string) => ({ botId, channels: { messenger: { pageId } } }) as unknown as Bot;
const shop = bot('a'.repeat(24), '111111111111111');
const support = bot('b'.repeat(24), '222222222222222');
/** Ada: a phone (profile p1) and a laptop (p2), all three channels. */
const ada = makePerson();

describe('personIdentities()', () => {
  const profiles = [
    makeProfile({ id: 'p1', botId: shop.botId, channelId: 'n_phone', responsePath: `${shop.botId}/c/n_phone` }),
    makeProfile({ id: 'p2', botId: shop.botId, channelId: 'n_laptop', responsePath: `${shop.botId}/c/n_laptop` }),
  ];
  const cells = personIdentities([ada], [shop, support], profiles);
  const ids = (channel: string, botId: string) => cells.filter((c) => c.channel === channel && c.botId === botId).map((c) => c.channelId);

  it('gives the Telegram-like user id on every device and for every bot', () => {
    expect([...ids('telegram', shop.botId), ...ids('telegram', support.botId)]).toEqual(Array(4).fill('123456789'));
  });

  it('gives one page-scoped ID per page, the same from every device', () => {
    expect(ids('messenger', shop.botId)).toEqual(Array(2).fill(psidFor(shop.channels.messenger.pageId, '900000000001')));
    expect(ids('messenger', support.botId)[0]).not.toBe(ids('messenger', shop.botId)[0]);
  });

  it('takes the web ID from each device’s browser profile on that bot, and none elsewhere', () => {
    expect(ids('web', shop.botId)).toEqual(['n_phone', 'n_laptop']);
    expect(ids('web', support.botId)).toEqual([null, null]);
    expect(cells.find((c) => c.channel === 'web' && c.botId === shop.botId)).toMatchObject({
      source: 'profile',
      responsePath: `${shop.botId}/c/n_phone`,
    });
  });

  it('shows no web ID for a closed or refused profile, and nothing for channels the person does not use', () => {
    const gone = [makeProfile({ id: 'p1', botId: shop.botId, status: 'closed' }), makeProfile({ id: 'p2', botId: shop.botId, status: 'error' })];
    const webOnly = personIdentities([{ ...ada, channels: ['web'] }], [shop], gone);
    expect(webOnly.map((c) => [c.channel, c.source, c.channelId])).toEqual([
      ['web', 'none', null],
      ['web', 'none', null],
    ]);
  });
});

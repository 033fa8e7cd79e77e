import { describe, expect, it } from 'vitest';
import { newMessengerAccountId, newTelegramUserId, psidFor } from '../../../main/lab/providers.ts';

describe('psidFor()', () => {
  it('gives one account the same page-scoped ID every time, and a different one on every page', () => {
    const account = newMessengerAccountId();
    expect(psidFor('101010101010101', account)).toBe(psidFor('101010101010101', account));
    const pages = ['101010101010101', '202020202020202', '303030303030303'].map((page) => psidFor(page, account));
    expect(new Set(pages).size).toBe(3);
    for (const psid of pages) expect(psid).toMatch(/^[1-9][0-9]{15}$/);
  });

  it('gives two people on one page two IDs', () => {
    expect(psidFor('101010101010101', '111111111111')).not.toBe(psidFor('101010101010101', '222222222222'));
  });
});

describe('newTelegramUserId()', () => {
  it('makes positive integer ids as Telegram has them', () => {
    for (let i = 0; i < 50; i++) expect(Number.isSafeInteger(Number(newTelegramUserId()))).toBe(true);
  });
});

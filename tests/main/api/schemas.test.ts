import { describe, expect, it } from 'vitest';
import { methodSchemas } from '../../../main/api/schemas.ts';

describe('methodSchemas', () => {
  describe("'profiles.restart'", () => {
    const restart = methodSchemas['profiles.restart'];

    it('accepts a typed ID of the anonymous form the platform issues', () => {
      expect(restart.safeParse({ id: 'p1', identity: { mode: 'typed', channelId: 'n_Chosen4' } }).success).toBe(true);
    });

    it.each([['User123'], ['777002'], ['n_short'], ['n_toolong12']])('refuses the typed ID %s and says which form it must have', (channelId) => {
      const parsed = restart.safeParse({ id: 'p1', identity: { mode: 'typed', channelId } });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/^a typed ID must be an anonymous Channel ID: "n_" and 7 letters/);
    });
  });
});

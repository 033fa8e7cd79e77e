import type { FindingContext } from '../findings/types.ts';
import type { Platform } from '../platform/platform.ts';

/** What the platform knows for the findings: whether a bot verifies identities, where a login linked an anonymous conversation. */
export function platformFindingContext(platform: Pick<Platform, 'bots' | 'users'>): FindingContext {
  return {
    verifiesIdentities: (botId) => platform.bots.get(botId)?.settings.verifyIdentity,
    linkedTo: (responsePath) => {
      const user = platform.users.get(responsePath);
      return user === undefined ? undefined : user.linkedTo;
    },
  };
}

import type { OpenProfileInput, ProfileKind } from '../api/contract.ts';
import type { StorageMode } from './profile-host.ts';

export interface KindInfo {
  name: string;
  storage: StorageMode;
  /** What a tester should expect of this kind's Channel ID. */
  expectation: string;
}

/** The profile kinds of the seed's story, and how each keeps its storage. */
export const PROFILE_KINDS: Record<ProfileKind, KindInfo> = {
  persistent: { name: 'Same browser', storage: 'persistent', expectation: 'Keeps its Channel ID over reloads and restarts.' },
  incognito: { name: 'Incognito', storage: 'ephemeral', expectation: 'A new Channel ID in every new window.' },
  'other-device': { name: 'Other device', storage: 'persistent', expectation: 'Its own Channel ID, different from the same browser’s.' },
  'external-id': { name: 'External ID', storage: 'persistent', expectation: 'The site’s user ID: the same response path everywhere.' },
  metadata: { name: 'Metadata', storage: 'persistent', expectation: 'Anonymous, with metadata passed to every flow.' },
  impersonator: {
    name: 'Impersonator',
    storage: 'ephemeral',
    expectation: 'Sets another user’s external ID without a valid hash: lands in their conversation, unless the bot verifies identities.',
  },
  'storage-blocked': { name: 'Storage blocked', storage: 'blocked', expectation: 'Can keep nothing: a new Channel ID on every load.' },
  login: { name: 'Login / logout', storage: 'persistent', expectation: 'Starts anonymous; logging in moves it to {botId}/c/<id>, logging out back.' },
};

/** Where the widget keeps an anonymous visitor's Channel ID (renderer/widget/messenger.ts writes it). */
export function channelStorageKey(botId: string): string {
  return `fxo-messenger:${botId}:channelId`;
}

export const DEFAULT_EXTERNAL_USER_ID = 'User123';
export const DEFAULT_METADATA = { myUserId: '123' };

/** Fills in the kind's defaults: an external-id profile needs an ID, a metadata profile its metadata. */
export function withKindDefaults(input: OpenProfileInput): OpenProfileInput {
  if (input.kind === 'external-id' || input.kind === 'impersonator' || input.kind === 'login') {
    return { ...input, externalUserId: input.externalUserId ?? DEFAULT_EXTERNAL_USER_ID };
  }
  if (input.kind === 'metadata') return { ...input, metadata: input.metadata ?? DEFAULT_METADATA };
  return input;
}

/**
 * The customer-site page a profile shows: the platform's demo site with the kind's setConfig
 * (legacy embed.js) or onFlowXOInit member (current loader.js).
 * A real site signs its users (`signed=1`: the page gets a valid userHash); an impersonator's
 * page sets the ID without one; a login page starts anonymous and offers to log in.
 */
export function siteUrl(platformUrl: string, input: OpenProfileInput): string {
  const url = new URL(`/site/${input.botId}`, platformUrl);
  if (input.kind === 'login') {
    if (input.externalUserId !== undefined) url.searchParams.set('loginAs', input.externalUserId);
    url.searchParams.set('signed', '1');
  } else if (input.externalUserId !== undefined) {
    url.searchParams.set('externalUserId', input.externalUserId);
    if (input.kind !== 'impersonator') url.searchParams.set('signed', '1');
  }
  if (input.metadata !== undefined) url.searchParams.set('metadata', JSON.stringify(input.metadata));
  // The current script generation (loader.js, FlowXO); the page embeds legacy embed.js otherwise.
  if (input.script === 'loader') url.searchParams.set('script', 'loader');
  return url.toString();
}

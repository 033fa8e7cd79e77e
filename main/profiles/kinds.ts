import type { OpenProfileInput, ProfileKind } from '../api/contract.ts';

export interface KindInfo {
  name: string;
  storage: 'persistent' | 'ephemeral';
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
};

export const DEFAULT_EXTERNAL_USER_ID = 'User123';
export const DEFAULT_METADATA = { myUserId: '123' };

/** Fills in the kind's defaults: an external-id profile needs an ID, a metadata profile its metadata. */
export function withKindDefaults(input: OpenProfileInput): OpenProfileInput {
  if (input.kind === 'external-id') return { ...input, externalUserId: input.externalUserId ?? DEFAULT_EXTERNAL_USER_ID };
  if (input.kind === 'metadata') return { ...input, metadata: input.metadata ?? DEFAULT_METADATA };
  return input;
}

/** The customer-site page a profile shows: the platform's demo site with the kind's setConfig. */
export function siteUrl(platformUrl: string, input: OpenProfileInput): string {
  const url = new URL(`/site/${input.botId}`, platformUrl);
  if (input.externalUserId !== undefined) url.searchParams.set('externalUserId', input.externalUserId);
  if (input.metadata !== undefined) url.searchParams.set('metadata', JSON.stringify(input.metadata));
  return url.toString();
}

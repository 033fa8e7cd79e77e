import type { ProfileKind } from '../../../main/api/contract.ts';

/** What the UI says about each profile kind (names match main/profiles/kinds.ts). */
export interface KindInfo {
  name: string;
  /** One line on what the tester should expect of its Channel ID. */
  expectation: string;
}

/** The seed article's kinds, first on the toolbar. */
export const PROFILE_KIND_ORDER: readonly ProfileKind[] = ['persistent', 'incognito', 'other-device', 'external-id', 'metadata'];

/** The identity lab's kinds: what an attacker, a locked-down browser and a logging-in site do. */
export const IDENTITY_LAB_KINDS: readonly ProfileKind[] = ['impersonator', 'storage-blocked', 'login'];

/** The kinds whose "open" asks for something first (an external user ID, or metadata). */
export type PromptedKind = Extract<ProfileKind, 'external-id' | 'metadata' | 'impersonator' | 'login'>;

export function isPromptedKind(kind: ProfileKind): kind is PromptedKind {
  return kind === 'external-id' || kind === 'metadata' || kind === 'impersonator' || kind === 'login';
}

export const KIND_INFO: Record<ProfileKind, KindInfo> = {
  persistent: { name: 'Same browser', expectation: 'Keeps its Channel ID over reloads and restarts.' },
  incognito: { name: 'Incognito', expectation: 'A new Channel ID in every new window.' },
  'other-device': { name: 'Other device', expectation: 'Its own Channel ID, different from the same browser’s.' },
  'external-id': { name: 'External ID', expectation: 'The site’s user ID: the same response path everywhere.' },
  metadata: { name: 'Metadata', expectation: 'Anonymous, with metadata passed to every flow.' },
  impersonator: {
    name: 'Impersonator',
    expectation: 'Sets another user’s external ID without a valid hash: lands in their conversation, unless the bot verifies identities.',
  },
  'storage-blocked': { name: 'Storage blocked', expectation: 'Can keep nothing: a new Channel ID on every load.' },
  login: { name: 'Login / logout', expectation: 'Starts anonymous; logging in moves it to {botId}/c/<id>, logging out back.' },
};

export const DEFAULT_EXTERNAL_USER_ID = 'User123';
export const DEFAULT_METADATA_JSON = '{"myUserId":"123"}';

/** The seed article's whole story, opened in this order by "Seed story". */
export const SEED_STORY: ReadonlyArray<{ kind: ProfileKind; externalUserId?: string; metadata?: Record<string, unknown> }> = [
  { kind: 'persistent' },
  { kind: 'incognito' },
  { kind: 'other-device' },
  { kind: 'external-id', externalUserId: DEFAULT_EXTERNAL_USER_ID },
  { kind: 'external-id', externalUserId: DEFAULT_EXTERNAL_USER_ID },
  { kind: 'metadata', metadata: { myUserId: '123' } },
];

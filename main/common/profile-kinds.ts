/**
 * The kinds of simulated browser (a Profile): the one list, from which the ProfileKind type, the
 * API's and the scenario format's zod enums and the workbench UI's table all derive. A new kind
 * added here is known everywhere at once (and the table below must then describe it).
 */
export const PROFILE_KINDS = [
  'persistent',
  'incognito',
  'other-device',
  'external-id',
  'metadata',
  /** Sets another user's external ID without a valid userHash: what an attacker can do. */
  'impersonator',
  /** Its browser refuses the page any storage (third-party storage blocked, Safari-like limits). */
  'storage-blocked',
  /** A page that starts anonymous and logs the visitor in later (FxoMessenger.identify). */
  'login',
] as const;

export type ProfileKind = (typeof PROFILE_KINDS)[number];

/** How a profile's browser keeps its storage: across restarts, for one window, or not at all. */
export type StorageMode = 'persistent' | 'ephemeral' | 'blocked';

export interface KindInfo {
  /** Shown on the pane and the toolbar. */
  name: string;
  storage: StorageMode;
  /** What a tester should expect of this kind's Channel ID. */
  expectation: string;
}

/** What each kind is called, how it keeps its storage, and what its Channel ID should do. */
export const KIND_INFO: Record<ProfileKind, KindInfo> = {
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

/** What an external-id, impersonator or login profile uses when the tester gives no ID. */
export const DEFAULT_EXTERNAL_USER_ID = 'User123';
/** What a metadata profile passes when the tester gives none. */
export const DEFAULT_METADATA: Readonly<Record<string, unknown>> = { myUserId: '123' };

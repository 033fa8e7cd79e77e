import { DEFAULT_EXTERNAL_USER_ID, DEFAULT_METADATA, PROFILE_KINDS, type ProfileKind } from '../../../main/common/profile-kinds.ts';

// What the UI says about each kind is the one table in main/common/profile-kinds.ts.
export { DEFAULT_EXTERNAL_USER_ID, KIND_INFO, type KindInfo } from '../../../main/common/profile-kinds.ts';

/** The identity lab's kinds: what an attacker, a locked-down browser and a logging-in site do. */
export const IDENTITY_LAB_KINDS: readonly ProfileKind[] = ['impersonator', 'storage-blocked', 'login'];

/** The seed article's kinds, first on the toolbar: every other kind. */
export const PROFILE_KIND_ORDER: readonly ProfileKind[] = PROFILE_KINDS.filter((kind) => !IDENTITY_LAB_KINDS.includes(kind));

/** The kinds whose "open" asks for something first (an external user ID, or metadata). */
export type PromptedKind = Extract<ProfileKind, 'external-id' | 'metadata' | 'impersonator' | 'login'>;

export function isPromptedKind(kind: ProfileKind): kind is PromptedKind {
  return kind === 'external-id' || kind === 'metadata' || kind === 'impersonator' || kind === 'login';
}

export const DEFAULT_METADATA_JSON = JSON.stringify(DEFAULT_METADATA);

/** The seed article's whole story, opened in this order by "Seed story". */
export const SEED_STORY: ReadonlyArray<{ kind: ProfileKind; externalUserId?: string; metadata?: Record<string, unknown> }> = [
  { kind: 'persistent' },
  { kind: 'incognito' },
  { kind: 'other-device' },
  { kind: 'external-id', externalUserId: DEFAULT_EXTERNAL_USER_ID },
  { kind: 'external-id', externalUserId: DEFAULT_EXTERNAL_USER_ID },
  { kind: 'metadata', metadata: { myUserId: '123' } },
];

/**
 * The kinds a profile can have on the tester's own site: storage only. There the site's own
 * snippet decides who the visitor is (its external user ID, its metadata, its login), so the kinds
 * that make the demo page play a site's part do not apply.
 */
export const SITE_KINDS: readonly ProfileKind[] = ['persistent', 'incognito', 'other-device', 'storage-blocked'];

export function isSiteKind(kind: ProfileKind): boolean {
  return SITE_KINDS.includes(kind);
}

/** The seed story on a site: its same-browser, incognito and other-device profiles, side by side. */
export const SITE_SEED_STORY = SEED_STORY.filter((step) => isSiteKind(step.kind));

/** Why an identity kind cannot open on a site: said on its disabled button and in the Open profile dialog. */
export const SITE_KIND_REASON =
  'On your own site, the site’s snippet decides who the visitor is: open Same browser, Incognito, Other device or Storage blocked, and log in on the page itself.';

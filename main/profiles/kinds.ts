import { DEFAULT_EXTERNAL_USER_ID, DEFAULT_METADATA } from '../common/profile-kinds.ts';
import { userHashFor } from '../platform/identity-verification.ts';
import type { OpenProfileInput } from './types.ts';

/** Fills in the kind's defaults: an external-id profile needs an ID, a metadata profile its metadata. */
export function withKindDefaults(input: OpenProfileInput): OpenProfileInput {
  // On the tester's own site the page decides who the visitor is; the kind decides only the storage.
  if (input.siteUrl !== undefined) return input;
  if (input.kind === 'external-id' || input.kind === 'impersonator' || input.kind === 'login') {
    return { ...input, externalUserId: input.externalUserId ?? DEFAULT_EXTERNAL_USER_ID };
  }
  if (input.kind === 'metadata') return { ...input, metadata: input.metadata ?? { ...DEFAULT_METADATA } };
  return input;
}

/**
 * What a customer site's server does for its pages: the userHash of one of its users
 * (HMAC-SHA256 with the bot's identity secret), or undefined when it does not know the bot.
 * The workbench plays that server; the demo site itself signs for no one.
 */
export type SiteSigner = (botId: string, externalUserId: string) => string | undefined;

/** A SiteSigner over the bots' identity secrets (undefined for a bot it does not know). */
export function signWith(identitySecret: (botId: string) => string | undefined): SiteSigner {
  return (botId, externalUserId) => {
    const secret = identitySecret(botId);
    return secret === undefined ? undefined : userHashFor(secret, externalUserId);
  };
}

/**
 * The page a profile shows: the tester's own site (`siteUrl`) as it is, or the platform's demo site with the kind's setConfig
 * (legacy embed.js) or onFlowXOInit member (current loader.js).
 * A real site signs its users (the workbench's `sign` puts a valid userHash in the URL); an
 * impersonator's page sets the ID without one; a login page starts anonymous and offers to log in.
 */
export function siteUrl(platformUrl: string, input: OpenProfileInput, sign?: SiteSigner): string {
  // The tester's own page, as it is (ProfileService checked it: main/common/site-url.ts).
  if (input.siteUrl !== undefined) return input.siteUrl;
  const botId = input.botId;
  if (botId === undefined) throw new Error('siteUrl: a demo page needs a botId.');
  const url = new URL(`/site/${botId}`, platformUrl);
  const hash = input.externalUserId === undefined || input.kind === 'impersonator' ? undefined : sign?.(botId, input.externalUserId);
  if (input.kind === 'login') {
    if (input.externalUserId !== undefined) url.searchParams.set('loginAs', input.externalUserId);
    if (hash !== undefined) url.searchParams.set('loginHash', hash);
  } else if (input.externalUserId !== undefined) {
    url.searchParams.set('externalUserId', input.externalUserId);
    if (hash !== undefined) url.searchParams.set('userHash', hash);
  }
  if (input.metadata !== undefined) url.searchParams.set('metadata', JSON.stringify(input.metadata));
  // The current script generation (loader.js, FlowXO); the page embeds legacy embed.js otherwise.
  if (input.script === 'loader') url.searchParams.set('script', 'loader');
  return url.toString();
}

import { DEFAULT_EXTERNAL_USER_ID, DEFAULT_METADATA } from '../common/profile-kinds.ts';
import type { OpenProfileInput } from './types.ts';

/** Fills in the kind's defaults: an external-id profile needs an ID, a metadata profile its metadata. */
export function withKindDefaults(input: OpenProfileInput): OpenProfileInput {
  if (input.kind === 'external-id' || input.kind === 'impersonator' || input.kind === 'login') {
    return { ...input, externalUserId: input.externalUserId ?? DEFAULT_EXTERNAL_USER_ID };
  }
  if (input.kind === 'metadata') return { ...input, metadata: input.metadata ?? { ...DEFAULT_METADATA } };
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

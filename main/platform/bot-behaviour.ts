import type { User } from './model.ts';

/**
 * What the mock bot answers until flows replace it: the visitor's identity and metadata,
 * so every reply shows who the platform thinks the visitor is.
 */
export function identityEcho(user: User, text: string, metadata: Record<string, unknown>): string {
  const shownMetadata = Object.keys(metadata).length === 0 ? 'none' : JSON.stringify(metadata);
  return `You said "${text}". Your response path is ${user.responsePath} (${user.kind}). Metadata: ${shownMetadata}`;
}

import type { User } from '../../../main/platform/model.ts';

/** Whether a user matches every word typed in the Users filter (path, kind, metadata, attributes). */
export function userMatches(user: User, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${user.responsePath}\n${user.kind}\n${JSON.stringify(user.metadata)}\n${JSON.stringify(user.attributes)}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

import type { WebhookRequest } from './types.ts';

/**
 * The composer's saved things, kept in the workspace: collections of named requests in folders,
 * and environments. Types only (the stores are collections.ts and environments.ts), so the
 * renderer's build reads them through the contract.
 */

/** A request the tester named and kept. */
export interface SavedRequest {
  kind: 'request';
  id: string;
  name: string;
  request: WebhookRequest;
}

export interface RequestFolder {
  kind: 'folder';
  id: string;
  name: string;
  items: CollectionItem[];
}

export type CollectionItem = SavedRequest | RequestFolder;

/** A named tree of folders and saved requests, as on Postman. */
export interface RequestCollection {
  id: string;
  name: string;
  description: string;
  items: CollectionItem[];
}

/** A collection without ids: what an import produces and an export reads. */
export interface CollectionDraft {
  name: string;
  description: string;
  items: DraftItem[];
}

export type DraftItem = { kind: 'folder'; name: string; items: DraftItem[] } | { kind: 'request'; name: string; request: WebhookRequest };

/** One variable of an environment; a secret one is masked in the UI (its value is still sent). */
export interface EnvironmentVariable {
  key: string;
  value: string;
  secret: boolean;
}

/** A named set of variables (`{{userId}}`, `{{orderId}}`, …), selected per send, as on Postman. */
export interface Environment {
  id: string;
  name: string;
  variables: EnvironmentVariable[];
}

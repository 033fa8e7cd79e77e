import type {
  BulkMode,
  BulkProgress,
  Environment,
  EnvironmentVariable,
  CollectionImportPreview,
  RequestCollection,
  SavedRequest,
} from '../../../main/api/contract.ts';
import { toApiError, type ApiError } from '../transport/api-error.ts';
import { downloadText } from '../lib/download.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';
import { draftFromRequest } from './webhooks-slice.ts';

/** The composer's saved requests, environments, imports and bulk sends (Botbench's, beyond Flow XO). */
export interface ComposerSlice {
  collections: RequestCollection[];
  environments: Environment[];
  /** The running (or last) bulk send. */
  bulk: BulkProgress | null;
  loadCollections(): Promise<void>;
  loadEnvironments(): Promise<void>;
  createCollection(name: string): Promise<string | null>;
  deleteCollection(id: string): Promise<void>;
  addFolder(collectionId: string, parentId: string | null, name: string): Promise<void>;
  /** Saves the composer's request as a new saved request; it becomes the one Save updates. */
  saveDraftAs(target: { collectionId: string; parentId: string | null; name: string }): Promise<boolean>;
  /** Saves the composer's request over the saved one it was opened from. */
  updateSavedDraft(): Promise<boolean>;
  openSavedRequest(collectionId: string, item: SavedRequest): void;
  moveItem(id: string, parentId: string | null, index: number): Promise<void>;
  duplicateItem(id: string): Promise<void>;
  deleteItem(id: string): Promise<void>;
  exportCollection(id: string): Promise<void>;
  exportHar(): Promise<void>;
  /** What an import would add; rejects with the reason, nothing written. */
  previewCollectionImport(text: string): Promise<CollectionImportPreview>;
  importCollection(text: string): Promise<boolean>;
  /** Fills the composer from a cURL command; answers what could not be mapped, or rejects with the reason. */
  importCurl(command: string): Promise<string[]>;
  /** Answers the saved environment's id, or the reason it was refused. */
  saveEnvironment(input: { id?: string | undefined; name: string; variables: EnvironmentVariable[] }): Promise<{ id: string } | { error: ApiError }>;
  deleteEnvironment(id: string): Promise<void>;
  startBulk(mode: BulkMode): Promise<ApiError | null>;
  stopBulk(): Promise<void>;
  applyBulkProgress(progress: BulkProgress): void;
}

export const createComposerSlice: SliceCreator<ComposerSlice> = (set, get) => {
  /** Runs a call whose result holds the collections; reports a failure and answers null. */
  const change = <T extends { collections: RequestCollection[] } | RequestCollection[]>(call: () => Promise<T>, failure: string): Promise<T | null> =>
    attempt(
      get,
      failure,
      async () => {
        const result = await call();
        set({ collections: Array.isArray(result) ? result : result.collections });
        return result;
      },
      null,
    );
  const targetBot = () => get().webhookDraft.botId || get().selectedBotId || undefined;
  return {
    collections: [],
    environments: [],
    bulk: null,
    loadCollections: async () => {
      await change(() => get().client.call('collections.list'), 'Could not load the saved requests');
    },
    loadEnvironments: () =>
      attempt(get, 'Could not load the environments', async () => set({ environments: await get().client.call('environments.list') }), undefined),
    createCollection: async (name) =>
      (await change(() => get().client.call('collections.create', { name }), 'The collection was not created'))?.id ?? null,
    deleteCollection: async (id) => {
      await change(() => get().client.call('collections.delete', { id }), 'The collection was not deleted');
    },
    addFolder: async (collectionId, parentId, name) => {
      await change(() => get().client.call('collections.addFolder', { collectionId, parentId, name }), 'The folder was not created');
    },
    saveDraftAs: async ({ collectionId, parentId, name }) => {
      const request = get().composedRequest();
      if (!request) return false;
      const result = await change(
        () => get().client.call('collections.saveRequest', { collectionId, parentId, name, request }),
        'The request was not saved',
      );
      if (!result) return false;
      get().setWebhookDraft({ saved: { id: result.id, collectionId, name } });
      get().notify({ tone: 'success', title: `Saved “${name}”`, message: '', code: null });
      return true;
    },
    updateSavedDraft: async () => {
      const saved = get().webhookDraft.saved;
      const request = get().composedRequest();
      if (!saved || !request) return false;
      const result = await change(
        () =>
          get().client.call('collections.saveRequest', { collectionId: saved.collectionId, parentId: null, id: saved.id, name: saved.name, request }),
        'The request was not saved',
      );
      if (result) get().notify({ tone: 'success', title: `Saved “${saved.name}”`, message: '', code: null });
      return result !== null;
    },
    openSavedRequest: (collectionId, item) => {
      const { environmentId, ...request } = item.request;
      set({ webhookDraft: draftFromRequest(request, { id: item.id, collectionId, name: item.name }) });
      if (environmentId !== undefined) get().selectEnvironment(environmentId);
    },
    moveItem: async (id, parentId, index) => {
      await change(() => get().client.call('collections.moveItem', { id, parentId, index }), 'The item was not moved');
    },
    duplicateItem: async (id) => {
      await change(() => get().client.call('collections.duplicateItem', { id }), 'The item was not duplicated');
    },
    deleteItem: async (id) => {
      const result = await change(() => get().client.call('collections.deleteItem', { id }), 'The item was not deleted');
      if (result && get().webhookDraft.saved?.id === id) get().setWebhookDraft({ saved: null });
    },
    exportCollection: (id) =>
      attempt(
        get,
        'The collection was not exported',
        async () => {
          const file = await get().client.call('collections.export', { id });
          downloadText(file.fileName, file.content, file.mime);
        },
        undefined,
      ),
    exportHar: () =>
      attempt(
        get,
        'The history was not exported',
        async () => {
          const file = await get().client.call('webhooks.exportHar');
          downloadText(file.fileName, file.content, file.mime);
        },
        undefined,
      ),
    previewCollectionImport: async (text) => {
      const botId = targetBot();
      return get().client.call('collections.previewImport', { text, ...(botId ? { botId } : {}) });
    },
    importCollection: async (text) => {
      const botId = targetBot();
      const result = await change(() => get().client.call('collections.import', { text, ...(botId ? { botId } : {}) }), 'Nothing was imported');
      return result !== null;
    },
    importCurl: async (command) => {
      const botId = targetBot();
      const { request, warnings } = await get().client.call('webhooks.parseCurl', { command, ...(botId ? { botId } : {}) });
      set({ webhookDraft: draftFromRequest(request) });
      return warnings;
    },
    saveEnvironment: async (input) => {
      // Not attempt(): the refusal goes back to the environment dialog, which shows it beside the field.
      try {
        const { environments, id } = await get().client.call('environments.save', input);
        set({ environments });
        if (input.id === undefined) get().selectEnvironment(id);
        return { id };
      } catch (error) {
        return { error: toApiError(error) };
      }
    },
    deleteEnvironment: (id) =>
      attempt(
        get,
        'The environment was not deleted',
        async () => {
          set({ environments: await get().client.call('environments.delete', { id }) });
          if (get().selectedEnvironmentId === id) get().selectEnvironment(null);
        },
        undefined,
      ),
    startBulk: async (mode) => {
      const request = get().composedRequest();
      if (!request) return null;
      // Not attempt(): the refusal goes back to the bulk panel, which shows it in place.
      try {
        set({ bulk: await get().client.call('webhooks.bulk', { request, mode }) });
        return null;
      } catch (error) {
        return toApiError(error);
      }
    },
    stopBulk: async () => {
      const run = get().bulk;
      if (!run || run.state !== 'running') return;
      await attempt(get, 'The bulk send was not stopped', () => get().client.call('webhooks.bulkStop', { runId: run.runId }), undefined);
    },
    applyBulkProgress: (progress) =>
      set((state) => {
        // A late tick of a run must not overwrite its end, nor one run another's.
        if (state.bulk && state.bulk.runId === progress.runId && state.bulk.state !== 'running') return {};
        return { bulk: progress };
      }),
  };
};

import type { ConflictPolicy, ImportPreview, WorkspaceExportOptions } from '../../../main/api/contract.ts';
import { downloadText } from '../lib/download.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

export interface WorkspaceSlice {
  /** Downloads the workspace (or chosen bots) as one file. */
  exportWorkspace(options: WorkspaceExportOptions): Promise<boolean>;
  /** What importing the file would do; null when it was refused (the reason is a toast). */
  previewWorkspaceImport(fileName: string, text: string, onConflict: ConflictPolicy): Promise<ImportPreview | null>;
  /** Imports the file, then reads everything again (bots, flows, users, log, bins, people). */
  importWorkspace(fileName: string, text: string, onConflict: ConflictPolicy): Promise<boolean>;
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (_set, get) => ({
  exportWorkspace: (options) =>
    attempt(
      get,
      'Could not export the workspace',
      async () => {
        const { fileName, content } = await get().client.call('workspace.export', options);
        downloadText(fileName, content, 'application/json');
        return true;
      },
      false,
    ),
  previewWorkspaceImport: (fileName, text, onConflict) =>
    attempt(get, `“${fileName}” cannot be imported`, () => get().client.call('workspace.previewImport', { fileName, text, onConflict }), null),
  importWorkspace: (fileName, text, onConflict) =>
    attempt(
      get,
      `“${fileName}” was not imported`,
      async () => {
        const done = await get().client.call('workspace.import', { fileName, text, onConflict });
        const state = get();
        await Promise.all([
          state.loadBots(),
          state.loadUsers(),
          state.loadLog(),
          state.loadBins(),
          state.loadPersons(),
          state.loadWebhookHistory(),
          state.loadCollections(),
          state.loadEnvironments(),
        ]);
        const botId = get().selectedBotId;
        if (botId) await get().loadFlows(botId);
        const count = (action: string) =>
          [...done.bots, ...done.bins, ...done.persons, ...done.collections, ...done.environments].filter((x) => x.action === action).length;
        get().notify({
          tone: 'success',
          title: 'Workspace imported',
          message: `${count('add')} added, ${count('replace')} replaced, ${count('skip')} skipped`,
          code: null,
        });
        return true;
      },
      false,
    ),
});

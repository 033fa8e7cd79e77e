import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkbenchClient, WorkbenchEvent } from '../../../main/api/contract.ts';
import { createBinsSlice } from './bins-slice.ts';
import { createBotsSlice } from './bots-slice.ts';
import { createComposerSlice } from './composer-slice.ts';
import { createFindingsSlice } from './findings-slice.ts';
import { createFlowsSlice } from './flows-slice.ts';
import { createLogSlice } from './log-slice.ts';
import { createPersonsSlice } from './persons-slice.ts';
import { createProfilesSlice } from './profiles-slice.ts';
import { createRecordingSlice } from './recording-slice.ts';
import { createScenariosSlice } from './scenarios-slice.ts';
import type { AppState } from './types.ts';
import { createUsersSlice } from './users-slice.ts';
import { createWebhooksSlice } from './webhooks-slice.ts';
import { createWorkbenchSlice } from './workbench-slice.ts';
import { createWorkspaceSlice } from './workspace-slice.ts';

export type { AppState } from './types.ts';
export type AppStore = StoreApi<AppState>;

/** The one store: every slice combined, over the client its actions call. */
export function createAppStore(client: WorkbenchClient): AppStore {
  return createStore<AppState>()((...a) => ({
    client,
    ...createWorkbenchSlice(...a),
    ...createBotsSlice(...a),
    ...createProfilesSlice(...a),
    ...createPersonsSlice(...a),
    ...createUsersSlice(...a),
    ...createLogSlice(...a),
    ...createWebhooksSlice(...a),
    ...createComposerSlice(...a),
    ...createFlowsSlice(...a),
    ...createFindingsSlice(...a),
    ...createScenariosSlice(...a),
    ...createRecordingSlice(...a),
    ...createBinsSlice(...a),
    ...createWorkspaceSlice(...a),
  }));
}

/** Feeds one event from main into the slice it belongs to. */
export function applyEvent(state: AppState, event: WorkbenchEvent): void {
  switch (event.type) {
    case 'log':
      state.applyLogEntry(event.entry);
      break;
    case 'user':
      state.applyUser(event.user);
      break;
    case 'message':
      state.applyMessage(event.message);
      state.applyPersonMessage(event.message);
      state.noteWebhookLanding(event.message);
      break;
    case 'botDeleted':
      state.applyBotDeleted(event.botId);
      break;
    case 'bot':
      state.applyBot(event.bot);
      if (state.persons.length > 0) void state.refreshPersonIdentities();
      break;
    case 'profile':
      state.applyProfile(event.profile);
      // A device's web ID is whatever its browser profile holds now.
      if (state.persons.some((p) => p.devices.some((d) => d.profileId === event.profile.id))) void state.refreshPersonIdentities();
      break;
    case 'persons':
      state.applyPersons(event.persons);
      break;
    case 'frame':
      state.setFrame(event.profileId, event.dataUrl);
      break;
    case 'findings':
      state.applyFindingsChanged(event.site);
      break;
    case 'webhook':
      state.applyWebhookEntry(event.entry);
      break;
    case 'bulk':
      state.applyBulkProgress(event.progress);
      break;
    case 'scenario':
      state.applyScenarioProgress(event.runId, event.progress);
      break;
    case 'recording':
      state.applyRecording(event.status);
      break;
    case 'flows':
      state.applyFlows(event.botId, event.flows);
      break;
    case 'bin':
      state.applyBin(event.bin);
      break;
    case 'binDeleted':
      state.applyBinDeleted(event.binId);
      break;
    case 'binRequest':
      state.applyBinRequest(event.request);
      break;
    default: {
      // A new event type in the contract fails the type check here until a slice takes it.
      const unhandled: never = event;
      console.warn('Unhandled workbench event', unhandled);
    }
  }
}

/** Subscribes the store to the client's events; returns the unsubscribe function. */
export function connectEvents(store: AppStore): () => void {
  return store.getState().client.onEvent((event) => applyEvent(store.getState(), event));
}

/** Everything the screens show, loaded at once (on start, and again after a reconnect). */
export async function loadAll(store: AppStore): Promise<void> {
  const state = store.getState();
  // The selected bot is known once the bots are: its flows come after.
  const botsThenFlows = state.loadBots().then(() => {
    const botId = store.getState().selectedBotId;
    return botId ? store.getState().loadFlows(botId) : undefined;
  });
  await Promise.all([
    state.loadInfo(),
    botsThenFlows,
    state.loadProfiles(),
    state.loadPersons(),
    state.loadUsers(),
    state.loadLog(),
    state.loadWebhookHistory(),
    state.loadCollections(),
    state.loadEnvironments(),
    state.loadBins(),
    // A recording started in another window (or before a reconnect) shows as such.
    state.client.call('recording.status').then(state.applyRecording, () => undefined),
  ]);
}

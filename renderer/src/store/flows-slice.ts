import type { ApiErrorPayload } from '../../../main/api/contract.ts';
import type { Flow } from '../../../main/platform/model.ts';
import { toApiError } from '../transport/api-error.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

export type FlowCheck = { ok: true } | { ok: false; error: ApiErrorPayload };

/** Text typed into the editor and not saved yet, and the saved version it started from. */
export interface FlowEdit {
  text: string;
  /** `updatedAt` of the saved flow when editing began (null for a new flow): a later save elsewhere is noticed. */
  baseUpdatedAt: number | null;
}

/** The editor key of a bot's unsaved new flow (a saved flow's key is its id). */
export const newFlowKey = (botId: string): string => `new:${botId}`;

export interface FlowsSlice {
  /** Each bot's flows in the platform's order, as last loaded or announced by a `flows` event. */
  flowsByBot: Record<string, Flow[]>;
  /** The flow open in the editor: a flow id, or newFlowKey(botId). */
  selectedFlowKey: string | null;
  /** Unsaved editor text by key; it survives switching flows and screens. */
  flowEdits: Record<string, FlowEdit>;
  selectFlow(key: string | null): void;
  setFlowEdit(key: string, edit: FlowEdit | null): void;
  /** Fetches a bot's flows (the store keeps them) and returns them, or null when the call failed. */
  loadFlows(botId: string): Promise<Flow[] | null>;
  createFlow(botId: string, definition: unknown): Promise<Flow | null>;
  updateFlow(id: string, definition: unknown): Promise<Flow | null>;
  /** Turns a flow on or off, keeping the rest of its saved definition. */
  setFlowEnabled(flow: Flow, enabled: boolean): Promise<Flow | null>;
  deleteFlow(id: string): Promise<boolean>;
  /** Replaces all of a bot's flows; a bad set is refused whole, and the refusal is returned for the screen to show. */
  importFlows(botId: string, flows: unknown[]): Promise<{ ok: true; flows: Flow[] } | { ok: false; error: ApiErrorPayload }>;
  /** Asks the platform's schema about a definition, without saving it. */
  validateFlow(definition: unknown): Promise<FlowCheck>;
  applyFlows(botId: string, flows: Flow[]): void;
}

export const createFlowsSlice: SliceCreator<FlowsSlice> = (set, get) => ({
  flowsByBot: {},
  selectedFlowKey: null,
  flowEdits: {},
  selectFlow: (selectedFlowKey) => set({ selectedFlowKey }),
  setFlowEdit: (key, edit) =>
    set((state) => {
      if (edit) return { flowEdits: { ...state.flowEdits, [key]: edit } };
      const { [key]: _dropped, ...flowEdits } = state.flowEdits;
      return { flowEdits };
    }),
  loadFlows: (botId) =>
    attempt(
      get,
      'Could not load the flows',
      async () => {
        const flows = await get().client.call('flows.list', { botId });
        get().applyFlows(botId, flows);
        return flows;
      },
      null,
    ),
  createFlow: (botId, definition) =>
    attempt(
      get,
      'The flow was not created',
      async () => {
        const flow = await get().client.call('flows.create', { botId, definition });
        upsert(set, flow);
        return flow;
      },
      null,
    ),
  updateFlow: (id, definition) =>
    attempt(
      get,
      'The flow was not saved',
      async () => {
        const flow = await get().client.call('flows.update', { id, definition });
        upsert(set, flow);
        return flow;
      },
      null,
    ),
  setFlowEnabled: (flow, enabled) => get().updateFlow(flow.id, { name: flow.name, enabled, trigger: flow.trigger, actions: flow.actions }),
  deleteFlow: (id) =>
    attempt(
      get,
      'The flow was not deleted',
      async () => {
        const flow = await get().client.call('flows.delete', { id });
        set((state) => {
          const { [id]: _dropped, ...flowEdits } = state.flowEdits;
          return {
            flowsByBot: { ...state.flowsByBot, [flow.botId]: (state.flowsByBot[flow.botId] ?? []).filter((f) => f.id !== id) },
            flowEdits,
            selectedFlowKey: state.selectedFlowKey === id ? null : state.selectedFlowKey,
          };
        });
        return true;
      },
      false,
    ),
  // importFlows and validateFlow are not attempt()s: the refusal is the answer, shown in the Flows screen's import
  // dialog and beside the editor, not as a toast.
  importFlows: async (botId, flows) => {
    try {
      const imported = await get().client.call('flows.import', { botId, flows });
      get().applyFlows(botId, imported);
      return { ok: true, flows: imported };
    } catch (error) {
      const { code, message, expected, field } = toApiError(error);
      return { ok: false, error: { code, message, expected, field } };
    }
  },
  validateFlow: async (definition) => {
    try {
      return await get().client.call('flows.validate', { definition });
    } catch (error) {
      const { code, message, expected, field } = toApiError(error);
      return { ok: false, error: { code, message, expected, field } };
    }
  },
  applyFlows: (botId, flows) => set((state) => ({ flowsByBot: { ...state.flowsByBot, [botId]: flows } })),
});

/** A saved flow replaces its old copy, or joins its bot's list at the end (where the platform puts it). */
function upsert(set: Parameters<SliceCreator<FlowsSlice>>[0], flow: Flow): void {
  set((state) => {
    const list = state.flowsByBot[flow.botId] ?? [];
    const index = list.findIndex((f) => f.id === flow.id);
    return { flowsByBot: { ...state.flowsByBot, [flow.botId]: index < 0 ? [...list, flow] : list.with(index, flow) } };
  });
}

import type { Bin, BinRequest } from '../../../main/platform/model.ts';
import { attempt } from './attempt.ts';
import { safeStorage } from './local-storage.ts';
import type { SliceCreator } from './types.ts';

const PANEL_KEY = 'botbench.binsPanel';
/** Captured requests kept in memory for the selected bin (the platform keeps more). */
export const BIN_REQUESTS_KEPT = 500;

export type BinResponse = Bin['response'];

export interface BinsSlice {
  bins: Bin[];
  selectedBinId: string | null;
  /** The selected bin's captured requests, newest first. */
  binRequests: BinRequest[];
  binRequestsLoading: boolean;
  /** The Log screen's right-hand panel. */
  binsPanelOpen: boolean;
  loadBins(): Promise<void>;
  createBin(name: string, response?: Partial<BinResponse>): Promise<Bin | null>;
  updateBin(id: string, change: { name?: string; response?: Partial<BinResponse> }): Promise<Bin | null>;
  selectBin(id: string | null): Promise<void>;
  setBinsPanelOpen(open: boolean): void;
  applyBin(bin: Bin): void;
  /** A bin was deleted (a scenario's, when its run ended): it leaves the list. */
  applyBinDeleted(binId: string): void;
  /** A captured request: its bin's count goes up; it joins the list when its bin is the selected one. */
  applyBinRequest(request: BinRequest): void;
}

export const createBinsSlice: SliceCreator<BinsSlice> = (set, get) => ({
  bins: [],
  selectedBinId: null,
  binRequests: [],
  binRequestsLoading: false,
  binsPanelOpen: safeStorage.get(PANEL_KEY) !== 'closed',
  loadBins: () =>
    attempt(
      get,
      'Could not load the request bins',
      async () => {
        const bins = await get().client.call('bins.list');
        set({ bins });
        const selected = get().selectedBinId;
        const keep = bins.some((b) => b.id === selected) ? selected : (bins[0]?.id ?? null);
        // After a reconnect the selected bin's list is fetched again: requests captured meanwhile were not announced.
        await get().selectBin(keep);
      },
      undefined,
    ),
  createBin: (name, response) =>
    attempt(
      get,
      'The request bin was not created',
      async () => {
        const bin = await get().client.call('bins.create', response ? { name, response } : { name });
        get().applyBin(bin);
        await get().selectBin(bin.id);
        return bin;
      },
      null,
    ),
  updateBin: (id, change) =>
    attempt(
      get,
      'The request bin was not saved',
      async () => {
        const bin = await get().client.call('bins.update', { id, ...change });
        get().applyBin(bin);
        return bin;
      },
      null,
    ),
  selectBin: async (id) => {
    set({ selectedBinId: id, binRequests: [], binRequestsLoading: id !== null });
    if (id === null) return;
    const requests = await attempt(get, 'Could not load the captured requests', () => get().client.call('bins.requests', { id }), null);
    // Another bin was picked meanwhile: its own load owns the list.
    if (get().selectedBinId !== id) return;
    // Requests announced while loading are kept.
    set((state) => ({ binRequests: requests ? mergeRequests(state.binRequests, requests) : state.binRequests, binRequestsLoading: false }));
  },
  setBinsPanelOpen: (binsPanelOpen) => {
    safeStorage.set(PANEL_KEY, binsPanelOpen ? 'open' : 'closed');
    set({ binsPanelOpen });
  },
  applyBin: (bin) =>
    set((state) => {
      const index = state.bins.findIndex((b) => b.id === bin.id);
      return { bins: index < 0 ? [...state.bins, bin] : state.bins.with(index, bin), selectedBinId: state.selectedBinId ?? bin.id };
    }),
  applyBinDeleted: (binId) =>
    set((state) => {
      const bins = state.bins.filter((b) => b.id !== binId);
      if (state.selectedBinId !== binId) return { bins };
      return { bins, selectedBinId: bins[0]?.id ?? null, binRequests: [] };
    }),
  applyBinRequest: (request) =>
    set((state) => {
      if (state.selectedBinId === request.binId && state.binRequests.some((r) => r.seq === request.seq)) return {};
      const bins = state.bins.map((b) => (b.id === request.binId ? { ...b, requests: b.requests + 1 } : b));
      if (state.selectedBinId !== request.binId) return { bins };
      return { bins, binRequests: mergeRequests([request], state.binRequests) };
    }),
});

/** Both lists as one, newest first, each seq once, at most BIN_REQUESTS_KEPT. */
export function mergeRequests(a: readonly BinRequest[], b: readonly BinRequest[]): BinRequest[] {
  const bySeq = new Map<number, BinRequest>();
  for (const request of [...a, ...b]) if (!bySeq.has(request.seq)) bySeq.set(request.seq, request);
  return [...bySeq.values()].sort((x, y) => y.seq - x.seq).slice(0, BIN_REQUESTS_KEPT);
}

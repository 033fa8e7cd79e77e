import type { LogEntry } from '../../../main/platform/model.ts';
import { EMPTY_LOG_FILTER, type LogFilterState } from '../lib/log-filter.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

/** Entries fetched per request (the API allows up to 5000). */
export const LOG_PAGE = 2000;

export interface LogSlice {
  /** Newest first. */
  log: LogEntry[];
  logFilter: LogFilterState;
  logLoadingOlder: boolean;
  /** No entries older than the last one loaded. */
  logReachedEnd: boolean;
  selectedLogSeq: number | null;
  loadLog(): Promise<void>;
  loadOlderLog(): Promise<void>;
  applyLogEntry(entry: LogEntry): void;
  setLogFilter(change: Partial<LogFilterState>): void;
  selectLogEntry(seq: number | null): void;
}

export const createLogSlice: SliceCreator<LogSlice> = (set, get) => ({
  log: [],
  logFilter: EMPTY_LOG_FILTER,
  logLoadingOlder: false,
  logReachedEnd: false,
  selectedLogSeq: null,
  loadLog: () =>
    attempt(
      get,
      'Could not load the log',
      async () => {
        const entries = await get().client.call('log.query', { limit: LOG_PAGE });
        set((state) => ({ log: mergeNewestFirst(entries, state.log), logReachedEnd: entries.length < LOG_PAGE }));
      },
      undefined,
    ),
  loadOlderLog: async () => {
    const { log, logLoadingOlder } = get();
    const oldest = log.at(-1);
    if (logLoadingOlder) return;
    set({ logLoadingOlder: true });
    await attempt(
      get,
      'Could not load older log entries',
      async () => {
        const entries = await get().client.call('log.query', oldest ? { before: oldest.seq, limit: LOG_PAGE } : { limit: LOG_PAGE });
        set((state) => ({ log: mergeNewestFirst(state.log, entries), logReachedEnd: entries.length < LOG_PAGE }));
      },
      undefined,
    );
    set({ logLoadingOlder: false });
  },
  applyLogEntry: (entry) =>
    set((state) => {
      const newest = state.log[0];
      // The usual case, a new entry: prepend without scanning.
      if (newest === undefined || entry.seq > newest.seq) return { log: [entry, ...state.log] };
      return { log: mergeNewestFirst(state.log, [entry]) };
    }),
  setLogFilter: (change) => set((state) => ({ logFilter: { ...state.logFilter, ...change } })),
  selectLogEntry: (selectedLogSeq) => set({ selectedLogSeq }),
});

/** Two lists merged newest first, each seq once (the second list's copy wins). */
export function mergeNewestFirst(a: readonly LogEntry[], b: readonly LogEntry[]): LogEntry[] {
  if (b.length === 0) return [...a];
  // Loading older entries: all of b is older than all of a, so it goes after.
  const lastA = a.at(-1);
  if (lastA !== undefined && isNewestFirst(b) && b[0]!.seq < lastA.seq) return [...a, ...b];
  const bySeq = new Map<number, LogEntry>();
  for (const entry of a) bySeq.set(entry.seq, entry);
  for (const entry of b) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((x, y) => y.seq - x.seq);
}

function isNewestFirst(entries: readonly LogEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) if (entries[i]!.seq >= entries[i - 1]!.seq) return false;
  return true;
}

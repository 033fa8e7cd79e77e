import type { LogEntry, LogKind, LogStatus } from '../../../main/platform/model.ts';

/** The Log screen's filters; empty strings mean "any". */
export interface LogFilterState {
  botId: string;
  responsePath: string;
  kind: LogKind | '';
  status: LogStatus | '';
  text: string;
  /** Date range, as `<input type="datetime-local">` values (local time, to the minute); both ends included. */
  from: string;
  to: string;
  /** Flow runs of this flow only. */
  flowId: string;
}

export const EMPTY_LOG_FILTER: LogFilterState = { botId: '', responsePath: '', kind: '', status: '', text: '', from: '', to: '', flowId: '' };

/** Epoch ms of a datetime-local value; `end` takes the last millisecond of that minute, so "to 10:05" keeps 10:05:30. NaN when empty or invalid. */
export function localTimeMs(value: string, end = false): number {
  if (value.trim() === '') return Number.NaN;
  const ms = new Date(value).getTime();
  return end && Number.isFinite(ms) ? ms + (/T\d\d:\d\d$/.test(value) ? 59_999 : 999) : ms;
}

/** The flow a flow-run entry belongs to, from its detail. */
export function flowOf(entry: LogEntry): { id: string; name: string } | null {
  if (entry.kind !== 'flow') return null;
  const { flowId, flowName } = entry.detail;
  return typeof flowId === 'string' ? { id: flowId, name: typeof flowName === 'string' ? flowName : flowId } : null;
}

// Records, not arrays, so a kind or status added to the model fails the type check until it is listed here.
const KINDS: Record<LogKind, true> = {
  bot: true,
  connect: true,
  disconnect: true,
  message_in: true,
  message_out: true,
  webhook: true,
  reset: true,
  identity: true,
  flow: true,
};
const STATUSES: Record<LogStatus, true> = {
  success: true,
  delivered: true,
  queued: true,
  refused: true,
  failed: true,
  filtered: true,
  in_progress: true,
  abandoned: true,
};
export const LOG_KINDS = Object.keys(KINDS) as LogKind[];
export const LOG_STATUSES = Object.keys(STATUSES) as LogStatus[];

// Entries never change once logged, so each one's lowercase text is built once and kept.
const haystacks = new WeakMap<LogEntry, string>();

/** Everything free-text search looks at, in lowercase. */
export function haystackOf(entry: LogEntry): string {
  let text = haystacks.get(entry);
  if (text === undefined) {
    text =
      `${entry.summary}\n${entry.responsePath ?? ''}\n${entry.botId ?? ''}\n${entry.kind}\n${entry.status}\n${JSON.stringify(entry.detail)}`.toLowerCase();
    haystacks.set(entry, text);
  }
  return text;
}

export function isEmptyFilter(filter: LogFilterState): boolean {
  return (
    filter.botId === '' &&
    filter.responsePath.trim() === '' &&
    filter.kind === '' &&
    filter.status === '' &&
    filter.text.trim() === '' &&
    filter.from === '' &&
    filter.to === '' &&
    filter.flowId === ''
  );
}

/** The free-text words, lowercase: several words must all appear, in any order. */
function wordsOf(text: string): string[] {
  return text.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/** A predicate for the filter; every test is a comparison or one substring search. */
export function compileLogFilter(filter: LogFilterState): (entry: LogEntry) => boolean {
  const path = filter.responsePath.trim().toLowerCase();
  const words = wordsOf(filter.text);
  const from = localTimeMs(filter.from);
  const to = localTimeMs(filter.to, true);
  return (entry) =>
    (filter.botId === '' || entry.botId === filter.botId) &&
    (Number.isNaN(from) || entry.at >= from) &&
    (Number.isNaN(to) || entry.at <= to) &&
    (filter.flowId === '' || flowOf(entry)?.id === filter.flowId) &&
    (filter.kind === '' || entry.kind === filter.kind) &&
    (filter.status === '' || entry.status === filter.status) &&
    (path === '' || (entry.responsePath !== null && entry.responsePath.toLowerCase().includes(path))) &&
    (words.length === 0 || matchesAll(haystackOf(entry), words));
}

function matchesAll(haystack: string, words: readonly string[]): boolean {
  for (const word of words) if (!haystack.includes(word)) return false;
  return true;
}

/**
 * True when `next` can only keep entries that `previous` kept: the same bot, kind and status, a
 * path that contains the previous one, and each previous word inside some new word. Typing on
 * ("en" → "entry 1") narrows; deleting or changing a word does not.
 */
export function narrows(previous: LogFilterState, next: LogFilterState): boolean {
  if (previous.botId !== next.botId || previous.kind !== next.kind || previous.status !== next.status) return false;
  if (previous.from !== next.from || previous.to !== next.to || previous.flowId !== next.flowId) return false;
  if (!next.responsePath.trim().toLowerCase().includes(previous.responsePath.trim().toLowerCase())) return false;
  const words = wordsOf(next.text);
  return wordsOf(previous.text).every((old) => words.some((word) => word.includes(old)));
}

/** The last filter applied to each entries array and what it kept, so the next keystroke can start from it. */
const lastResults = new WeakMap<readonly LogEntry[], { filter: LogFilterState; result: readonly LogEntry[] }>();

/**
 * The entries that pass, in the same order; the same array when nothing filters. One pass over
 * the entries, or, when the filter only narrows the last one applied to this same array, over
 * that last result (most keystrokes).
 */
export function filterLog(entries: readonly LogEntry[], filter: LogFilterState): readonly LogEntry[] {
  if (isEmptyFilter(filter)) return entries;
  const last = lastResults.get(entries);
  const result = (last && narrows(last.filter, filter) ? last.result : entries).filter(compileLogFilter(filter));
  lastResults.set(entries, { filter: { ...filter }, result });
  return result;
}

/** Index of a seq in entries sorted newest first (binary search), or -1. */
export function indexOfSeq(entries: readonly LogEntry[], seq: number): number {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = entries[mid]!.seq;
    if (value === seq) return mid;
    if (value > seq) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

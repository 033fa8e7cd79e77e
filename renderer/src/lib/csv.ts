import type { LogEntry } from '../../../main/platform/model.ts';
import { toCsv } from '../../../main/common/csv.ts';

export { csvField, toCsv } from '../../../main/common/csv.ts';

export const LOG_CSV_HEADER = ['seq', 'time', 'kind', 'status', 'botId', 'responsePath', 'summary', 'detail'] as const;

export function logToCsv(entries: readonly LogEntry[]): string {
  return toCsv(
    LOG_CSV_HEADER,
    entries.map((e) => [e.seq, new Date(e.at).toISOString(), e.kind, e.status, e.botId, e.responsePath, e.summary, e.detail]),
  );
}

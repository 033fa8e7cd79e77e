import type { LogEntry } from '../../../main/platform/model.ts';

/** One CSV field (RFC 4180): quoted when it holds a quote, comma, CR or LF; inner quotes doubled. */
export function csvField(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document with a header row; lines end in CRLF as RFC 4180 says (Excel reads it too). */
export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export const LOG_CSV_HEADER = ['seq', 'time', 'kind', 'status', 'botId', 'responsePath', 'summary', 'detail'] as const;

export function logToCsv(entries: readonly LogEntry[]): string {
  return toCsv(
    LOG_CSV_HEADER,
    entries.map((e) => [e.seq, new Date(e.at).toISOString(), e.kind, e.status, e.botId, e.responsePath, e.summary, e.detail]),
  );
}

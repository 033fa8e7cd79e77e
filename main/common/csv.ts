/**
 * CSV as RFC 4180 writes it. Pure, so the platform's users export and the workbench's log export
 * quote fields the same way.
 */

/** One CSV field: quoted when it holds a quote, comma, CR or LF; inner quotes doubled. Objects become JSON. */
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

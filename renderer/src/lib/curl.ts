/** Quotes a word for a POSIX shell: single quotes, with each inner ' written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export interface CurlInput {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * The `curl` command that repeats a webhook as the workbench sent it: POST, JSON content type
 * unless a header overrides it (as main's composer does), the sent body verbatim.
 */
export function buildCurl({ url, headers, body }: CurlInput): string {
  const merged = new Map<string, string>([['content-type', 'application/json']]);
  for (const [key, value] of Object.entries(headers)) {
    if (key.trim() === '') continue;
    merged.set(key.trim().toLowerCase(), value);
  }
  const parts = [`curl -X POST ${shellQuote(url)}`];
  for (const [key, value] of merged) parts.push(`-H ${shellQuote(`${key}: ${value}`)}`);
  parts.push(`--data-raw ${shellQuote(body)}`);
  return parts.join(' \\\n  ');
}

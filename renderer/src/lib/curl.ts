/** Quotes a word for a POSIX shell: single quotes, with each inner ' written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export interface CurlInput {
  /** Default POST. */
  method?: string | undefined;
  url: string;
  /** The headers the tester asked for. */
  headers: Record<string, string>;
  /** Every header actually sent (signature headers included), when known: used as they are instead of `headers`. */
  sentHeaders?: Record<string, string> | undefined;
  body: string;
}

/**
 * The `curl` command that repeats a request as it was sent (a composer webhook, a request a bin
 * caught): its method (POST unless told), the headers sent
 * (or else the requested ones, with a JSON content type unless one overrides it, as main's
 * composer does), the sent body verbatim. A signed webhook keeps its webhook-id, so running the
 * command again shows the platform's replay refusal.
 */
export function buildCurl({ method = 'POST', url, headers, sentHeaders, body }: CurlInput): string {
  const sent = sentHeaders !== undefined && Object.keys(sentHeaders).length > 0;
  const merged = new Map<string, string>(sent ? [] : [['content-type', 'application/json']]);
  for (const [key, value] of Object.entries(sent ? sentHeaders : headers)) {
    if (key.trim() === '') continue;
    merged.set(key.trim().toLowerCase(), value);
  }
  const parts = [`curl -X ${method} ${shellQuote(url)}`];
  for (const [key, value] of merged) parts.push(`-H ${shellQuote(`${key}: ${value}`)}`);
  // GET and HEAD carry no body; an empty body is not worth a flag either.
  if (method !== 'GET' && method !== 'HEAD' && (body !== '' || !sent)) parts.push(`--data-raw ${shellQuote(body)}`);
  return parts.join(' \\\n  ');
}

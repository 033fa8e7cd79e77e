import curlToPostman from 'curl-to-postmanv2';
import { requestFromPostman, postmanRequestSchema, type MappingContext } from './postman.ts';
import { requireLoopback } from './webhook-composer.ts';
import type { CurlImport } from './webhook-request.ts';
import { BotbenchError } from '../platform/errors.ts';

/** A pasted command may be this long: a webhook with a large JSON body fits. */
export const MAX_CURL_LENGTH = 256 * 1024;

const EXPECTED =
  'a curl command such as: curl -X POST http://127.0.0.1:3000/hooks/… -H "Content-Type: application/json" -d \'{"response_path":"…","text":"…"}\'';

/**
 * Parses a cURL command (from a back end's logs, Flow XO's docs, Postman's "Copy as cURL") with
 * Postman's own parser, then maps it as a Postman request is mapped. A URL that is not on
 * loopback (a production webhook URL) is replaced by the target bot's webhook URL, and said so.
 */
export function importCurl(command: string, context: MappingContext): CurlImport {
  const text = command
    .trim()
    // Copied from a Windows prompt or a doc: caret and backtick line continuations, as bash's backslash.
    .replace(/\s[\^`]\r?\n/g, ' \\\n')
    .replace(/^\$\s+/, '');
  if (!/^curl(\.exe)?\s/i.test(text)) {
    throw new BotbenchError('BOTBENCH_ERR_CURL', 'The pasted text is not a cURL command: it must begin with "curl ".', {
      expected: EXPECTED,
      field: 'command',
    });
  }
  const open = unclosedQuote(text);
  if (open !== null) {
    throw new BotbenchError('BOTBENCH_ERR_CURL', `The cURL command does not parse: a ${open === "'" ? 'single' : 'double'} quote is never closed.`, {
      expected: EXPECTED,
      field: 'command',
    });
  }
  let converted: { result: boolean; reason?: string | undefined; output?: Array<{ data: unknown }> | undefined } = { result: false };
  try {
    curlToPostman.convert({ type: 'string', data: text.replace(/^curl\.exe/i, 'curl') }, (_error, result) => {
      converted = result;
    });
  } catch (error) {
    converted = { result: false, reason: (error as Error).message };
  }
  const data = converted.result ? converted.output?.[0]?.data : undefined;
  const parsed = postmanRequestSchema.safeParse(data);
  if (!parsed.success || typeof parsed.data === 'string') {
    throw new BotbenchError('BOTBENCH_ERR_CURL', `The cURL command does not parse: ${converted.reason ?? 'the parser answered nothing usable'}.`, {
      expected: EXPECTED,
      field: 'command',
    });
  }
  const url = typeof parsed.data.url === 'string' ? parsed.data.url : (parsed.data.url?.raw ?? '');
  if (!/^https?:\/\/[^/\s]+/i.test(url) && !url.includes('{{')) {
    throw new BotbenchError(
      'BOTBENCH_ERR_CURL',
      `The cURL command has no http(s) URL${url ? ` (it reads ${JSON.stringify(url.slice(0, 100))})` : ''}; check its quotes.`,
      {
        expected: EXPECTED,
        field: 'command',
      },
    );
  }
  const { request, warnings } = requestFromPostman(parsed.data, context, undefined, 'cURL');
  for (const option of ignoredOptions(text)) warnings.push(`${option} has no meaning for the composer and was ignored.`);
  const plain = (list: string[]) => list.map((w) => w.replace(/^cURL: /, ''));
  if (request.url !== undefined && !request.url.includes('{{')) {
    try {
      requireLoopback(request.url);
    } catch {
      warnings.push(`${request.url} is not on this machine; the request goes to the target bot’s webhook URL instead.`);
      const { url: _dropped, ...rest } = request;
      return { request: rest, warnings: plain(warnings) };
    }
  }
  return { request, warnings: plain(warnings) };
}

/** Options the parser accepts and drops silently; the tester should know they did nothing. */
function ignoredOptions(text: string): string[] {
  const found: string[] = [];
  const options: Array<[RegExp, string]> = [
    [/\s(-k|--insecure)\b/, '--insecure'],
    [/\s--compressed\b/, '--compressed'],
    [/\s(-L|--location)\b/, '--location'],
    [/\s(-b|--cookie)\s/, '--cookie (send it as a Cookie header)'],
    [/\s(-x|--proxy)\s/, '--proxy'],
    [/\s(-o|--output)\s/, '--output'],
    [/\s(-E|--cert)\s/, '--cert'],
  ];
  for (const [pattern, name] of options) if (pattern.test(` ${text}`)) found.push(name);
  return found;
}

/** The quote a POSIX shell would still be waiting to see closed, or null. */
function unclosedQuote(text: string): "'" | '"' | null {
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === '\\') {
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    }
  }
  return quote;
}

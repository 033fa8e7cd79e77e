import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import harSchemas from 'har-schema';
import { checkSize, requestFromPostman, type MappingContext } from './postman.ts';
import type { CollectionImportPreview } from './webhook-request.ts';
import type { WebhookHistoryEntry } from './contract.ts';
import { BotbenchError } from '../platform/errors.ts';
import type { Bot } from '../platform/model.ts';
import type { DraftItem } from '../workspace/saved-requests.ts';

/**
 * HAR 1.2 (HTTP Archive), both ways: the composer's history exports as one, and a HAR (from a
 * browser's network panel, or Botbench's own) imports as a collection of its requests. Checked
 * with the HAR 1.2 JSON schema (`har-schema`) and Ajv.
 */
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// The schemas declare draft-06 (which Ajv reads as draft-07, the same for these keywords) and a
// non-standard "optional" keyword: so no meta-schema and not strict.
const ajv = new Ajv({ strict: false, validateSchema: false });
addFormats(ajv);
const withoutMeta = ({ $schema: _meta, ...schema }: Record<string, unknown>) => schema;
for (const [name, schema] of Object.entries(harSchemas)) if (name !== 'har') ajv.addSchema(withoutMeta(schema));
const validateHar = ajv.compile(withoutMeta(harSchemas.har!));

/** Checks a value against the HAR 1.2 schema; null when valid, else the first problem as "path: message". */
export function harProblem(value: unknown): string | null {
  if (validateHar(value)) return null;
  const error = validateHar.errors?.[0];
  return error ? `${error.instancePath || '/'}: ${error.message ?? 'invalid'}` : 'invalid';
}

interface HarHeader {
  name: string;
  value: string;
}

/** The history (oldest first in the file, as a browser writes it) as a HAR 1.2 log. */
export function historyToHar(entries: readonly WebhookHistoryEntry[], bots: readonly Bot[], version: string): Record<string, unknown> {
  const urls = new Map(bots.map((b) => [b.botId, b.webhookUrl]));
  const harEntries = [...entries]
    .sort((a, b) => a.at - b.at)
    .map((entry) => {
      const url = entry.sentUrl ?? entry.request.url ?? urls.get(entry.request.botId) ?? 'http://127.0.0.1/';
      const method = entry.sentMethod ?? entry.request.method ?? 'POST';
      const headers: HarHeader[] = Object.entries(entry.sentHeaders).map(([name, value]) => ({ name, value }));
      const mimeType = entry.sentHeaders['content-type'] ?? 'application/json';
      const answer = typeof entry.trace.answer === 'string' ? entry.trace.answer : JSON.stringify(entry.trace.answer);
      let queryString: HarHeader[] = [];
      try {
        queryString = [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
      } catch {
        // A URL that does not parse keeps no query list; the text is still in `url`.
      }
      return {
        startedDateTime: new Date(entry.at).toISOString(),
        time: entry.durationMs,
        request: {
          method,
          url,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers,
          queryString,
          ...(method === 'GET'
            ? {}
            : {
                postData: {
                  mimeType,
                  text: entry.sentBody,
                  ...(/x-www-form-urlencoded/.test(mimeType)
                    ? { params: [...new URLSearchParams(entry.sentBody)].map(([name, value]) => ({ name, value })) }
                    : {}),
                },
              }),
          headersSize: -1,
          bodySize: Buffer.byteLength(entry.sentBody),
        },
        response: {
          status: entry.trace.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: [],
          content: {
            size: Buffer.byteLength(answer),
            mimeType: typeof entry.trace.answer === 'string' ? 'text/plain' : 'application/json',
            text: answer,
          },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: entry.durationMs, receive: 0 },
        // Botbench's own: where the webhook went, as the delivery trace said.
        comment: `${entry.trace.outcome}${entry.trace.reason ? `: ${entry.trace.reason}` : ''}`,
      };
    });
  return { log: { version: '1.2', creator: { name: 'Botbench', version }, entries: harEntries } };
}

/** Headers a browser or a client library adds that a replay must not copy. */
const HOP_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'accept-encoding',
  'keep-alive',
  'transfer-encoding',
  'te',
  'upgrade',
  'cookie',
]);

/** A HAR 1.2 file's entries as a collection draft (one request each). */
export function fromHar(json: unknown, context: MappingContext, name = 'Imported HAR'): CollectionImportPreview {
  const version = (json as { log?: { version?: unknown } } | null)?.log?.version;
  if (typeof version === 'string' && version !== '1.2' && version !== '1.1') {
    throw new BotbenchError('BOTBENCH_ERR_IMPORT_FORMAT', `This is a HAR ${version}; Botbench imports HAR 1.2.`, {
      expected: 'a HAR 1.2 file (log.version "1.2")',
    });
  }
  const problem = harProblem(json);
  if (problem !== null) {
    throw new BotbenchError('BOTBENCH_ERR_IMPORT_FORMAT', `The HAR file does not follow HAR 1.2 at ${problem}.`, {
      expected: 'a HAR 1.2 file as a browser’s network panel saves it',
    });
  }
  const log = (json as { log: { entries: Array<{ request: HarRequest }>; pages?: Array<{ title?: string }> } }).log;
  if (log.entries.length === 0) {
    throw new BotbenchError('BOTBENCH_ERR_IMPORT_EMPTY', 'The HAR file has no entries: there is no request to import.', {
      expected: 'a HAR with at least one entry in log.entries',
    });
  }
  const warnings: string[] = [];
  const items: DraftItem[] = log.entries.map((entry, index) => {
    const request = entry.request;
    let path = request.url;
    try {
      path = new URL(request.url).pathname;
    } catch {
      // Keep the text as it is.
    }
    const label = `${index + 1}. ${request.method} ${path}`;
    const mime = request.postData?.mimeType ?? '';
    const body =
      request.postData === undefined
        ? undefined
        : /x-www-form-urlencoded/.test(mime) && request.postData.text === undefined
          ? { mode: 'urlencoded', urlencoded: (request.postData.params ?? []).map((p) => ({ key: p.name, value: p.value ?? '' })) }
          : /x-www-form-urlencoded/.test(mime)
            ? { mode: 'urlencoded', urlencoded: [...new URLSearchParams(request.postData.text)].map(([key, value]) => ({ key, value })) }
            : { mode: 'raw', raw: request.postData.text ?? '', options: { raw: { language: /json/.test(mime) ? 'json' : 'text' } } };
    const mapped = requestFromPostman(
      {
        method: request.method,
        url: request.url,
        header: request.headers
          .filter((h) => !h.name.startsWith(':') && !HOP_HEADERS.has(h.name.toLowerCase()))
          .map((h) => ({ key: h.name, value: h.value })),
        ...(body ? { body } : {}),
      },
      context,
      undefined,
      label,
    );
    warnings.push(...mapped.warnings);
    return { kind: 'request', name: label, request: mapped.request };
  });
  checkSize(0, items.length);
  return { format: 'har-1.2', draft: { name: log.pages?.[0]?.title || name, description: '', items }, folders: 0, requests: items.length, warnings };
}

interface HarRequest {
  method: string;
  url: string;
  headers: HarHeader[];
  postData?: { mimeType: string; text?: string; params?: Array<{ name: string; value?: string }> };
}

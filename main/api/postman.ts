import { z } from 'zod';
import { WEBHOOK_METHODS, type CollectionImportPreview } from './webhook-request.ts';
import type { SignatureHeaders } from '../platform/model.ts';
import type { WebhookMethod, WebhookRequest } from '../workspace/types.ts';
import { BotbenchError } from '../platform/errors.ts';
import { isBotId } from '../common/ids.ts';
import type { Bot } from '../platform/model.ts';
import { MAX_FOLDER_DEPTH, MAX_ITEMS_PER_COLLECTION } from '../workspace/collections.ts';
import type { CollectionDraft, DraftItem } from '../workspace/saved-requests.ts';

/**
 * Postman Collection v2.1, both ways. What Botbench keeps beside a request and Postman has no
 * field for (its Bot ID, response path, signing) travels as a pre-request script, the way a
 * Postman user sets per-request variables: `pm.variables.set("responsePath", "…")`, and for a
 * signed request a script that signs it in Postman too. Postman's SDK keeps scripts (it drops
 * item-level variables), so a collection survives a trip through Postman.
 */
export const POSTMAN_SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** The Postman shape of one request, as far as Botbench reads or writes it. */
const description = z.union([z.string(), z.looseObject({ content: z.string().optional() }), z.null()]).optional();
const header = z.looseObject({ key: z.string(), value: z.string().nullable().optional(), disabled: z.boolean().optional() });
const urlObject = z.looseObject({
  raw: z.string().optional(),
  protocol: z.string().optional(),
  host: z.union([z.string(), z.array(z.string())]).optional(),
  port: z.string().optional(),
  path: z.union([z.string(), z.array(z.union([z.string(), z.looseObject({ value: z.string().nullable().optional() })]))]).optional(),
  query: z.array(z.looseObject({ key: z.string().nullable(), value: z.string().nullable().optional(), disabled: z.boolean().optional() })).optional(),
  hash: z.string().optional(),
});
const keyValue = z.looseObject({
  key: z.string(),
  value: z.string().nullable().optional(),
  disabled: z.boolean().optional(),
  type: z.string().optional(),
});
const body = z.looseObject({
  mode: z.string().optional(),
  raw: z.string().optional(),
  urlencoded: z.array(keyValue).optional(),
  formdata: z.array(keyValue).optional(),
  options: z.looseObject({ raw: z.looseObject({ language: z.string().optional() }).optional() }).optional(),
  disabled: z.boolean().optional(),
});
const authParam = z.looseObject({ key: z.string(), value: z.unknown().optional() });
const auth = z.looseObject({ type: z.string(), basic: z.array(authParam).optional(), bearer: z.array(authParam).optional() });
export const postmanRequestSchema = z.union([
  z.string(),
  z.looseObject({
    method: z.string().optional(),
    url: z.union([z.string(), urlObject]).optional(),
    header: z.union([z.array(header), z.string()]).optional(),
    body: body.nullable().optional(),
    auth: auth.nullable().optional(),
    description,
  }),
]);
export type PostmanRequest = z.infer<typeof postmanRequestSchema>;
const event = z.looseObject({
  listen: z.string(),
  script: z.looseObject({ exec: z.union([z.array(z.string()), z.string()]).optional() }).optional(),
  disabled: z.boolean().optional(),
});
interface PostmanItem {
  name?: string | undefined;
  item?: PostmanItem[] | undefined;
  request?: PostmanRequest | undefined;
  event?: Array<z.infer<typeof event>> | undefined;
}
const item: z.ZodType<PostmanItem> = z.lazy(() =>
  z.looseObject({
    name: z.string().optional(),
    item: z.array(item).optional(),
    request: postmanRequestSchema.optional(),
    event: z.array(event).optional(),
  }),
);
const collection = z.looseObject({
  info: z.looseObject({ name: z.string().min(1, 'info.name must not be empty'), schema: z.string(), description }),
  item: z.array(item),
});

/** Context for mapping requests: the bot to target when a request names none, and the known bots (to recognise their webhook URLs). */
export interface MappingContext {
  botId: string;
  bots: readonly Bot[];
}

const WEBHOOK_URL_VARIABLE = '{{webhookUrl}}';

// ---------- export ----------

/** A collection as Postman Collection v2.1 JSON. */
export function toPostman(draft: CollectionDraft): Record<string, unknown> {
  const items = (list: DraftItem[]): unknown[] =>
    list.map((entry) => (entry.kind === 'folder' ? { name: entry.name, item: items(entry.items) } : requestItem(entry.name, entry.request)));
  return {
    info: { name: draft.name, ...(draft.description ? { description: draft.description } : {}), schema: POSTMAN_SCHEMA_V21 },
    item: items(draft.items),
  };
}

function requestItem(name: string, request: WebhookRequest): Record<string, unknown> {
  const mode = request.bodyMode ?? 'json';
  const postmanBody =
    mode === 'form'
      ? { mode: 'urlencoded', urlencoded: (request.form ?? []).map((f) => ({ key: f.key, value: f.value, type: 'text' })) }
      : { mode: 'raw', raw: request.body, options: { raw: { language: mode === 'json' ? 'json' : 'text' } } };
  return {
    name,
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: botbenchScript(request) } }],
    request: {
      method: request.method ?? 'POST',
      header: Object.entries(request.headers).map(([key, value]) => ({ key, value, type: 'text' })),
      ...(request.method === 'GET' ? {} : { body: postmanBody }),
      url: request.url?.trim() ? request.url.trim() : WEBHOOK_URL_VARIABLE,
    },
  };
}

const SCRIPT_MARK = '// Botbench:';

/** The pre-request script that carries Botbench's fields (and, for a signed request, signs it in Postman too). */
function botbenchScript(request: WebhookRequest): string[] {
  const lines = [
    `${SCRIPT_MARK} what the Botbench composer keeps beside this request (webhookUrl and webhookSecret come from your environment).`,
    `pm.variables.set(${JSON.stringify('botId')}, ${JSON.stringify(request.botId)});`,
    `pm.variables.set(${JSON.stringify('responsePath')}, ${JSON.stringify(request.responsePath)});`,
  ];
  if (!request.sign) return lines;
  const family = request.signHeaders ?? 'webhook';
  return [
    ...lines,
    `${SCRIPT_MARK} sign ${family} (Standard Webhooks: v1,base64 HMAC-SHA256 of "id.timestamp.body" with the whsec_ secret)`,
    `const id = 'msg_' + pm.variables.replaceIn('{{$guid}}').replace(/-/g, '');`,
    `const timestamp = String(Math.floor(Date.now() / 1000));`,
    `const body = pm.variables.replaceIn(pm.request.body ? pm.request.body.toString() : '');`,
    `const key = CryptoJS.enc.Base64.parse(String(pm.variables.get('webhookSecret')).replace(/^whsec_/, ''));`,
    `const signature = 'v1,' + CryptoJS.HmacSHA256(id + '.' + timestamp + '.' + body, key).toString(CryptoJS.enc.Base64);`,
    `pm.request.headers.upsert({ key: '${family}-id', value: id });`,
    `pm.request.headers.upsert({ key: '${family}-timestamp', value: timestamp });`,
    `pm.request.headers.upsert({ key: '${family}-signature', value: signature });`,
  ];
}

// ---------- import ----------

/** Parses a Postman Collection v2.1 into a draft and what could not be mapped. Throws, naming what was expected, on anything else. */
export function fromPostman(json: unknown, context: MappingContext): CollectionImportPreview {
  const schema = (json as { info?: { schema?: unknown } } | null)?.info?.schema;
  if (typeof schema !== 'string' || !/\/collection\/v2\.1\.\d+\/collection\.json$/.test(schema)) {
    const version = typeof schema === 'string' ? (/\/(v[\d.]+)\//.exec(schema)?.[1] ?? schema) : null;
    const v1 = json !== null && typeof json === 'object' && 'requests' in json;
    throw new BotbenchError(
      'BOTBENCH_ERR_IMPORT_FORMAT',
      version
        ? `This is a Postman Collection ${version}; Botbench imports v2.1. In Postman, export the collection again as "Collection v2.1".`
        : v1
          ? 'This is a Postman Collection v1; Botbench imports v2.1. In Postman, export the collection again as "Collection v2.1".'
          : 'This is not a Postman collection: it has no info.schema.',
      { expected: `a Postman Collection v2.1 (info.schema ${POSTMAN_SCHEMA_V21}) or a HAR 1.2 file` },
    );
  }
  const parsed = collection.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BotbenchError(
      'BOTBENCH_ERR_IMPORT_FORMAT',
      `The Postman collection is malformed at ${issue.path.join('.') || 'its top'}: ${issue.message}.`,
      {
        expected: 'a Postman Collection v2.1 as Postman exports it',
        field: issue.path.join('.'),
      },
    );
  }
  const warnings: string[] = [];
  let folders = 0;
  let requests = 0;
  const map = (list: PostmanItem[], where: string, depth: number): DraftItem[] =>
    list.map((entry, index) => {
      const name = entry.name?.trim() || `Request ${index + 1}`;
      const here = where ? `${where} / ${name}` : name;
      if (entry.request === undefined) {
        if (depth >= MAX_FOLDER_DEPTH) {
          throw new BotbenchError('BOTBENCH_ERR_IMPORT_FORMAT', `Folders nest deeper than ${MAX_FOLDER_DEPTH} at "${here}".`, {
            expected: `folders at most ${MAX_FOLDER_DEPTH} deep`,
          });
        }
        folders++;
        return { kind: 'folder', name, items: map(entry.item ?? [], here, depth + 1) };
      }
      requests++;
      const script = readScript(entry.event ?? [], here, warnings);
      const mapped = requestFromPostman(entry.request, context, script, here);
      warnings.push(...mapped.warnings);
      return { kind: 'request', name, request: mapped.request };
    });
  const items = map(parsed.data.item, '', 1);
  checkSize(folders, requests);
  const info = parsed.data.info;
  return {
    format: 'postman-2.1',
    draft: { name: info.name.trim(), description: descriptionText(info.description), items },
    folders,
    requests,
    warnings,
  };
}

export function checkSize(folders: number, requests: number): void {
  if (requests === 0) {
    throw new BotbenchError('BOTBENCH_ERR_IMPORT_EMPTY', 'The file holds no request to import.', {
      expected: 'at least one request (a Postman item with a request, or a HAR entry)',
    });
  }
  if (folders + requests > MAX_ITEMS_PER_COLLECTION) {
    throw new BotbenchError(
      'BOTBENCH_ERR_IMPORT_FORMAT',
      `The file holds ${folders + requests} folders and requests; a collection holds at most ${MAX_ITEMS_PER_COLLECTION}.`,
      {
        expected: `at most ${MAX_ITEMS_PER_COLLECTION} folders and requests`,
      },
    );
  }
}

interface ScriptFields {
  variables: Record<string, string>;
  sign: SignatureHeaders | undefined;
}

/** Reads back what botbenchScript wrote; any other script is reported, never run. */
function readScript(events: PostmanItem['event'] & object, where: string, warnings: string[]): ScriptFields {
  const fields: ScriptFields = { variables: {}, sign: undefined };
  for (const e of events) {
    const exec = e.script?.exec;
    const lines = (Array.isArray(exec) ? exec : typeof exec === 'string' ? exec.split('\n') : []).map((l) => l.trim());
    const ours = lines.some((l) => l.startsWith(SCRIPT_MARK));
    if (e.listen !== 'prerequest' || !ours) {
      if (lines.some((l) => l !== '' && !l.startsWith('//')))
        warnings.push(`${where}: its ${e.listen} script is not run by Botbench and was left out.`);
      continue;
    }
    for (const line of lines) {
      const set = /^pm\.variables\.set\(("(?:[^"\\]|\\.)*"),\s*("(?:[^"\\]|\\.)*")\);$/.exec(line);
      if (set) fields.variables[JSON.parse(set[1]!) as string] = JSON.parse(set[2]!) as string;
      const sign = new RegExp(`^${SCRIPT_MARK} sign (webhook|svix)\\b`).exec(line);
      if (sign) fields.sign = sign[1] as SignatureHeaders;
    }
  }
  return fields;
}

/**
 * One Postman request as a composer request. Used by the collection import and the cURL import
 * (Postman's cURL parser answers Postman requests), so both map the same way.
 */
export function requestFromPostman(
  source: PostmanRequest,
  context: MappingContext,
  script: ScriptFields = { variables: {}, sign: undefined },
  where = 'the request',
): { request: WebhookRequest; warnings: string[] } {
  const warnings: string[] = [];
  const pm = typeof source === 'string' ? { url: source } : source;
  const rawMethod = (pm.method ?? 'GET').toUpperCase();
  let method: WebhookMethod = 'POST';
  if ((WEBHOOK_METHODS as readonly string[]).includes(rawMethod)) method = rawMethod as WebhookMethod;
  else warnings.push(`${where}: the method ${rawMethod} is not one the composer sends; it became POST.`);

  let url: string | undefined = urlText(pm.url);
  let botId = isBotId(script.variables.botId ?? '') ? script.variables.botId! : context.botId;
  if (url === WEBHOOK_URL_VARIABLE || url === '') url = undefined;
  const ownBot = url === undefined ? undefined : context.bots.find((b) => b.webhookUrl === url);
  if (ownBot) {
    botId = ownBot.botId;
    url = undefined;
  }

  const headers: Record<string, string> = {};
  const headerList = typeof pm.header === 'string' ? parseHeaderBlock(pm.header) : (pm.header ?? []);
  for (const h of headerList) {
    if (h.disabled) {
      warnings.push(`${where}: the disabled header ${h.key} was left out.`);
      continue;
    }
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h.key)) {
      warnings.push(`${where}: the header name ${JSON.stringify(h.key)} is not a valid HTTP header name and was left out.`);
      continue;
    }
    headers[h.key] = h.value ?? '';
  }

  if (pm.auth && pm.auth.type !== 'noauth') {
    const param = (list: Array<{ key: string; value?: unknown }> | undefined, key: string) => String(list?.find((p) => p.key === key)?.value ?? '');
    if (pm.auth.type === 'basic') {
      headers.Authorization = `Basic ${Buffer.from(`${param(pm.auth.basic, 'username')}:${param(pm.auth.basic, 'password')}`).toString('base64')}`;
    } else if (pm.auth.type === 'bearer') {
      headers.Authorization = `Bearer ${param(pm.auth.bearer, 'token')}`;
    } else {
      warnings.push(`${where}: ${pm.auth.type} authorization cannot be mapped; add its header by hand.`);
    }
  }

  let bodyMode: WebhookRequest['bodyMode'] = 'json';
  let text = '';
  let form: Array<{ key: string; value: string }> | undefined;
  const b = pm.body;
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (b && !b.disabled && b.mode) {
    if (b.mode === 'raw') {
      text = b.raw ?? '';
      const language = b.options?.raw?.language;
      const looksJson = language === 'json' || /json/i.test(contentType) || (language === undefined && isJsonTemplate(text));
      bodyMode = looksJson ? 'json' : 'text';
    } else if (b.mode === 'urlencoded') {
      bodyMode = 'form';
      form = [];
      for (const field of b.urlencoded ?? []) {
        if (field.disabled) warnings.push(`${where}: the disabled form field ${field.key} was left out.`);
        else form.push({ key: field.key, value: field.value ?? '' });
      }
    } else if (b.mode === 'formdata') {
      const files = (b.formdata ?? []).filter((f) => f.type === 'file');
      bodyMode = 'form';
      form = (b.formdata ?? []).filter((f) => f.type !== 'file' && !f.disabled).map((f) => ({ key: f.key, value: f.value ?? '' }));
      warnings.push(
        `${where}: a multipart (form-data) body became a URL-encoded form${files.length > 0 ? `; its file fields (${files.map((f) => f.key).join(', ')}) were left out` : ''}: Flow XO webhooks take JSON or URL-encoded forms.`,
      );
    } else {
      warnings.push(`${where}: a ${b.mode} body cannot be mapped; the body is empty.`);
    }
  } else if (method !== 'GET') {
    bodyMode = 'json';
  }

  let responsePath = script.variables.responsePath ?? '';
  if (responsePath === '') {
    const fromBody =
      bodyMode === 'form' ? form?.find((f) => f.key === 'response_path')?.value : (safeObject(text)?.response_path as string | undefined);
    if (typeof fromBody === 'string' && !fromBody.includes('{{')) responsePath = fromBody;
  }
  for (const key of Object.keys(script.variables)) {
    if (key !== 'botId' && key !== 'responsePath') warnings.push(`${where}: the script variable ${key} is not kept; put it in an environment.`);
  }

  const request: WebhookRequest = {
    botId,
    responsePath,
    body: bodyMode === 'form' ? '' : text,
    headers,
    method,
    bodyMode,
    ...(form ? { form } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(script.sign ? { sign: true, signHeaders: script.sign } : {}),
  };
  return { request, warnings };
}

/** Postman's URL as text: `raw` when there, else rebuilt from its parts (Postman's SDK exports parts only). */
export function urlText(url: z.infer<typeof urlObject> | string | undefined): string {
  if (url === undefined) return '';
  if (typeof url === 'string') return url.trim();
  if (url.raw !== undefined) return url.raw.trim();
  const host = Array.isArray(url.host) ? url.host.join('.') : (url.host ?? '');
  const path = Array.isArray(url.path) ? url.path.map((p) => (typeof p === 'string' ? p : (p.value ?? ''))).join('/') : (url.path ?? '');
  const query = (url.query ?? [])
    .filter((q) => !q.disabled && q.key !== null)
    .map((q) => (q.value === null || q.value === undefined ? q.key! : `${q.key}=${q.value}`))
    .join('&');
  return `${url.protocol ? `${url.protocol}://` : ''}${host}${url.port ? `:${url.port}` : ''}${path ? `/${path.replace(/^\//, '')}` : ''}${query ? `?${query}` : ''}${url.hash ? `#${url.hash}` : ''}`;
}

function parseHeaderBlock(block: string): Array<{ key: string; value: string; disabled?: boolean }> {
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(':'))
    .map((line) => ({ key: line.slice(0, line.indexOf(':')).trim(), value: line.slice(line.indexOf(':') + 1).trim() }));
}

function descriptionText(value: z.infer<typeof description>): string {
  if (typeof value === 'string') return value;
  return value?.content ?? '';
}

function isJsonTemplate(text: string): boolean {
  if (text.trim() === '') return true;
  try {
    JSON.parse(text.replace(/\{\{\s*[$\w.-]+\s*\}\}/g, ''));
    return true;
  } catch {
    return false;
  }
}

function safeObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

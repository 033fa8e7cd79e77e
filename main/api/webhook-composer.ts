import { nanoid } from 'nanoid';
import type { ProfileSnapshot } from '../profiles/types.ts';
import type { DeliveryTrace, WebhookHistoryEntry, WebhookRequest } from '../workspace/types.ts';
import { jsonStringEscape, resolveVariables, type VariableScope } from './variables.ts';
import { BotbenchError } from '../platform/errors.ts';
import type { Bot } from '../platform/model.ts';
import { tryParseResponsePath } from '../platform/response-path.ts';
import { signWebhook } from '../platform/webhook-signatures.ts';

/** The composer's built-in variables, next to an environment's own. */
export const BUILT_IN_VARIABLES = ['responsePath', 'botId', 'channelId', 'now', 'webhookUrl'] as const;

/** A request with every variable filled in, signed if asked: exactly what goes on the wire. */
export interface PreparedWebhook {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Undefined for GET (fetch sends no body with it). */
  body: string | undefined;
  /** The response path after variables, for the delivery trace. */
  responsePath: string;
}

const DEFAULT_CONTENT_TYPE = { json: 'application/json', form: 'application/x-www-form-urlencoded', text: 'text/plain' } as const;

/**
 * Fills the request's variables from the built-ins and the environment (URL, response path,
 * headers, body), encodes the body for its mode and signs it. Throws before anything is sent:
 * an unknown variable, a cycle, a target that is not loopback.
 */
export function prepareWebhook(
  bot: Bot,
  request: WebhookRequest,
  environment: Readonly<Record<string, string>> = {},
  now = new Date(),
): PreparedWebhook {
  const base: Record<string, string> = { botId: request.botId, now: now.toISOString(), webhookUrl: bot.webhookUrl };
  // The response path may itself use variables ({{botId}}/c/{{userId}}); the other built-ins come from it.
  const responsePath = resolveVariables(request.responsePath, { builtIns: base, environment, now }, undefined, 'response path');
  const parsed = tryParseResponsePath(responsePath);
  const scope: VariableScope = {
    builtIns: { ...base, responsePath, channelId: parsed.ok ? parsed.value.channelId : '' },
    environment,
    now,
  };
  const url = request.url?.trim() ? resolveVariables(request.url.trim(), scope, undefined, 'URL') : bot.webhookUrl;
  requireLoopback(url);
  const method = request.method ?? 'POST';
  const mode = request.bodyMode ?? 'json';
  let body: string | undefined;
  if (mode === 'form') {
    const fields = new URLSearchParams();
    for (const field of request.form ?? []) {
      if (field.key.trim() === '') continue;
      fields.append(resolveVariables(field.key, scope, undefined, 'form'), resolveVariables(field.value, scope, undefined, 'form'));
    }
    body = fields.toString();
  } else {
    body = resolveVariables(request.body, scope, mode === 'json' ? jsonStringEscape : undefined, 'body');
  }
  if (method === 'GET') body = undefined;
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': DEFAULT_CONTENT_TYPE[mode] };
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.trim() === '') continue;
    headers[key.trim().toLowerCase()] = resolveVariables(value, scope, undefined, `header ${key}`);
  }
  if (request.sign) Object.assign(headers, signWebhook(bot, `msg_${nanoid(20)}`, body ?? '', now, request.signHeaders ?? 'webhook'));
  return { method, url, headers, body, responsePath };
}

/** Loopback only: the composer (and its bulk sends) must not become a way to hit other machines. */
export function requireLoopback(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const host = parsed?.hostname.replace(/^\[|\]$/g, '');
  const loopback = host !== undefined && (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host));
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && loopback) return;
  throw new BotbenchError('BOTBENCH_ERR_TARGET_NOT_LOOPBACK', `The composer sends only to loopback; ${JSON.stringify(url.slice(0, 200))} is not.`, {
    expected: 'an http(s) URL on 127.0.0.0/8, localhost or [::1] (the bot’s webhook URL when empty)',
    field: 'url',
  });
}

/** What came back from one prepared request. */
export interface WebhookAnswer {
  status: number;
  answer: unknown;
  durationMs: number;
}

export async function sendPrepared(prepared: PreparedWebhook, signal?: AbortSignal): Promise<WebhookAnswer> {
  const started = performance.now();
  const response = await fetch(prepared.url, {
    method: prepared.method,
    headers: prepared.headers,
    ...(prepared.body === undefined ? {} : { body: prepared.body }),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  return { status: response.status, answer: safeJson(text) ?? text, durationMs };
}

/** delivered / queued / refused for a webhook URL; answered for another target (a bin, a local server) that said 2xx. */
export function outcomeOf(bot: Bot, prepared: PreparedWebhook, status: number, answer: unknown): DeliveryTrace['outcome'] {
  if (status < 200 || status > 299) return 'refused';
  if (!isWebhookUrl(prepared.url, bot)) return 'answered';
  return (answer as { status?: unknown } | null)?.status === 'queued' ? 'queued' : 'delivered';
}

function isWebhookUrl(url: string, bot: Bot): boolean {
  try {
    const target = new URL(url);
    const own = new URL(bot.webhookUrl);
    return target.pathname.startsWith('/hooks/') && target.port === own.port;
  } catch {
    return false;
  }
}

/**
 * Sends a composed webhook through real HTTP (the bot's webhook URL unless told otherwise), then
 * says where it went: the platform's answer, and which open profiles show that response path.
 */
export async function sendWebhook(
  bot: Bot,
  request: WebhookRequest,
  profiles: readonly ProfileSnapshot[],
  environment: Readonly<Record<string, string>> = {},
): Promise<WebhookHistoryEntry> {
  const prepared = prepareWebhook(bot, request, environment);
  const { status, answer, durationMs } = await sendPrepared(prepared);
  const targetPath = pathOf(answer) ?? pathOf(safeJson(prepared.body ?? '')) ?? prepared.responsePath;
  const showing = profiles.filter((p) => p.status === 'connected' && p.responsePath === targetPath).map((p) => ({ id: p.id, label: p.label }));
  const outcome = outcomeOf(bot, prepared, status, answer);
  const trace: DeliveryTrace = {
    status,
    answer,
    profiles: outcome === 'answered' ? [] : showing,
    outcome,
    reason: outcome === 'refused' ? ((answer as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${status}`) : null,
  };
  return {
    id: nanoid(12),
    at: Date.now(),
    request,
    sentMethod: prepared.method,
    sentUrl: prepared.url,
    sentResponsePath: prepared.responsePath,
    sentBody: prepared.body ?? '',
    sentHeaders: prepared.headers,
    trace,
    durationMs,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function pathOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as { responsePath?: unknown; response_path?: unknown };
  const path = record.responsePath ?? record.response_path;
  return typeof path === 'string' ? path : undefined;
}

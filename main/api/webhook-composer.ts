import { Liquid } from 'liquidjs';
import { nanoid } from 'nanoid';
import type { ProfileSnapshot } from '../profiles/types.ts';
import type { DeliveryTrace, WebhookHistoryEntry, WebhookRequest } from '../workspace/types.ts';
import { BotbenchError } from '../platform/errors.ts';
import type { Bot } from '../platform/model.ts';
import { tryParseResponsePath } from '../platform/response-path.ts';
import { signWebhook } from '../platform/webhook-signatures.ts';

// Values land inside JSON strings, so they are escaped for that context; a missing variable renders empty.
const liquid = new Liquid({
  strictVariables: false,
  strictFilters: true,
  outputEscape: (value: unknown) => (value === undefined || value === null ? '' : JSON.stringify(String(value)).slice(1, -1)),
});

/** Fills `{{responsePath}}`, `{{botId}}`, `{{channelId}}` and `{{now}}` into a composer body. */
export async function renderWebhookBody(request: WebhookRequest, now = new Date()): Promise<string> {
  const parsed = tryParseResponsePath(request.responsePath);
  try {
    return await liquid.parseAndRender(request.body, {
      responsePath: request.responsePath,
      botId: request.botId,
      channelId: parsed.ok ? parsed.value.channelId : '',
      now: now.toISOString(),
    });
  } catch (error) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `The body template does not render: ${(error as Error).message}`, {
      expected: 'a body with {{variables}} such as {{responsePath}}',
      field: 'body',
    });
  }
}

/**
 * Sends a composed webhook through the bot's real webhook URL (real HTTP), then says where it
 * went: the platform's answer, and which open profiles show that response path.
 */
export async function sendWebhook(bot: Bot, request: WebhookRequest, profiles: readonly ProfileSnapshot[]): Promise<WebhookHistoryEntry> {
  const sentBody = await renderWebhookBody(request);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...lowerCaseKeys(request.headers),
    ...(request.sign ? signWebhook(bot, `msg_${nanoid(20)}`, sentBody) : {}),
  };
  const started = performance.now();
  const response = await fetch(bot.webhookUrl, { method: 'POST', headers, body: sentBody });
  const text = await response.text();
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  let answer: unknown = text;
  try {
    answer = JSON.parse(text);
  } catch {
    // Not JSON: keep the text as it came.
  }
  const targetPath = pathOf(answer) ?? pathOf(safeJson(sentBody)) ?? request.responsePath;
  const showing = profiles.filter((p) => p.status === 'connected' && p.responsePath === targetPath).map((p) => ({ id: p.id, label: p.label }));
  const status = (answer as { status?: unknown }).status;
  const trace: DeliveryTrace = response.ok
    ? { status: response.status, answer, profiles: showing, outcome: status === 'queued' ? 'queued' : 'delivered', reason: null }
    : {
        status: response.status,
        answer,
        profiles: showing,
        outcome: 'refused',
        reason: (answer as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`,
      };
  return { id: nanoid(12), at: Date.now(), request, sentBody, sentHeaders: headers, trace, durationMs };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
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

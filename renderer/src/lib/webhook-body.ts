/** The composer's starting body. */
export const DEFAULT_WEBHOOK_BODY = '{"response_path": "{{responsePath}}", "text": "Hello from a webhook"}';

/** The variables main fills in before sending (main/api/webhook-composer.ts). */
export const WEBHOOK_VARIABLES: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'responsePath', description: 'the response path above' },
  { name: 'botId', description: 'the target bot’s Bot ID' },
  { name: 'channelId', description: 'the Channel ID part of the response path' },
  { name: 'now', description: 'the time of sending, ISO 8601' },
  { name: 'webhookUrl', description: 'the target bot’s webhook URL' },
];

/** Postman's dynamic values main makes anew at each use (main/api/variables.ts). */
export const DYNAMIC_VARIABLES: ReadonlyArray<{ name: string; description: string }> = [
  { name: '$guid', description: 'a new UUID v4' },
  { name: '$timestamp', description: 'the Unix time in seconds' },
  { name: '$isoTimestamp', description: 'the time, ISO 8601' },
  { name: '$randomInt', description: 'a random integer from 0 to 1000' },
];

export type BodyCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether the body will be JSON once sent. Variables are filled in escaped for a JSON string,
 * so they are checked as empty text: a variable outside quotes makes the body invalid, as it will.
 */
export function checkWebhookBody(body: string): BodyCheck {
  if (body.trim() === '') return { ok: false, reason: 'The body is empty.' };
  try {
    JSON.parse(body.replace(/\{\{\s*[$\w.-]+\s*\}\}/g, ''));
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** Header rows as the contract wants them: blank keys dropped, keys trimmed. */
export function headersFromRows(rows: ReadonlyArray<{ key: string; value: string }>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key !== '') headers[key] = row.value;
  }
  return headers;
}

/**
 * Fills `{{name}}` from known values (the bot's ID, the selected environment) for what the
 * composer shows as you type; null when a name is not known here (main decides when sending).
 */
export function previewVariables(text: string, values: Readonly<Record<string, string>>): string | null {
  let unknown = false;
  const fill = (value: string, depth: number): string =>
    value.replace(/\{\{\s*([$\w.-]+)\s*\}\}/g, (_m, name: string) => {
      if (depth > 10 || !Object.hasOwn(values, name)) {
        unknown = true;
        return '';
      }
      return fill(values[name]!, depth + 1);
    });
  const filled = fill(text, 0);
  return unknown ? null : filled;
}

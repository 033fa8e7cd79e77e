/**
 * What a customer's server does with a bot's secrets, as code to copy: the userHash of identity
 * verification, and a Standard Webhooks signature. The secret is filled in, so a copied sample
 * runs against this workbench as it is. The samples are documents (docs/samples/): code for the
 * customer's server, which the renderer only shows as text.
 */
import nodeSignedWebhook from '../../../docs/samples/signed-webhook.node.txt?raw';
import nodeUserHash from '../../../docs/samples/user-hash.node.txt?raw';
import pythonUserHash from '../../../docs/samples/user-hash.python.txt?raw';

/** The secret as shown until the tester reveals it: a known prefix stays, the length does not show. */
export function maskSecret(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  return `${prefix}${'•'.repeat(20)}`;
}

/** A single-quoted string literal, valid in JavaScript and in Python (JSON's escapes, with ' escaped instead of "). */
function literal(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

/** Fills a sample's `{{name}}` places with string literals. */
function fill(sample: string, values: Record<string, string>): string {
  return sample.trimEnd().replace(/\{\{(\w+)\}\}/g, (_, name: string) => literal(values[name] ?? ''));
}

/** Node: userHash = HMAC-SHA256(identitySecret, externalUserId) as hex. */
export function nodeUserHashSample(secret: string): string {
  return fill(nodeUserHash, { secret });
}

/** Python: the same hash with the standard library. */
export function pythonUserHashSample(secret: string): string {
  return fill(pythonUserHash, { secret });
}

/** The three headers a signed webhook carries. */
export const SIGNATURE_HEADERS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'webhook-id', description: 'a new ID for every message; an ID seen in the last 10 minutes is refused as a replay' },
  { name: 'webhook-timestamp', description: 'when it was signed, in Unix seconds; refused when more than 5 minutes off' },
  { name: 'webhook-signature', description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body"> made with the secret' },
];

/** Node: a signed webhook to the bot's URL with the `standardwebhooks` package. */
export function nodeWebhookSample(secret: string, webhookUrl: string, responsePath: string): string {
  return fill(nodeSignedWebhook, { secret, webhookUrl, responsePath });
}

/**
 * What a customer's server does with a bot's secrets, as code to copy: the userHash of identity
 * verification, and a Standard Webhooks signature. The secret is filled in, so a copied sample
 * runs against this workbench as it is.
 */

/** The secret as shown until the tester reveals it: a known prefix stays, the length does not show. */
export function maskSecret(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  return `${prefix}${'•'.repeat(20)}`;
}

/** A single-quoted string literal, valid in JavaScript and in Python (JSON's escapes, with ' escaped instead of "). */
function literal(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

/** Node: userHash = HMAC-SHA256(identitySecret, externalUserId) as hex. */
export function nodeUserHashSample(secret: string): string {
  return [
    `import crypto from 'node:crypto';`,
    ``,
    `// On your server only: whoever has the secret can sign in as anyone.`,
    `const secret = ${literal(secret)};`,
    `const userHash = crypto.createHmac('sha256', secret).update(userId).digest('hex');`,
    `// The page then sets both: FxoMessenger.setConfig({ externalUserId: userId, userHash })`,
  ].join('\n');
}

/** Python: the same hash with the standard library. */
export function pythonUserHashSample(secret: string): string {
  return [
    `import hashlib`,
    `import hmac`,
    ``,
    `# On your server only: whoever has the secret can sign in as anyone.`,
    `secret = ${literal(secret)}`,
    `user_hash = hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()`,
  ].join('\n');
}

/** The three headers a signed webhook carries. */
export const SIGNATURE_HEADERS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'webhook-id', description: 'a new ID for every message; an ID seen in the last 10 minutes is refused as a replay' },
  { name: 'webhook-timestamp', description: 'when it was signed, in Unix seconds; refused when more than 5 minutes off' },
  { name: 'webhook-signature', description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body"> made with the secret' },
];

/** Node: a signed webhook to the bot's URL with the `standardwebhooks` package. */
export function nodeWebhookSample(secret: string, webhookUrl: string, responsePath: string): string {
  return [
    `import { Webhook } from 'standardwebhooks';`,
    ``,
    `const secret = ${literal(secret)};`,
    `const body = JSON.stringify({ response_path: ${literal(responsePath)}, text: 'Your order shipped' });`,
    `const msgId = \`msg_\${crypto.randomUUID()}\`;`,
    `const timestamp = new Date();`,
    `const signature = new Webhook(secret).sign(msgId, timestamp, body);`,
    ``,
    `await fetch(${literal(webhookUrl)}, {`,
    `  method: 'POST',`,
    `  headers: {`,
    `    'content-type': 'application/json',`,
    `    'webhook-id': msgId,`,
    `    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),`,
    `    'webhook-signature': signature,`,
    `  },`,
    `  body,`,
    `});`,
  ].join('\n');
}

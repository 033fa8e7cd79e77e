import crypto from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { userHashFor } from '../../../main/platform/identity-verification.ts';
import { maskSecret, nodeUserHashSample, nodeWebhookSample, pythonUserHashSample } from '../../../renderer/src/lib/secret-samples.ts';

const IDENTITY_SECRET = 'test-identity-secret';
const WEBHOOK_SECRET = 'whsec_dGVzdC1zZWNyZXQtZm9yLXJlbmRlcmVyLXRlc3Rz';

/** Runs a sample's JavaScript with its imports given as arguments (Function bodies cannot import). */
function runSample(code: string, names: string[], values: unknown[]): Promise<unknown> {
  const body = code
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n');
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<unknown>;
  return new AsyncFunction(...names, body)(...values);
}

describe('maskSecret()', () => {
  it('hides the whole secret but its whsec_ prefix, whatever its length', () => {
    expect(maskSecret(WEBHOOK_SECRET)).toBe(`whsec_${'•'.repeat(20)}`);
    expect(maskSecret(IDENTITY_SECRET)).toBe('•'.repeat(20));
    expect(maskSecret('short')).toBe(maskSecret('a-much-longer-secret-than-that'));
  });
});

describe('nodeUserHashSample()', () => {
  it('computes, when run, the very userHash the platform checks', async () => {
    const code = `${nodeUserHashSample(IDENTITY_SECRET)}\nreturn userHash;`;
    const userHash = await runSample(code, ['crypto', 'userId'], [crypto, 'User123']);
    expect(userHash).toBe(userHashFor(IDENTITY_SECRET, 'User123'));
  });

  it('quotes a secret with quotes and backslashes so the sample still computes its hash', async () => {
    const awkward = `it's "quoted" \\ and \\"`;
    const code = `${nodeUserHashSample(awkward)}\nreturn userHash;`;
    expect(await runSample(code, ['crypto', 'userId'], [crypto, 'User123'])).toBe(userHashFor(awkward, 'User123'));
  });
});

describe('pythonUserHashSample()', () => {
  it('fills in the secret and uses HMAC-SHA256 as hex', () => {
    const code = pythonUserHashSample(IDENTITY_SECRET);
    expect(code).toContain(`secret = '${IDENTITY_SECRET}'`);
    expect(code).toContain('hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()');
  });
});

describe('nodeWebhookSample()', () => {
  it('sends, when run, a webhook whose signature the standardwebhooks verifier accepts', async () => {
    const sent: Array<{ url: string; init: { headers: Record<string, string>; body: string } }> = [];
    const fakeFetch = (url: string, init: { headers: Record<string, string>; body: string }) => {
      sent.push({ url, init });
      return Promise.resolve();
    };
    const code = nodeWebhookSample(WEBHOOK_SECRET, 'http://127.0.0.1:4010/hooks/abc', 'bot/c/User123');
    await runSample(code, ['Webhook', 'fetch'], [Webhook, fakeFetch]);

    expect(sent).toHaveLength(1);
    const { url, init } = sent[0]!;
    expect(url).toBe('http://127.0.0.1:4010/hooks/abc');
    expect(JSON.parse(init.body)).toEqual({ response_path: 'bot/c/User123', text: 'Your order shipped' });
    expect(Object.keys(init.headers)).toEqual(['content-type', 'webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(new Webhook(WEBHOOK_SECRET).verify(init.body, init.headers)).toEqual(JSON.parse(init.body));
  });
});

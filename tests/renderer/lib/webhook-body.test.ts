import { describe, expect, it } from 'vitest';
import { checkWebhookBody, DEFAULT_WEBHOOK_BODY, headersFromRows } from '../../../renderer/src/lib/webhook-body.ts';

describe('checkWebhookBody()', () => {
  it('accepts the default body with its variables inside strings', () => {
    expect(checkWebhookBody(DEFAULT_WEBHOOK_BODY)).toEqual({ ok: true });
  });

  it('refuses an empty body, broken JSON, and a variable outside quotes', () => {
    expect(checkWebhookBody('  ')).toEqual({ ok: false, reason: 'The body is empty.' });
    expect(checkWebhookBody('{"text": "hi",}').ok).toBe(false);
    expect(checkWebhookBody('{"at": {{now}}}').ok).toBe(false);
  });
});

describe('headersFromRows()', () => {
  it('drops rows without a name and trims names', () => {
    expect(
      headersFromRows([
        { key: ' X-Token ', value: 'abc' },
        { key: '', value: 'ignored' },
      ]),
    ).toEqual({ 'X-Token': 'abc' });
  });
});

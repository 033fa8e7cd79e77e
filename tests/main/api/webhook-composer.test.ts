import { describe, expect, it } from 'vitest';
import { renderWebhookBody } from '../../../main/api/webhook-composer.ts';

const botId = '5852754509ac70000c104b80';
const request = (body: string, responsePath = `${botId}/c/User123`) => ({ botId, responsePath, body, headers: {} });

describe('renderWebhookBody()', () => {
  it('fills responsePath, botId, channelId and now', async () => {
    const body = await renderWebhookBody(
      request('{"response_path":"{{responsePath}}","bot":"{{botId}}","who":"{{channelId}}","at":"{{now}}"}'),
      new Date(0),
    );
    expect(JSON.parse(body)).toEqual({ response_path: `${botId}/c/User123`, bot: botId, who: 'User123', at: '1970-01-01T00:00:00.000Z' });
  });

  it('renders a missing variable empty, as Flow XO does', async () => {
    expect(await renderWebhookBody(request('{"x":"{{nothing}}"}'))).toBe('{"x":""}');
  });

  it('escapes values for a JSON string, so quotes cannot break the body', async () => {
    const body = await renderWebhookBody(request('{"response_path":"{{responsePath}}"}', `${botId}/c/a"b`));
    expect(JSON.parse(body)).toEqual({ response_path: `${botId}/c/a"b` });
  });

  it('refuses a template that does not parse with BOTBENCH_ERR_VALIDATION naming the body', async () => {
    await expect(renderWebhookBody(request('{"x":"{{ responsePath | nosuchfilter }}"}'))).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_VALIDATION',
      field: 'body',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { importCurl } from '../../../main/api/curl-import.ts';
import type { Bot } from '../../../main/platform/model.ts';

const botId = '5852754509ac70000c104b80';
const bot = { botId, webhookUrl: 'http://127.0.0.1:4000/hooks/abc' } as Bot;
const context = { botId: 'aaaaaaaaaaaaaaaaaaaaaaaa', bots: [bot] };

describe('importCurl()', () => {
  it('maps a webhook from a back end’s logs: method, bot (from its webhook URL), headers, JSON body and response path', () => {
    const { request, warnings } = importCurl(
      `curl -X POST 'http://127.0.0.1:4000/hooks/abc' -H 'Content-Type: application/json' -H 'X-Trace: 7' --data-raw '{"response_path":"${botId}/c/User123","text":"hi"}'`,
      context,
    );
    expect(request).toEqual({
      botId,
      responsePath: `${botId}/c/User123`,
      body: `{"response_path":"${botId}/c/User123","text":"hi"}`,
      headers: { 'Content-Type': 'application/json', 'X-Trace': '7' },
      method: 'POST',
      bodyMode: 'json',
    });
    expect(warnings).toEqual([]);
  });

  it('maps -d form data and --data-urlencode to a form body, -u to an Authorization header', () => {
    const { request } = importCurl(
      `curl http://127.0.0.1:5000/bin/x -d 'response_path=${botId}/c/U1&text=a' --data-urlencode 'more=hello world' -u me:pw`,
      context,
    );
    expect(request).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:5000/bin/x',
      bodyMode: 'form',
      responsePath: `${botId}/c/U1`,
      form: [
        { key: 'response_path', value: `${botId}/c/U1` },
        { key: 'text', value: 'a' },
        { key: 'more', value: 'hello world' },
      ],
      headers: { Authorization: `Basic ${Buffer.from('me:pw').toString('base64')}` },
    });
    expect(request.botId).toBe(context.botId);
  });

  it('sends a production URL (e.g. from Flow XO docs) to the target bot instead, and says so', () => {
    const { request, warnings } = importCurl(
      `curl -X POST https://flowxo.com/hooks/a/xyz -H 'Content-Type: application/json' -d '{"text":"x"}'`,
      context,
    );
    expect(request.url).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('https://flowxo.com/hooks/a/xyz is not on this machine')]);
  });

  it('says which parts cannot be mapped: files of a multipart form, ignored options', () => {
    const { request, warnings } = importCurl(`curl -k --compressed -F 'text=hi' -F 'file=@a.txt' http://127.0.0.1:4000/hooks/abc`, context);
    expect(request.form).toEqual([{ key: 'text', value: 'hi' }]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('file fields (file) were left out'),
        expect.stringContaining('--insecure'),
        expect.stringContaining('--compressed'),
      ]),
    );
  });

  it('accepts a command copied with line continuations and a leading prompt', () => {
    const { request } = importCurl(
      `$ curl -X PUT \\\n  'http://localhost:4000/x' \\\n  -H 'Content-Type: text/plain' \\\n  --data-raw 'plain text'`,
      context,
    );
    expect(request).toMatchObject({ method: 'PUT', url: 'http://localhost:4000/x', bodyMode: 'text', body: 'plain text' });
  });

  it.each([
    ['text that is not curl', 'wget http://x', 'must begin with "curl "'],
    ['curl without a URL', 'curl -X POST', 'does not parse'],
    ['an unterminated quote', `curl 'http://127.0.0.1/x`, 'single quote is never closed'],
    ['a URL without a scheme', `curl 127.0.0.1:4000/x`, 'no http(s) URL'],
  ])('refuses %s with BOTBENCH_ERR_CURL and what was expected', (_label, command, message) => {
    expect(() => importCurl(command, context)).toThrow(
      expect.objectContaining({
        code: 'BOTBENCH_ERR_CURL',
        message: expect.stringContaining(message),
        expected: expect.stringContaining('curl -X POST'),
      }),
    );
  });
});

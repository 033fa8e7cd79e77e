import { describe, expect, it } from 'vitest';
import { buildCurl, shellQuote } from '../../../renderer/src/lib/curl.ts';

describe('shellQuote()', () => {
  it('wraps in single quotes and escapes inner single quotes', () => {
    expect(shellQuote('plain')).toBe("'plain'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});

describe('buildCurl()', () => {
  it('posts the sent body as JSON to the webhook URL', () => {
    expect(buildCurl({ url: 'http://127.0.0.1:4010/hooks/abc', headers: {}, body: '{"text":"Hi"}' })).toBe(
      ["curl -X POST 'http://127.0.0.1:4010/hooks/abc'", "-H 'content-type: application/json'", `--data-raw '{"text":"Hi"}'`].join(' \\\n  '),
    );
  });

  it('adds the headers, lets one override the content type, and skips blank names', () => {
    const curl = buildCurl({
      url: 'http://h/x',
      headers: { 'X-Token': 'a b', 'Content-Type': 'application/x-www-form-urlencoded', ' ': 'dropped' },
      body: 'a=1',
    });
    expect(curl).toContain("-H 'x-token: a b'");
    expect(curl).toContain("-H 'content-type: application/x-www-form-urlencoded'");
    expect(curl).not.toContain('application/json');
    expect(curl).not.toContain('dropped');
  });

  it('repeats the headers actually sent, signature included, instead of the requested ones', () => {
    const curl = buildCurl({
      url: 'http://h/x',
      headers: { 'X-Trace': 'abc' },
      sentHeaders: {
        'content-type': 'application/json',
        'x-trace': 'abc',
        'webhook-id': 'msg_1',
        'webhook-timestamp': '1700000000',
        'webhook-signature': 'v1,c2lnbmF0dXJl',
      },
      body: '{}',
    });
    expect(curl.split(' \\\n  ')).toEqual([
      "curl -X POST 'http://h/x'",
      "-H 'content-type: application/json'",
      "-H 'x-trace: abc'",
      "-H 'webhook-id: msg_1'",
      "-H 'webhook-timestamp: 1700000000'",
      "-H 'webhook-signature: v1,c2lnbmF0dXJl'",
      "--data-raw '{}'",
    ]);
  });

  it('falls back to the requested headers when none were recorded as sent', () => {
    const curl = buildCurl({ url: 'http://h/x', headers: { 'X-Trace': 'abc' }, sentHeaders: {}, body: '{}' });
    expect(curl).toContain("-H 'content-type: application/json'");
    expect(curl).toContain("-H 'x-trace: abc'");
  });

  it('keeps a body with quotes and newlines intact for the shell', () => {
    const curl = buildCurl({ url: 'http://h/x', headers: {}, body: `{"text":"it's\nfine"}` });
    expect(curl.endsWith(`--data-raw '{"text":"it'\\''s\nfine"}'`)).toBe(true);
  });
});

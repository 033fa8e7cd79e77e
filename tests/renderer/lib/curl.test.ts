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

  it('keeps a body with quotes and newlines intact for the shell', () => {
    const curl = buildCurl({ url: 'http://h/x', headers: {}, body: `{"text":"it's\nfine"}` });
    expect(curl.endsWith(`--data-raw '{"text":"it'\\''s\nfine"}'`)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { checkSiteUrl, defaultSiteName, isSiteUrl, readSiteUrl, SITE_URL_MAX } from '../../../main/common/site-url.ts';

describe('checkSiteUrl()', () => {
  it('takes absolute http, https and file URLs, normalised', () => {
    expect(checkSiteUrl('http://localhost:3000/account')).toEqual({ ok: true, url: 'http://localhost:3000/account' });
    expect(checkSiteUrl('  https://Staging.Example.com  ')).toEqual({ ok: true, url: 'https://staging.example.com/' });
    expect(checkSiteUrl('file:///home/me/saved%20page.html')).toEqual({ ok: true, url: 'file:///home/me/saved%20page.html' });
  });

  it('refuses anything else with the reason', () => {
    expect(checkSiteUrl('')).toEqual({ ok: false, reason: 'it is empty' });
    expect(checkSiteUrl('javascript:alert(1)')).toEqual({ ok: false, reason: 'its scheme is javascript:' });
    expect(checkSiteUrl('http://user:pw@example.com/')).toMatchObject({ ok: false, reason: expect.stringContaining('user name or password') });
    expect(checkSiteUrl('localhost')).toMatchObject({ ok: false, reason: expect.stringContaining('not an absolute URL') });
    expect(isSiteUrl(42)).toBe(false);
  });

  it('says why anything else is refused', () => {
    const cases: Array<[unknown, string]> = [
      ['', 'it is empty'],
      [42, 'it is empty'],
      ['shop.example.com', 'is not an absolute URL'],
      ['ftp://shop.example.com/', 'its scheme is ftp:'],
      ['javascript:alert(1)', 'its scheme is javascript:'],
      ['https://user:secret@shop.example.com/', 'user name or password'],
      [`https://x.test/${'a'.repeat(SITE_URL_MAX)}`, `longer than ${SITE_URL_MAX}`],
    ];
    for (const [value, reason] of cases) {
      const checked = checkSiteUrl(value);
      expect(checked.ok, String(value)).toBe(false);
      if (!checked.ok) expect(checked.reason).toContain(reason);
    }
  });
});

describe('readSiteUrl()', () => {
  it('completes what a browser’s address bar would: a bare host, a loopback host:port, an absolute file path', () => {
    expect(readSiteUrl('localhost:3000')).toEqual({ ok: true, url: 'http://localhost:3000/' });
    expect(readSiteUrl('127.0.0.1:8080/shop?x=1')).toEqual({ ok: true, url: 'http://127.0.0.1:8080/shop?x=1' });
    expect(readSiteUrl('shop.example.test/login')).toEqual({ ok: true, url: 'https://shop.example.test/login' });
    expect(readSiteUrl('/tmp/site/index.html')).toEqual({ ok: true, url: 'file:///tmp/site/index.html' });
    expect(readSiteUrl('https://staging.example.com/')).toEqual({ ok: true, url: 'https://staging.example.com/' });
  });

  it('says in a sentence what a site is when the text is not one', () => {
    for (const [input, reason] of [
      ['', /it is empty\.$/],
      ['javascript:alert(1)', /its scheme is javascript:\.$/],
      ['ftp://example.com/', /its scheme is ftp:\.$/],
      ['http://exa mple.com', /not an absolute URL/],
    ] as const) {
      const read = readSiteUrl(input);
      expect(read.ok, input).toBe(false);
      if (!read.ok) expect(read.reason, input).toMatch(/^A site is an absolute http:, https: or file: URL/);
      if (!read.ok) expect(read.reason, input).toMatch(reason);
    }
  });
});

describe('defaultSiteName()', () => {
  it('names a site by its host and port, or a local page by its file name', () => {
    expect(defaultSiteName('http://localhost:3000/account')).toBe('localhost:3000');
    expect(defaultSiteName('https://shop.example.test/')).toBe('shop.example.test');
    expect(defaultSiteName('file:///home/me/saved%20page.html')).toBe('saved page.html');
  });
});

import { describe, expect, it } from 'vitest';
import { checkSiteUrl, defaultSiteName, isSiteUrl } from '../../../main/common/site-url.ts';

describe('checkSiteUrl()', () => {
  it('takes http, https and local HTML file addresses, normalised', () => {
    expect(checkSiteUrl('http://localhost:3000/account')).toEqual({ ok: true, url: 'http://localhost:3000/account' });
    expect(checkSiteUrl('  https://Staging.Example.com  ')).toEqual({ ok: true, url: 'https://staging.example.com/' });
    expect(checkSiteUrl('file:///home/me/saved%20page.html')).toEqual({ ok: true, url: 'file:///home/me/saved%20page.html' });
  });

  it('completes what a browser’s address bar would: a bare host, a loopback host:port, an absolute file path', () => {
    expect(checkSiteUrl('localhost:3000')).toEqual({ ok: true, url: 'http://localhost:3000/' });
    expect(checkSiteUrl('127.0.0.1:8080/shop?x=1')).toEqual({ ok: true, url: 'http://127.0.0.1:8080/shop?x=1' });
    expect(checkSiteUrl('shop.example.test/login')).toEqual({ ok: true, url: 'https://shop.example.test/login' });
    expect(checkSiteUrl('/tmp/site/index.html')).toEqual({ ok: true, url: 'file:///tmp/site/index.html' });
  });

  it('refuses what is not a site, saying what was expected', () => {
    for (const [input, reason] of [
      ['', /empty/],
      ['javascript:alert(1)', /cannot be a javascript: address/],
      ['data:text/html,hi', /cannot be a data: address/],
      ['ftp://example.com/', /cannot be a ftp: address/],
      ['http://user:pw@example.com/', /user name or password/],
      ['file:///etc/passwd', /HTML page/],
      ['file://server/share/page.html', /without a host/],
      ['http://exa mple.com', /not an address/],
      [`https://example.com/${'a'.repeat(2100)}`, /longer than 2048/],
    ] as const) {
      const checked = checkSiteUrl(input);
      expect(checked.ok, input).toBe(false);
      if (!checked.ok) expect(checked.reason, input).toMatch(reason);
    }
    expect(isSiteUrl(42)).toBe(false);
    expect(isSiteUrl('http://localhost/')).toBe(true);
  });
});

describe('defaultSiteName()', () => {
  it('names a site by its host and port, or a local page by its file name', () => {
    expect(defaultSiteName('http://localhost:3000/account')).toBe('localhost:3000');
    expect(defaultSiteName('https://shop.example.test/')).toBe('shop.example.test');
    expect(defaultSiteName('file:///home/me/saved%20page.html')).toBe('saved page.html');
  });
});

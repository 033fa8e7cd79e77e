import { describe, expect, it } from 'vitest';
import { checkSiteUrl, SITE_URL_MAX } from '../../../main/common/site-url.ts';

describe('checkSiteUrl()', () => {
  it('takes http, https and file URLs, normalised', () => {
    expect(checkSiteUrl('http://localhost:3000')).toEqual({ ok: true, url: 'http://localhost:3000/' });
    expect(checkSiteUrl(' https://staging.example.com/shop?x=1 ')).toEqual({ ok: true, url: 'https://staging.example.com/shop?x=1' });
    expect(checkSiteUrl('file:///home/me/page.html')).toEqual({ ok: true, url: 'file:///home/me/page.html' });
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

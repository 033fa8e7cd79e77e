import { describe, expect, it } from 'vitest';
import { siteLoadError } from '../../../main/profiles/site-errors.ts';

describe('siteLoadError()', () => {
  const url = 'https://shop.example.test/';

  it('reads Chromium’s net error from either adapter’s message', () => {
    expect(siteLoadError(new Error(`page.goto: net::ERR_CONNECTION_REFUSED at ${url}`), url)).toMatchObject({
      code: 'BOTBENCH_ERR_SITE_UNREACHABLE',
      field: 'siteUrl',
    });
    expect(siteLoadError(new Error(`ERR_NAME_NOT_RESOLVED (-105) loading '${url}'`), url)?.code).toBe('BOTBENCH_ERR_SITE_UNREACHABLE');
    expect(siteLoadError(new Error(`page.goto: net::ERR_CERT_AUTHORITY_INVALID at ${url}`), url)).toMatchObject({
      code: 'BOTBENCH_ERR_SITE_TLS',
    });
    expect(siteLoadError(new Error(`ERR_SSL_PROTOCOL_ERROR (-107) loading '${url}'`), url)?.code).toBe('BOTBENCH_ERR_SITE_TLS');
  });

  it('leaves other errors alone', () => {
    expect(siteLoadError(new Error('Browser closed.'), url)).toBeNull();
    expect(siteLoadError('nothing', url)).toBeNull();
  });
});

import { BotbenchError } from '../platform/errors.ts';

/**
 * A page that could not load, as a Botbench error with a stable code: both adapters report a
 * failed navigation with Chromium's net error name (Playwright "net::ERR_CONNECTION_REFUSED at …",
 * Electron "ERR_CONNECTION_REFUSED (-102) loading …"). Null when the error is not a load failure.
 */
export function siteLoadError(error: unknown, url: string): BotbenchError | null {
  const name = /\bERR_[A-Z0-9_]+/.exec(error instanceof Error ? error.message : String(error))?.[0];
  if (!name) return null;
  if (/^ERR_(CERT_|SSL_|BAD_SSL_)/.test(name)) {
    return new BotbenchError(
      'BOTBENCH_ERR_SITE_TLS',
      `${url} has a certificate this browser does not trust (${name}). If it is your own (self-signed, a staging CA), open the profile with "Accept its certificate".`,
      { expected: 'an https site with a trusted certificate, or acceptCertificate: true', field: 'siteUrl' },
    );
  }
  return new BotbenchError('BOTBENCH_ERR_SITE_UNREACHABLE', `${url} could not be loaded (${name}): is the site running, and is the address right?`, {
    expected: 'a site that answers at that address',
    field: 'siteUrl',
  });
}

/**
 * What a profile may open as the tester's own site: an absolute http:, https: or file: URL
 * (a local dev server, a staging site, a saved page). Pure: the workbench UI checks it as the
 * tester types, ProfileService before it opens anything.
 */
export const SITE_URL_EXPECTED = 'an absolute http:, https: or file: URL, e.g. "http://localhost:3000/" or "https://staging.example.com/shop"';
export const SITE_URL_MAX = 2048;

export function checkSiteUrl(value: unknown): { ok: true; url: string } | { ok: false; reason: string } {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, reason: 'it is empty' };
  if (value.length > SITE_URL_MAX) return { ok: false, reason: `it is longer than ${SITE_URL_MAX} characters` };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: `${JSON.stringify(value.slice(0, 100))} is not an absolute URL` };
  }
  if (url.protocol === 'file:') return { ok: true, url: url.toString() };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `its scheme is ${url.protocol.slice(0, 20)}` };
  if (url.hostname === '') return { ok: false, reason: 'it names no host' };
  // Kept in the workspace and shown on the pane: a password in the URL would be written down in both.
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'it carries a user name or password (user:pass@host)' };
  return { ok: true, url: url.toString() };
}

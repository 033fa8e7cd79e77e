/**
 * What a profile may open as the tester's own site: an absolute http:, https: or file: URL
 * (a local dev server, a staging site, a saved page). Pure: the workbench UI checks it as the
 * tester types, ProfileService before it opens anything.
 */
export const SITE_URL_EXPECTED = 'an absolute http:, https: or file: URL, e.g. "http://localhost:3000/" or "https://staging.example.com/shop"';
export const SITE_URL_MAX = 2048;

export type SiteUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkSiteUrl(value: unknown): SiteUrlCheck {
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

/** Loopback names, where a dev server usually speaks plain http. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:[/?#]|$)/i;

/**
 * Reads a site as the tester types or pastes it in the Open profile dialog or a pane's address
 * bar: what checkSiteUrl takes, or (as a browser's address bar does) a bare host, completed with
 * http for loopback and https otherwise, or an absolute file path. Answers the URL, or a
 * sentence saying why it is not a site.
 */
export function readSiteUrl(input: string): SiteUrlCheck {
  const text = input.trim();
  let candidate = text;
  if (text.startsWith('/')) candidate = `file://${text}`;
  // "localhost:3000" parses as a URL of scheme "localhost:": a host with a port is completed too.
  else if (text !== '' && (!/^[a-z][a-z0-9+.-]*:/i.test(text) || /^[^/:]+:\d+(?:[/?#]|$)/.test(text)))
    candidate = `${LOOPBACK.test(text) ? 'http' : 'https'}://${text}`;
  const checked = checkSiteUrl(candidate);
  return checked.ok ? checked : { ok: false, reason: `A site is ${SITE_URL_EXPECTED}; ${checked.reason}.` };
}

export function isSiteUrl(value: unknown): value is string {
  return checkSiteUrl(value).ok;
}

/** The name a site gets when the tester gives none: its host (and port), or a local file's name. */
export function defaultSiteName(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') return decodeURIComponent(parsed.pathname.split('/').pop() ?? '') || 'Local page';
  return parsed.host;
}

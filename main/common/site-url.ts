/**
 * What a "site" a profile opens may be: the user's own page on http(s) (a local dev server, a
 * staging site) or a local HTML file (a saved page). Pure, so the Open profile dialog checks it
 * as the user types exactly as the contract checks it.
 */

/** Longest site URL accepted (browsers accept more; no real page needs it). */
export const SITE_URL_MAX = 2048;

export const SITE_URL_EXPECTED =
  'an http:// or https:// address (e.g. "http://localhost:3000/account" or "https://staging.example.com/") or a local HTML file ("file:///home/me/page.html")';

export type SiteUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Loopback names, where a dev server usually speaks plain http. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:[/?#]|$)/i;

/**
 * Reads what the user typed or pasted: an address with its scheme, or (as a browser's address
 * bar does) a bare host, http for loopback and https otherwise, or an absolute file path.
 * Answers the normalised URL, or why it is not a site.
 */
export function checkSiteUrl(input: string): SiteUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: `The site is empty: type ${SITE_URL_EXPECTED}.` };
  if (text.length > SITE_URL_MAX) return { ok: false, reason: `The site address is longer than ${SITE_URL_MAX} characters.` };
  let candidate = text;
  if (text.startsWith('/')) candidate = `file://${text}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(text) || /^[^/:]+:\d+(?:[/?#]|$)/.test(text))
    candidate = `${LOOPBACK.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: `"${text}" is not an address: type ${SITE_URL_EXPECTED}.` };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (url.hostname === '') return { ok: false, reason: `"${text}" has no host name: type ${SITE_URL_EXPECTED}.` };
    if (url.username !== '' || url.password !== '')
      return { ok: false, reason: 'A site address may not carry a user name or password (log in on the page itself).' };
    return { ok: true, url: url.toString() };
  }
  if (url.protocol === 'file:') {
    if (url.host !== '') return { ok: false, reason: 'A local file is on this machine: file:///path/to/page.html, without a host.' };
    if (!/\.x?html?$/i.test(url.pathname)) return { ok: false, reason: 'A local file must be an HTML page (.html or .htm).' };
    return { ok: true, url: url.toString() };
  }
  return { ok: false, reason: `A site cannot be a ${url.protocol} address: type ${SITE_URL_EXPECTED}.` };
}

export function isSiteUrl(value: unknown): value is string {
  return typeof value === 'string' && checkSiteUrl(value).ok;
}

/** The name a site gets when the user gives none: its host (and port), or a local file's name. */
export function defaultSiteName(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') return decodeURIComponent(parsed.pathname.split('/').pop() ?? '') || 'Local page';
  return parsed.host;
}

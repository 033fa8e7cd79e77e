/**
 * A site's Content-Security-Policy, adjusted so the widget Botbench answers locally can load and
 * connect in a profile, and nothing else is let through: Flow XO's script URLs (the page asks
 * for them; the profile answers them from the platform) and the platform's own origin are added
 * to the directives that govern scripts and connections. Every other directive, source, nonce,
 * hash and `'strict-dynamic'` stays as the site wrote it. The site's own policy is kept and
 * re-applied report-only, so the browser still reports what it would block in production
 * (docs/own-site.md, "Sites with a Content-Security-Policy"). Botbench's behaviour, not Flow XO's.
 *
 * Pure string work over the response's headers and HTML; each adapter calls it for document
 * responses only (Chromium in its request routing, Electron in `webRequest.onHeadersReceived`).
 */
import { effectiveDirective, parseSerializedPolicy, serializePolicy, type Directive, type FetchDirective, type Policy } from '../findings/csp.ts';

/** The origins the locally answered widget loads from: Flow XO's script hosts and the platform. */
export interface LocalWidgetOrigins {
  /** Added to whatever governs `<script src>`: Flow XO's published script origins and the platform's HTTP origin. */
  script: string[];
  /** Added to whatever governs connections: the platform's HTTP and WebSocket origins (and Flow XO's, which the profile answers). */
  connect: string[];
}

/** The sources one platform origin (e.g. `http://127.0.0.1:5000`) needs in a site's policy. */
export function localWidgetOrigins(platformOrigin: string): LocalWidgetOrigins {
  const platform = new URL(platformOrigin);
  const ws = `${platform.protocol === 'https:' ? 'wss:' : 'ws:'}//${platform.host}`;
  return {
    script: [platform.origin, 'https://widget.flowxo.com', 'https://messenger.flowxo.com'],
    connect: [
      platform.origin,
      ws,
      'https://widget.flowxo.com',
      'wss://widget.flowxo.com',
      'https://messenger.flowxo.com',
      'wss://messenger.flowxo.com',
    ],
  };
}

/** A nonce of Botbench's for Flow XO's `<script>` tags, when the site's policy has 'strict-dynamic' (which ignores hosts). */
export const WIDGET_NONCE = 'botbench-local-widget';

export interface AdjustedPolicy {
  text: string;
  /** What was added, per directive: "script-src: http://127.0.0.1:5000 https://widget.flowxo.com". Empty: nothing needed adding. */
  added: string[];
  /** The policy ignores hosts for scripts ('strict-dynamic'): Flow XO's tags need WIDGET_NONCE. */
  needsNonce: boolean;
}

const lower = (s: string) => s.toLowerCase();

/**
 * Widens the directive that governs `kind` with `sources`. A fallback (default-src, or
 * script-src for script-src-elem) is not widened itself: a directive of the kind's own name
 * takes its sources plus the new ones, so nothing else it governs changes.
 */
function widen(directives: Directive[], kind: FetchDirective, sources: string[], added: string[]): Directive[] {
  const governing = effectiveDirective({ directives }, kind);
  if (!governing) return directives;
  const has = new Set(governing.value.map(lower));
  // '*' already allows every http(s) and ws(s) origin.
  const missing = has.has('*') ? [] : sources.filter((s) => !has.has(lower(s)));
  if (missing.length === 0) return directives;
  const kept = governing.value.filter((s) => lower(s) !== "'none'");
  const name = kind === 'connect-src' ? 'connect-src' : governing.name === 'script-src-elem' ? 'script-src-elem' : 'script-src';
  added.push(`${name}: ${missing.join(' ')}`);
  const replacement = { name, value: [...kept, ...missing] };
  return governing.name === name ? directives.map((d) => (d === governing ? replacement : d)) : [replacement, ...directives];
}

/** One policy, adjusted for the local widget (see the file comment). */
export function adjustPolicy(text: string, origins: LocalWidgetOrigins, source: Policy['source'] = 'header'): AdjustedPolicy {
  const policy = parseSerializedPolicy(text, source);
  const added: string[] = [];
  let directives = policy.directives;
  const script = effectiveDirective({ directives }, 'script-src-elem');
  const strictDynamic = !!script?.value.some((s) => lower(s) === "'strict-dynamic'");
  directives = widen(directives, 'script-src-elem', strictDynamic ? [...origins.script, `'nonce-${WIDGET_NONCE}'`] : origins.script, added);
  directives = widen(directives, 'connect-src', origins.connect, added);
  if (added.length === 0) return { text, added, needsNonce: false };
  return { text: serializePolicy({ directives }), added, needsNonce: strictDynamic };
}

/** One header value (comma-separated policies), every policy adjusted. */
export function adjustHeaderValue(value: string, origins: LocalWidgetOrigins): AdjustedPolicy {
  const parts = value.split(',').map((text) => adjustPolicy(text.trim(), origins));
  return { text: parts.map((p) => p.text).join(', '), added: parts.flatMap((p) => p.added), needsNonce: parts.some((p) => p.needsNonce) };
}

/** The site's own policy as a report-only copy: without its report-uri/report-to, so the site's reporting endpoint hears nothing from Botbench. */
export function reportOnlyCopy(text: string, source: Policy['source'] = 'header'): string {
  return serializePolicy({
    directives: parseSerializedPolicy(text, source).directives.filter((d) => d.name !== 'report-uri' && d.name !== 'report-to'),
  });
}

const META = /<meta\b[^>]*>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const FLOW_XO_SCRIPT_TAG =
  /<script\b(?=[^>]*\bsrc\s*=\s*["']?https:\/\/(?:widget\.flowxo\.com\/embed\.js|messenger\.flowxo\.com\/loader\.js))(?![^>]*\bnonce\s*=)/gi;

function decodeEntities(value: string): string {
  return value.replace(
    /&(quot|apos|amp|lt|gt|#39|#34);/g,
    (_, name: string) => ({ quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', '#39': "'", '#34': '"' })[name]!,
  );
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) if (!found.has(lower(m[1]!))) found.set(lower(m[1]!), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  return found;
}

export interface AdjustedDocument {
  html: string;
  /** The `content` of each CSP `<meta>` as the site wrote it. */
  metas: string[];
  /** Those of them that were widened (each also goes out report-only, as the site wrote it). */
  adjustedMetas: string[];
  added: string[];
}

/**
 * The HTML with each `<meta http-equiv="Content-Security-Policy">` adjusted (the browser applies
 * it as it parses, before any script of ours could change it) and, when a policy needs it, Botbench's
 * nonce on Flow XO's script tags. `headerNeedsNonce`: a header policy already asked for the nonce.
 */
export function adjustDocument(html: string, origins: LocalWidgetOrigins, headerNeedsNonce = false): AdjustedDocument {
  const metas: string[] = [];
  const adjustedMetas: string[] = [];
  const added: string[] = [];
  let needsNonce = headerNeedsNonce;
  let out = html.replace(META, (tag) => {
    const attrs = attributes(tag);
    if (lower(attrs.get('http-equiv') ?? '') !== 'content-security-policy' || !attrs.has('content')) return tag;
    const content = attrs.get('content')!;
    metas.push(content);
    const adjusted = adjustPolicy(content, origins, 'meta');
    if (adjusted.added.length === 0) return tag;
    added.push(...adjusted.added);
    adjustedMetas.push(content);
    needsNonce ||= adjusted.needsNonce;
    return `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(adjusted.text)}">`;
  });
  if (needsNonce) out = out.replace(FLOW_XO_SCRIPT_TAG, `<script nonce="${WIDGET_NONCE}"`);
  return { html: out, metas, adjustedMetas, added };
}

/** What a profile learned of its page's policy, for the snapshot and the findings. */
export interface ObservedPolicy {
  /** The document's URL. */
  url: string;
  headers: string[];
  reportOnlyHeaders: string[];
  metas: string[];
  /** What Botbench added for the local widget; empty when the policy already let it through. */
  added: string[];
}

/** The header values of one name, whatever its case; a value a server sent twice comes as one string joined by ", " or "\n", as Playwright and Electron give them. */
export function headerValues(headers: Record<string, string | string[] | undefined>, name: string): string[] {
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (lower(key) !== name || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) values.push(...v.split('\n').filter((s) => s.trim()));
  }
  return values;
}

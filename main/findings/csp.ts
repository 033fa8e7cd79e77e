/**
 * A page's Content-Security-Policy, and whether it lets Flow XO's published widget through in
 * production. Pure: it reads the policy text the page was served with (header values and
 * `<meta http-equiv>` contents) and a few facts about the page, never the network.
 *
 * Matching follows Chromium's implementation (content/common/content_security_policy and Blink),
 * which the real-Chromium test (tests/browser/csp.test.ts) checks it against. Where Chromium is
 * stricter than the CSP3 text, Chromium wins, because that is where a site's visitors are:
 * - an `https:` source does not allow a `wss:` socket (CSP3 would, through Fetch's ws→http
 *   mapping); only `ws:`→`wss:` and `http:`→`https:` count as the same scheme, upgraded;
 * - `*` allows `ws:` and `wss:` as well as `http:` and `https:`;
 * - `'self'` allows a `ws:`/`wss:` socket to the page's own host and port.
 */
import type { Finding, FindingCode, ViolationReport } from './types.ts';

export type { ViolationReport } from './types.ts';

/** Where a policy came from: a response header or a `<meta http-equiv="Content-Security-Policy">` in the page. */
export type PolicySource = 'header' | 'meta';

/** An enforced policy blocks; a report-only one (`Content-Security-Policy-Report-Only`) only reports. */
export type PolicyDisposition = 'enforce' | 'report';

export interface Directive {
  /** Lower case, e.g. `script-src`. */
  name: string;
  /** The source expressions, as written. */
  value: string[];
}

export interface Policy {
  directives: Directive[];
  source: PolicySource;
  disposition: PolicyDisposition;
  /** The policy as it was written (one of the comma-separated policies of a header value). */
  text: string;
}

/** The policy text a page was served with: what the adapters read from the document's response and its `<meta>` tags. */
export interface PagePolicies {
  /** `Content-Security-Policy` header values (several headers, or one with comma-separated policies). */
  headers: readonly string[];
  /** `Content-Security-Policy-Report-Only` header values. */
  reportOnlyHeaders?: readonly string[] | undefined;
  /** `content` of each `<meta http-equiv="Content-Security-Policy">` in the document. */
  metas?: readonly string[] | undefined;
}

/** Directives a `<meta>` policy may not carry (CSP3 §3.3): the browser ignores them there. */
const NOT_IN_META = new Set(['report-uri', 'frame-ancestors', 'sandbox']);

const DIRECTIVE_NAME = /^[a-z0-9-]+$/;
const ASCII_WHITESPACE = /[\t\n\f\r ]+/;

/** One serialized policy (CSP3 §2.2.1): directives split on `;`, the first of a name wins, an invalid name is skipped. */
export function parseSerializedPolicy(text: string, source: PolicySource = 'header', disposition: PolicyDisposition = 'enforce'): Policy {
  const directives: Directive[] = [];
  const seen = new Set<string>();
  for (const token of text.split(';')) {
    const parts = token.trim().split(ASCII_WHITESPACE).filter(Boolean);
    const first = parts[0];
    if (first === undefined) continue;
    const name = first.toLowerCase();
    if (!DIRECTIVE_NAME.test(name) || seen.has(name)) continue;
    seen.add(name);
    if (source === 'meta' && NOT_IN_META.has(name)) continue;
    directives.push({ name, value: parts.slice(1) });
  }
  return { directives, source, disposition, text: text.trim() };
}

/** Every policy of a page: each header value is a comma-separated list of policies; a `<meta>` holds one. Empty ones are dropped. */
export function parsePagePolicies(page: PagePolicies): Policy[] {
  const fromHeaders = (values: readonly string[], disposition: PolicyDisposition) =>
    values.flatMap((value) => value.split(',').map((text) => parseSerializedPolicy(text, 'header', disposition)));
  return [
    ...fromHeaders(page.headers, 'enforce'),
    ...fromHeaders(page.reportOnlyHeaders ?? [], 'report'),
    ...(page.metas ?? []).map((text) => parseSerializedPolicy(text, 'meta', 'enforce')),
  ].filter((policy) => policy.directives.length > 0);
}

/** A policy written back as text: `name value…; name value…`. */
export function serializePolicy(policy: Pick<Policy, 'directives'>): string {
  return policy.directives.map((d) => [d.name, ...d.value].join(' ')).join('; ');
}

/** The fetch directives Botbench checks, and which directive governs each when it is absent (CSP3 §6.8.3). */
export type FetchDirective = 'script-src-elem' | 'connect-src' | 'style-src-elem' | 'img-src' | 'font-src' | 'frame-src';

const FALLBACK: Record<FetchDirective, readonly string[]> = {
  'script-src-elem': ['script-src-elem', 'script-src', 'default-src'],
  'connect-src': ['connect-src', 'default-src'],
  'style-src-elem': ['style-src-elem', 'style-src', 'default-src'],
  'img-src': ['img-src', 'default-src'],
  'font-src': ['font-src', 'default-src'],
  'frame-src': ['frame-src', 'child-src', 'default-src'],
};

/** The directive of `policy` that governs `directive` (itself or the first fallback present), or null: nothing restricts it. */
export function effectiveDirective(policy: Pick<Policy, 'directives'>, directive: FetchDirective): Directive | null {
  for (const name of FALLBACK[directive]) {
    const found = policy.directives.find((d) => d.name === name);
    if (found) return found;
  }
  return null;
}

const SCHEME_SOURCE = /^([a-z][a-z0-9+.-]*):$/i;
const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d+|\*))?(\/[^;,\s]*)?$/i;

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443, 'ftp:': 21 };

/** A URL's port as a number: its explicit port, else its scheme's default (null when it has none). */
function effectivePort(url: URL): number | null {
  return url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? null);
}

type SchemeMatch = 'exact' | 'upgrade' | null;

/** Chromium's SourceAllowScheme: the same scheme, or its secure form (http→https, ws→wss). `allowed` has no colon. */
function schemeMatch(allowed: string, url: URL): SchemeMatch {
  const scheme = url.protocol.slice(0, -1);
  const a = allowed.toLowerCase();
  if (a === scheme) return 'exact';
  if ((a === 'http' && scheme === 'https') || (a === 'ws' && scheme === 'wss')) return 'upgrade';
  return null;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Whether one source expression allows `url` on a page of origin `self` (null: an opaque origin, e.g. a file or sandboxed page). */
export function sourceMatches(expression: string, url: URL, self: URL | null): boolean {
  const lower = expression.toLowerCase();
  if (lower === '*') return ['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol) || (self !== null && self.protocol === url.protocol);
  if (lower === "'self'") {
    if (!self || self.hostname.toLowerCase() !== url.hostname.toLowerCase()) return false;
    const samePort =
      effectivePort(self) === effectivePort(url) ||
      (DEFAULT_PORTS[self.protocol] === effectivePort(self) && DEFAULT_PORTS[url.protocol] === effectivePort(url));
    if (!samePort) return false;
    if (self.protocol === url.protocol || url.protocol === 'https:' || url.protocol === 'wss:') return true;
    return self.protocol === 'http:' && url.protocol === 'ws:';
  }
  const schemeOnly = SCHEME_SOURCE.exec(expression);
  if (schemeOnly) return schemeMatch(schemeOnly[1]!, url) !== null;
  const host = HOST_SOURCE.exec(expression);
  if (!host) return false;
  const [, scheme, hostPart, port, path] = host;
  let matched: SchemeMatch;
  if (scheme) matched = schemeMatch(scheme, url);
  else matched = self && (self.protocol === 'http:' || self.protocol === 'https:') ? schemeMatch(self.protocol.slice(0, -1), url) : null;
  if (!matched) return false;
  const urlHost = url.hostname.toLowerCase();
  const sourceHost = hostPart!.toLowerCase();
  if (sourceHost === '*') {
    // any host
  } else if (sourceHost.startsWith('*.')) {
    if (!urlHost.endsWith(sourceHost.slice(1))) return false;
  } else if (sourceHost !== urlHost) return false;
  const urlPort = effectivePort(url);
  if (port === undefined) {
    if (urlPort !== DEFAULT_PORTS[url.protocol]) return false;
  } else if (port !== '*' && Number(port) !== urlPort) {
    // A source on http's port 80 still allows the https URL it upgrades to, on 443.
    if (!(matched === 'upgrade' && Number(port) === 80 && urlPort === 443)) return false;
  }
  if (path && path !== '/') {
    const want = decodePath(path);
    const have = decodePath(url.pathname);
    if (want.endsWith('/') ? !have.startsWith(want) : have !== want) return false;
  }
  return true;
}

/** Whether a source list allows `url`: an empty list is `'none'`, and `'none'` beside other sources is ignored. */
export function sourceListMatches(list: readonly string[], url: URL, self: URL | null): boolean {
  return list.some((expression) => sourceMatches(expression, url, self));
}

const hasKeyword = (list: readonly string[], keyword: string) => list.some((s) => s.toLowerCase() === keyword);
const nonceOf = (expression: string) => /^'nonce-([A-Za-z0-9+/_=-]+)'$/i.exec(expression)?.[1] ?? null;

/** What is known of the `<script>` element that loads a widget script, for nonces and 'strict-dynamic'. */
export interface ScriptElement {
  /** Its nonce (the element's `nonce` property), if any. */
  nonce: string | null;
  /** Whether the HTML parser made it (a tag in the page) rather than another script; null: not known (taken as parser-made, like Flow XO's snippet). */
  parserInserted: boolean | null;
}

/** Why a directive stops a URL. */
export type BlockReason =
  /** No source of the directive allows the URL (`'none'` and an empty directive included). */
  | 'not-listed'
  /** The directive has `'strict-dynamic'`: hosts are ignored, and a script tag in the page needs the policy's nonce. */
  | 'strict-dynamic';

export interface Verdict {
  allowed: boolean;
  /** The directive that decided (itself or a fallback), null when none restricts this kind of load. */
  directive: Directive | null;
  reason: BlockReason | null;
}

/** Whether one policy allows a load of `url` of the kind `directive` governs (and, for scripts, by this element). */
export function checkPolicy(
  policy: Pick<Policy, 'directives'>,
  directive: FetchDirective,
  url: URL,
  self: URL | null,
  element?: ScriptElement,
): Verdict {
  const governing = effectiveDirective(policy, directive);
  if (!governing) return { allowed: true, directive: null, reason: null };
  const list = governing.value;
  if (directive === 'script-src-elem') {
    const nonce = element?.nonce;
    if (nonce && list.some((s) => nonceOf(s) === nonce)) return { allowed: true, directive: governing, reason: null };
    if (hasKeyword(list, "'strict-dynamic'")) {
      // Trust spreads to scripts that an allowed script creates; a tag in the HTML needs the nonce.
      const allowed = element?.parserInserted === false;
      return { allowed, directive: governing, reason: allowed ? null : 'strict-dynamic' };
    }
  }
  const allowed = sourceListMatches(list, url, self);
  return { allowed, directive: governing, reason: allowed ? null : 'not-listed' };
}

/** Flow XO's two widget generations: the legacy Web Messenger (embed.js) and the current messenger (loader.js). */
export type FlowXoGeneration = 'legacy' | 'current';

/** One thing Flow XO's widget loads in production, and the fetch directive that governs it. */
export interface FlowXoResource {
  generation: FlowXoGeneration;
  kind: 'script' | 'socket' | 'api';
  url: string;
  directive: FetchDirective;
  /** The source expression that allows it: what the fix adds. */
  source: string;
}

/**
 * What Flow XO's published widgets load in production, per generation. The scripts are the
 * published snippets' (support.flowxo.com articles 167 "Web Messenger API" and 362 "Web
 * Messenger Javascript Api"). The sockets: the legacy widget's is on the script's host,
 * `wss://widget.flowxo.com`, the source issue #24's example policy allows; the current
 * messenger's is on `messenger.flowxo.com`, the host its connection reaches (article 363 "Web
 * Messenger Metadata": `visitorInfo.environment.network.host` is "messenger.flowxo.com"), and
 * the loader also asks that host over HTTPS about its connection. The socket paths are not
 * published, so a path in the policy's source is matched against `/`. docs/own-site.md says
 * the same.
 */
export const FLOW_XO_RESOURCES: readonly FlowXoResource[] = [
  {
    generation: 'legacy',
    kind: 'script',
    url: 'https://widget.flowxo.com/embed.js',
    directive: 'script-src-elem',
    source: 'https://widget.flowxo.com',
  },
  { generation: 'legacy', kind: 'socket', url: 'wss://widget.flowxo.com/', directive: 'connect-src', source: 'wss://widget.flowxo.com' },
  {
    generation: 'current',
    kind: 'script',
    url: 'https://messenger.flowxo.com/loader.js',
    directive: 'script-src-elem',
    source: 'https://messenger.flowxo.com',
  },
  { generation: 'current', kind: 'socket', url: 'wss://messenger.flowxo.com/', directive: 'connect-src', source: 'wss://messenger.flowxo.com' },
  { generation: 'current', kind: 'api', url: 'https://messenger.flowxo.com/', directive: 'connect-src', source: 'https://messenger.flowxo.com' },
];

/** One Flow XO load one of the page's enforced policies would stop in production. */
export interface Blocked {
  resource: FlowXoResource;
  policy: Policy;
  /** The directive that stops it (possibly a fallback such as default-src). */
  directive: Directive;
  reason: BlockReason;
  /** The directive to write instead, with the missing source added (see fixFor). */
  fix: string;
}

export interface FlowXoCheck {
  /** The page's URL: its origin is what `'self'` and scheme-less sources mean. */
  pageUrl: string;
  /** The generations the page uses (which script it loads); both when not known. */
  generations?: readonly FlowXoGeneration[] | undefined;
  /** The widget script's element, when the page has one. */
  scriptElement?: ScriptElement | undefined;
}

/** A page's origin as CSP sees it; null when opaque (a file: page or `about:`). */
function selfOf(pageUrl: string): URL | null {
  try {
    const url = new URL(pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The directive written so that it also allows `resource`: the missing source added to the
 * directive that blocked it, `'none'` dropped. When the block came from a fallback (script-src
 * or default-src for a script, default-src for a socket), the fix is a directive of the
 * resource's own kind with the fallback's sources plus the new one, so nothing else the
 * fallback governs is widened.
 */
export function fixFor(resource: FlowXoResource, blocked: Directive, reason: BlockReason): string {
  if (reason === 'strict-dynamic') {
    const nonce = blocked.value.find((s) => nonceOf(s) !== null);
    return nonce
      ? `Give the Flow XO <script> tag the page's nonce (nonce="…" with the value of ${nonce} for this response), or add it from a script the policy already trusts: with 'strict-dynamic' in ${blocked.name}, host sources such as ${resource.source} are ignored.`
      : `Add a 'nonce-…' source to ${blocked.name} and the same nonce="…" to the Flow XO <script> tag, or add the tag from a script the policy already trusts: with 'strict-dynamic', host sources such as ${resource.source} are ignored.`;
  }
  const name = resource.directive === 'connect-src' ? 'connect-src' : blocked.name === 'script-src-elem' ? 'script-src-elem' : 'script-src';
  const kept = blocked.value.filter((s) => s.toLowerCase() !== "'none'");
  return [name, ...kept, resource.source].join(' ');
}

/** Every Flow XO load that an enforced policy of the page would block in production (report-only policies block nothing). */
export function blockedFlowXoLoads(policies: readonly Policy[], check: FlowXoCheck): Blocked[] {
  const self = selfOf(check.pageUrl);
  const generations = check.generations?.length ? check.generations : (['legacy', 'current'] as const);
  const blocked: Blocked[] = [];
  for (const resource of FLOW_XO_RESOURCES) {
    if (!generations.includes(resource.generation)) continue;
    const url = new URL(resource.url);
    for (const policy of policies) {
      if (policy.disposition !== 'enforce') continue;
      const verdict = checkPolicy(policy, resource.directive, url, self, resource.kind === 'script' ? check.scriptElement : undefined);
      if (verdict.allowed || !verdict.directive || !verdict.reason) continue;
      blocked.push({
        resource,
        policy,
        directive: verdict.directive,
        reason: verdict.reason,
        fix: fixFor(resource, verdict.directive, verdict.reason),
      });
    }
  }
  return blocked;
}

/** Whether a URL is on one of Flow XO's widget hosts. */
export function isFlowXoUrl(value: string): boolean {
  try {
    return /^(widget|messenger)\.flowxo\.com$/i.test(new URL(value).hostname);
  } catch {
    return false;
  }
}

const KIND_WORDS: Record<FlowXoResource['kind'], string> = { script: 'script', socket: 'socket', api: 'API requests' };

/**
 * The findings for a page's policies: one per Flow XO load a policy would block (the script:
 * CSP_BLOCKS_FLOWXO_SCRIPT; the socket or the loader's API calls: CSP_BLOCKS_FLOWXO_SOCKET),
 * with the policy, the directive and the browser's own violation reports for that URL as
 * evidence, and the fixed directive.
 */
export function cspFindings(
  policies: readonly Policy[],
  check: FlowXoCheck & { profileId?: string | null | undefined; violations?: readonly ViolationReport[] | undefined },
): Finding[] {
  return blockedFlowXoLoads(policies, check).map((b) => {
    const code: FindingCode = b.resource.kind === 'script' ? 'CSP_BLOCKS_FLOWXO_SCRIPT' : 'CSP_BLOCKS_FLOWXO_SOCKET';
    const where = b.policy.source === 'meta' ? 'the <meta http-equiv="Content-Security-Policy"> tag' : 'the Content-Security-Policy header';
    const evidence = [
      `${where}: ${b.policy.text}`,
      b.reason === 'strict-dynamic'
        ? `${b.directive.name} has 'strict-dynamic' and the Flow XO <script> tag has no matching nonce, so ${b.resource.url} is refused`
        : `${b.directive.name}${b.directive.name === b.resource.directive ? '' : ` (in place of ${b.resource.directive})`} allows ${b.directive.value.length ? b.directive.value.join(' ') : "nothing ('none')"}, not ${b.resource.url}`,
    ];
    const origin = new URL(b.resource.url).host;
    for (const v of check.violations ?? []) {
      if (!isFlowXoUrl(v.blockedURI) || new URL(v.blockedURI).host !== origin) continue;
      if (!FALLBACK[b.resource.directive].includes(v.effectiveDirective) && v.effectiveDirective !== b.resource.directive) continue;
      evidence.push(
        `the browser reported a violation of ${v.effectiveDirective} for ${v.blockedURI}${v.disposition === 'report' ? ' (by the site’s own policy, re-applied report-only by Botbench)' : ''}`,
      );
    }
    return {
      code,
      severity: 'error',
      title: `The site’s Content-Security-Policy blocks Flow XO’s ${b.resource.generation === 'legacy' ? 'Web Messenger' : 'messenger'} ${KIND_WORDS[b.resource.kind]} (${b.resource.url}) in production`,
      evidence,
      fix: b.reason === 'strict-dynamic' ? b.fix : `In ${where}, write: ${b.fix}`,
      url: check.pageUrl,
      profileId: check.profileId ?? null,
    };
  });
}

/**
 * Flow XO's published widget script URLs, which every profile's browser asks the platform for
 * instead of the network, and how the answered script learns where the platform is. Pure: the
 * profile hosts, the contract's schema and the widget bundle share it.
 */

/** Flow XO's two widget generations: legacy embed.js (`FxoMessenger`) and current loader.js (`FlowXO`). */
export type FlowXOScript = 'embed' | 'loader';

/** A script URL pattern: `*` matches any run of characters (a query, a path); the rest is literal. */
export interface ScriptPattern {
  url: string;
  script: FlowXOScript;
}

/** What Flow XO publishes: the legacy Web Messenger's embed.js (any query, e.g. ?callback=messengerReady) and the current loader.js. */
export const FLOWXO_SCRIPTS: readonly ScriptPattern[] = [
  { url: 'https://widget.flowxo.com/embed.js*', script: 'embed' },
  { url: 'https://messenger.flowxo.com/loader.js*', script: 'loader' },
];

/**
 * A site's own pattern (a self-hosted or proxied copy of the script): an absolute http(s) URL
 * whose host has no wildcard, so the same text is a Chromium route glob and an Electron
 * webRequest URL filter.
 */
export const SCRIPT_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/[^\s#]*$/;
export const SCRIPT_PATTERN_EXPECTED = 'an http(s) URL with "*" only after the host, e.g. "https://shop.example.com/static/fxo-embed.js*"';

/** How many patterns of its own a site may add. */
export const MAX_SCRIPT_PATTERNS = 10;

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
  );
}

const compiled = new Map<string, RegExp>();

/** Which Flow XO script a request URL is, under Flow XO's URLs and the site's own patterns; null for any other request. */
export function flowXOScriptOf(url: string, extra: readonly ScriptPattern[] = []): FlowXOScript | null {
  for (const pattern of [...FLOWXO_SCRIPTS, ...extra]) {
    let regexp = compiled.get(pattern.url);
    if (!regexp) compiled.set(pattern.url, (regexp = globToRegExp(pattern.url)));
    if (regexp.test(url)) return pattern.script;
  }
  return null;
}

/**
 * Where the platform serves each script with its own address written in (the platform's
 * routes; Botbench's own URLs): what a profile's browser gets for Flow XO's.
 */
export const ANSWERED_SCRIPT_PATHS: Readonly<Record<FlowXOScript, string>> = {
  embed: '/flowxo/embed.js',
  loader: '/flowxo/loader.js',
};

/**
 * A string in the widget bundle that the platform replaces with its origin when it answers a
 * Flow XO URL: the widget then opens its socket (and loader.js asks for its connection) there,
 * not at the host the page named. Left as is (the platform's own /embed.js), it is not a URL,
 * and the widget uses its script's origin, as it always did.
 */
export const PLATFORM_ORIGIN_TOKEN = '__BOTBENCH_PLATFORM_ORIGIN__';

/** The script with the platform's origin written in (e.g. "http://127.0.0.1:4000"). */
export function withPlatformOrigin(script: string, origin: string): string {
  if (!/^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin))
    throw new Error(`withPlatformOrigin: ${JSON.stringify(origin)} is not an origin like "http://127.0.0.1:4000".`);
  return script.replaceAll(PLATFORM_ORIGIN_TOKEN, origin);
}

/** A loader.js connection ID as Flow XO issues them (a Mongo ObjectId, like Bot IDs): what a site's snippet should carry. */
export const PRODUCTION_CONNECTION_ID = /^[0-9a-f]{24}$/;

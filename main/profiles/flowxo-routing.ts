import { z } from 'zod';
import { ANSWERED_SCRIPT_PATHS, flowXOScriptOf, type FlowXOScript } from '../common/flowxo-scripts.ts';
import type { PageHooks, PageSpec, SiteSnippets } from './profile-host.ts';

/**
 * What both profile hosts do when a page asks for one of Flow XO's scripts: read the page's
 * snippets, let ProfileService import the bots they name, then answer with the platform's copy
 * of the script (its origin written in, see main/common/flowxo-scripts.ts). The hosts differ
 * only in how they catch the request (Chromium: context.route; Electron: webRequest).
 */

/** How long the host waits for the probe and onFlowXOScript before it answers anyway: a stuck page or import must not hang the page. */
export const SCRIPT_HOOK_TIMEOUT_MS = 5000;
/** How long the probe waits for the snippet's tag to be in the DOM (the preload scanner can ask for a script before the parser adds its tag). */
const PROBE_WAIT_MS = 2000;

/**
 * JS source of an async function run in the frame that asked for the script: the page's
 * `data-fxo-widget` and `data-connection` values, once the tag of the kind asked for is there.
 * It only reads the DOM.
 */
export function snippetProbe(script: FlowXOScript): string {
  const attribute = script === 'embed' ? 'data-fxo-widget' : 'data-connection';
  return `(async () => {
    const values = (name) => Array.from(document.querySelectorAll('script[' + name + ']'), (tag) => String(tag.getAttribute(name)).slice(0, 8192)).slice(0, 20);
    const until = Date.now() + ${PROBE_WAIT_MS};
    while (values(${JSON.stringify(attribute)}).length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    return { pageUrl: String(location.href), embedCodes: values('data-fxo-widget'), connections: values('data-connection') };
  })()`;
}

const snippetsSchema = z.object({
  pageUrl: z.string().max(8192),
  embedCodes: z.array(z.string().max(8192)).max(20),
  connections: z.array(z.string().max(8192)).max(20),
});

/** The probe's answer, or null when it is not one (the page can replace what the probe calls). */
export function parseSnippets(value: unknown): SiteSnippets | null {
  const parsed = snippetsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Which Flow XO script a request is for this page, or null when it is none (or the page is not routed). */
export function scriptOf(spec: PageSpec, url: string): FlowXOScript | null {
  return spec.flowxo ? flowXOScriptOf(url, spec.flowxo.patterns) : null;
}

/** Where the platform serves the answered copy of a script. */
export function answeredScriptUrl(platformUrl: string, script: FlowXOScript): string {
  return new URL(ANSWERED_SCRIPT_PATHS[script], platformUrl).toString();
}

/**
 * Tells the hooks about the request (reading the page's snippets with `probe`), then says whether
 * to answer it. Bounded in time as a whole (a page can stall the probe, which runs among its own
 * scripts); never rejects.
 */
export async function beforeAnswering(
  hooks: PageHooks,
  script: FlowXOScript,
  url: string,
  probe: (source: string) => Promise<unknown>,
): Promise<boolean> {
  const onFlowXOScript = hooks.onFlowXOScript;
  if (!onFlowXOScript) return true;
  // A stalled probe still tells the hook (with nothing read), so ProfileService knows the page asked.
  const decide = async (): Promise<boolean> => {
    const snippets = parseSnippets(
      await within(
        probe(snippetProbe(script)).catch(() => null),
        PROBE_WAIT_MS + 1000,
        null,
      ),
    );
    return onFlowXOScript.call(hooks, { script, url, snippets }).catch(() => true);
  };
  return within(decide(), SCRIPT_HOOK_TIMEOUT_MS, true);
}

/** `work`'s value, or `fallback` once `ms` have passed. */
async function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

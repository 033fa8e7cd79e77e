import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ViolationReport } from '../findings/csp.ts';

/**
 * The page's Content-Security-Policy violations for Flow XO's URLs, as the browser itself reports
 * them (`securitypolicyviolation` events), and the Flow XO `<script>` tags in the page (which
 * generation, and their nonce, for 'strict-dynamic'). The same private channel as the widget
 * observer (observer-channel.ts): a binding with a random name, taken off the page's globals
 * before any page script runs, and a per-page secret in every message. Only listens.
 */
/** The page's DevTools protocol, as the widget observer uses it (observer-channel.ts's ObserverCdp; not imported, to keep profile-host.ts out of a circle). */
export interface SecurityCdp {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  /** Calls `listener` for each Runtime.bindingCalled event of this page. */
  onBindingCalled(listener: (params: { name: string; payload: string }) => void): void;
}

export type PageSecurityReport = { type: 'violation'; violation: ViolationReport } | { type: 'scripts'; scripts: FlowXoScriptTag[] };

/** A Flow XO script tag as the page has it. */
export interface FlowXoScriptTag {
  generation: 'legacy' | 'current';
  src: string;
  /** The element's nonce (its `nonce` property; the attribute is hidden once parsed). */
  nonce: string | null;
}

const MAX_PAYLOAD = 16 * 1024;
const text = (max: number) => z.string().max(max);
const messageSchema = z.object({
  secret: text(64),
  report: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('violation'),
      violation: z.object({
        effectiveDirective: text(64),
        blockedURI: text(2048),
        disposition: text(16),
        originalPolicy: text(4096).optional(),
        at: z.number().optional(),
      }),
    }),
    z.object({
      type: z.literal('scripts'),
      scripts: z.array(z.object({ generation: z.enum(['legacy', 'current']), src: text(2048), nonce: text(256).nullable() })).max(20),
    }),
  ]),
});

/** The script for one page: `binding` and `secret` live in its closure only. */
export function violationObserverSource(binding: string, secret: string): string {
  return `(() => {
    const post = window[${JSON.stringify(binding)}];
    delete window[${JSON.stringify(binding)}];
    const stringify = JSON.stringify;
    const send = (report) => { try { post(stringify({ secret: ${JSON.stringify(secret)}, report })); } catch {} };
    const flowXo = /^(?:https?|wss?):\\/\\/(?:widget|messenger)\\.flowxo\\.com(?:[:/?#]|$)/i;
    document.addEventListener('securitypolicyviolation', (e) => {
      if (!flowXo.test(String(e.blockedURI))) return;
      send({ type: 'violation', violation: { effectiveDirective: String(e.effectiveDirective), blockedURI: String(e.blockedURI).slice(0, 2048), disposition: String(e.disposition), originalPolicy: String(e.originalPolicy).slice(0, 4096), at: performance.now() } });
    }, true);
    const scripts = () => {
      const found = [];
      for (const el of document.querySelectorAll('script[src]')) {
        const src = el.src;
        const generation = /^https:\\/\\/widget\\.flowxo\\.com\\/embed\\.js/i.test(src) ? 'legacy' : /^https:\\/\\/messenger\\.flowxo\\.com\\/loader\\.js/i.test(src) ? 'current' : null;
        if (generation && found.length < 20) found.push({ generation, src: src.slice(0, 2048), nonce: el.nonce || null });
      }
      send({ type: 'scripts', scripts: found });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scripts, { once: true });
    else scripts();
  })();`;
}

/** The report in a binding payload, or null when malformed, too large or without this page's secret. Never throws. */
export function parseSecurityPayload(payload: unknown, secret: string): PageSecurityReport | null {
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = messageSchema.safeParse(value);
  if (!parsed.success) return null;
  const given = Buffer.from(parsed.data.secret);
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return parsed.data.report;
}

/** Installs the observer on a page (before its next load) and routes its valid reports to `onReport`. */
export async function installViolationObserver(cdp: SecurityCdp, onReport: (report: PageSecurityReport) => void): Promise<void> {
  const binding = `__bb${randomBytes(12).toString('hex')}`;
  const secret = randomBytes(24).toString('base64url');
  cdp.onBindingCalled(({ name, payload }) => {
    if (name !== binding) return;
    const report = parseSecurityPayload(payload, secret);
    if (report) onReport(report);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: binding });
  await cdp.send('Page.enable');
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: violationObserverSource(binding, secret) });
}

import { cspFindings, parsePagePolicies, type FlowXoGeneration, type ScriptElement } from '../findings/csp.ts';
import type { ViolationReport } from '../findings/types.ts';
import type { ObservedPolicy } from './site-policy.ts';
import type { SitePolicySnapshot } from './types.ts';
import type { FlowXoScriptTag, PageSecurityReport } from './violation-observer.ts';

/** A document can report many violations (a retrying socket); the first few make the case. */
const MAX_VIOLATIONS = 20;

/**
 * One profile's view of its page's Content-Security-Policy, from what the adapter reports: the
 * policy the main document was served with, the Flow XO script tags, and the browser's violation
 * reports for Flow XO URLs. `snapshot()` turns them into the profile's `sitePolicy`.
 */
export class SitePolicyState {
  #policy: ObservedPolicy | null = null;
  #scripts: FlowXoScriptTag[] = [];
  #violations: ViolationReport[] = [];
  /** The generations of the Flow XO scripts this document asked for (the profile answers them). */
  #requested = new Set<FlowXoGeneration>();
  readonly #profileId: string | null;

  constructor(profileId: string | null = null) {
    this.#profileId = profileId;
  }

  /** A new main document: what was known of the previous one goes. */
  onPolicy(policy: ObservedPolicy): void {
    this.#policy = policy;
    this.#scripts = [];
    this.#violations = [];
    this.#requested = new Set();
  }

  /** The document asked for a Flow XO script of this generation. */
  onScriptRequested(generation: FlowXoGeneration): void {
    this.#requested.add(generation);
  }

  onPageSecurity(report: PageSecurityReport): void {
    if (report.type === 'scripts') this.#scripts = report.scripts;
    else if (this.#violations.length < MAX_VIOLATIONS) {
      const v = report.violation;
      if (
        !this.#violations.some(
          (w) => w.blockedURI === v.blockedURI && w.effectiveDirective === v.effectiveDirective && w.disposition === v.disposition,
        )
      )
        this.#violations.push(v);
    }
  }

  /**
   * The snapshot field. `widgetLoaded`: the widget has started in this document, so its script
   * did load; when Botbench re-applied the site's own policy report-only and the browser then
   * reported nothing for the script, the tag was not a parser-inserted one 'strict-dynamic' would
   * refuse (it came from a trusted script).
   */
  snapshot(widgetLoaded: boolean): SitePolicySnapshot | null {
    const observed = this.#policy;
    if (!observed) return null;
    const policies = parsePagePolicies({ headers: observed.headers, reportOnlyHeaders: observed.reportOnlyHeaders, metas: observed.metas });
    // Which of Flow XO's hosts matter: the generations of the page's Flow XO tags and of the scripts it asked for. None known
    // yet (the page has not reached its snippet): no finding rather than one for a generation the page may not use.
    const generations = [...new Set([...this.#scripts.map((s) => s.generation), ...this.#requested])];
    const tag = this.#scripts[0];
    const scriptReported = this.#violations.some((v) => v.effectiveDirective.startsWith('script-src') || v.effectiveDirective === 'default-src');
    const scriptElement: ScriptElement | undefined = tag && {
      nonce: tag.nonce,
      parserInserted: widgetLoaded && observed.added.length > 0 && !scriptReported ? false : null,
    };
    return {
      policies: policies.map((p) => ({ source: p.source, disposition: p.disposition, text: p.text })),
      added: observed.added,
      violations: this.#violations,
      findings:
        generations.length === 0
          ? []
          : cspFindings(policies, {
              pageUrl: observed.url,
              generations,
              scriptElement,
              violations: this.#violations,
              profileId: this.#profileId,
            }),
    };
  }
}

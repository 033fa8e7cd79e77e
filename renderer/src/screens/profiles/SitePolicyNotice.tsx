import type { ProfileSnapshot } from '../../../../main/api/contract.ts';
import { BotbenchBadge } from '../../components/badges.tsx';

type SitePolicy = NonNullable<ProfileSnapshot['sitePolicy']>;

/**
 * The site's Content-Security-Policy in a pane: that Botbench widened it for the local widget
 * (and what it added), the policy as the site sent it, and what that policy would block of Flow
 * XO's widget in production. Nothing when the page has no policy and nothing to say.
 */
export function SitePolicyNotice({ policy }: { policy: SitePolicy | null }) {
  if (!policy || (policy.added.length === 0 && policy.findings.length === 0)) return null;
  const adjusted = policy.added.length > 0;
  return (
    <section className="pane-site-policy" data-testid="pane-site-policy" data-adjusted={adjusted} aria-label="The site’s Content-Security-Policy">
      {adjusted ? (
        <p className="pane-lab-note" data-testid="pane-policy-adjusted">
          <strong>The site’s policy was adjusted for the local widget.</strong> Flow XO’s script hosts and the platform were added where the page’s
          Content-Security-Policy would have blocked them here; the rest is enforced as the site sent it. <BotbenchBadge what="Policy adjustment" />
        </p>
      ) : null}
      {policy.findings.length > 0 ? (
        <ul className="pane-policy-findings" aria-label="What the site’s policy blocks in production">
          {policy.findings.map((finding, i) => (
            <li key={`${finding.code}-${i}`} className="pane-error" data-testid="pane-csp-finding" data-code={finding.code}>
              <strong>{finding.title}</strong>
              <div className="small">
                <span className="mono">{finding.code}</span> · {finding.fix}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <details className="pane-policy-original">
        <summary>
          The site’s policy as sent
          {policy.violations.length > 0 ? ` · ${policy.violations.length} violation report${policy.violations.length === 1 ? '' : 's'}` : ''}
        </summary>
        <ul data-testid="pane-policy-original">
          {policy.policies.map((p, i) => (
            <li key={i}>
              <span className="muted small">
                {p.source === 'meta' ? '<meta> tag' : 'header'}
                {p.disposition === 'report' ? ', report-only' : ''}
              </span>{' '}
              <code>{p.text}</code>
            </li>
          ))}
        </ul>
        {adjusted ? (
          <>
            <div className="field-label">Added here</div>
            <ul data-testid="pane-policy-added">
              {policy.added.map((line, i) => (
                <li key={i}>
                  <code>{line}</code>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {policy.violations.length > 0 ? (
          <>
            <div className="field-label">Reported by the browser</div>
            <ul data-testid="pane-policy-violations">
              {policy.violations.map((v, i) => (
                <li key={i}>
                  <code>{v.effectiveDirective}</code> blocked <code>{v.blockedURI}</code>
                  {v.disposition === 'report' ? <span className="muted small"> (the site’s own policy, report-only)</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </details>
    </section>
  );
}

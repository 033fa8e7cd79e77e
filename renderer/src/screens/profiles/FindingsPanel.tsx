import { useEffect, useRef } from 'react';
import type { Finding, FindingSeverity, ProfileSnapshot } from '../../../../main/api/contract.ts';
import { BotbenchBadge } from '../../components/badges.tsx';
import { useApp } from '../../store/context.tsx';
import { siteOfUrl } from '../../store/findings-slice.ts';

const SEVERITY_WORD: Record<FindingSeverity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/** A pane's findings count (Botbench's site integration findings); opens the Findings panel on its site. */
export function FindingsBadge({ profile }: { profile: ProfileSnapshot }) {
  const show = useApp((s) => s.showFindings);
  const { count, worst } = profile.findings;
  const label = count === 0 ? 'No findings' : `${count} finding${count === 1 ? '' : 's'}`;
  return (
    <button
      type="button"
      className={`badge findings-badge findings-${worst ?? 'none'}`}
      data-testid="pane-findings"
      data-count={count}
      data-worst={worst ?? 'none'}
      title={`${label} on this site (Botbench’s site integration findings): show them`}
      aria-label={`${label}${worst ? `, worst: ${SEVERITY_WORD[worst].toLowerCase()}` : ''}; show the site’s findings`}
      onClick={() => void show(siteOfUrl(profile.url))}
    >
      {label}
    </button>
  );
}

/** The Findings list of a site: what its pages did wrong with the messenger API, each with evidence and what to do. */
export function FindingsPanel() {
  const open = useApp((s) => s.findingsOpen);
  const site = useApp((s) => s.findingsSite);
  const findings = useApp((s) => s.findings);
  const hide = useApp((s) => s.hideFindings);
  const setScreen = useApp((s) => s.setScreen);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a pane's count: a keyboard or screen-reader user lands on the list, not behind it.
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open, site]);
  if (!open) return null;
  return (
    <section className="findings-panel" data-testid="findings-panel" aria-labelledby="findings-title">
      <header className="findings-head">
        <h2 id="findings-title" ref={heading} tabIndex={-1}>
          Findings {site ? <span className="mono findings-site">{site}</span> : <span className="muted">(all open profiles)</span>}
        </h2>
        <BotbenchBadge what="Site integration findings" />
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={hide}>
          Close
        </button>
      </header>
      <p className="muted small">
        From what the pages actually did with Flow XO’s messenger API (recorded calls and the platform’s answers), never from their source.
      </p>
      {findings.length === 0 ? (
        <p className="findings-none" data-testid="findings-none">
          No findings: the pages’ calls so far look right.
        </p>
      ) : (
        <ul className="findings-list">
          {findings.map((finding, index) => (
            <FindingItem key={`${finding.code}-${finding.profileId ?? ''}-${index}`} finding={finding} onLink={() => setScreen('people')} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FindingItem({ finding, onLink }: { finding: Finding; onLink: () => void }) {
  return (
    <li className={`finding finding-${finding.severity}`} data-testid="finding" data-code={finding.code} data-severity={finding.severity}>
      <div className="finding-head">
        <span className={`badge severity severity-${finding.severity}`}>{SEVERITY_WORD[finding.severity]}</span>
        <code className="finding-code">{finding.code}</code>
        <h3 className="finding-title">{finding.title}</h3>
      </div>
      <div className="field-label">Evidence</div>
      <ul className="finding-evidence">
        {finding.evidence.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
      <div className="field-label">What to do</div>
      <p className="finding-fix">{finding.fix}</p>
      <p className="muted small mono finding-where">{finding.url}</p>
      {finding.link === '#/people' ? (
        <button type="button" className="btn btn-small" onClick={onLink}>
          Try it in the identity lab
        </button>
      ) : null}
    </li>
  );
}

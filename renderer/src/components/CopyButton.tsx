import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard.ts';
import { useApp } from '../store/context.tsx';
import { CheckIcon, CopyIcon } from './icons.tsx';

/** An icon button that copies `text`; `label` names what is copied, for screen readers and the tooltip. */
export function CopyButton({ text, label, testId, children }: { text: string; label: string; testId?: string; children?: string }) {
  const reportError = useApp((s) => s.reportError);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1200);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className={children ? 'btn btn-small' : 'icon-btn'}
      // A visible label is the name (WCAG 2.5.3); the tooltip still says what is copied.
      aria-label={children ? undefined : `Copy ${label}`}
      title={copied ? 'Copied' : `Copy ${label}`}
      data-testid={testId}
      onClick={() => {
        copyText(text).then(
          () => setCopied(true),
          (error: unknown) => reportError(error, 'Could not copy'),
        );
      }}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      {children ? <span>{copied ? 'Copied' : children}</span> : null}
    </button>
  );
}

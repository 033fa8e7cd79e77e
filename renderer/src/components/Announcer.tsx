import { useEffect, useState } from 'react';
import { announcements } from '../lib/announcements.ts';
import { useAppStore } from '../store/context.tsx';

/**
 * One polite live region for the status changes that matter while the eyes are elsewhere: a
 * webhook landed, a Channel ID changed, a scenario run finished. Always on the page, so screen
 * readers are already listening when the first message arrives.
 */
export function Announcer() {
  const store = useAppStore();
  // The count makes a repeated sentence a new text, so it is read again.
  const [message, setMessage] = useState({ text: '', count: 0 });
  useEffect(
    () =>
      store.subscribe((next, prev) => {
        const said = announcements(prev, next);
        if (said.length > 0) setMessage((m) => ({ text: said.join('. '), count: m.count + 1 }));
      }),
    [store],
  );
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {message.text}
      {message.count % 2 === 1 ? '\u00a0' : ''}
    </div>
  );
}

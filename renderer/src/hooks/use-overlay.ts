import { useEffect } from 'react';
import { useApp } from '../store/context.tsx';

/** Counts this component as something drawn over the page while it is mounted (live views step aside). */
export function useOverlay(active = true): void {
  const push = useApp((s) => s.pushOverlay);
  const pop = useApp((s) => s.popOverlay);
  useEffect(() => {
    if (!active) return;
    push();
    return pop;
  }, [active, push, pop]);
}

import { useEffect, useRef, type RefObject } from 'react';

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
  '[contenteditable="true"]',
].join(', ');

/** The elements Tab visits inside `container`, in order (hidden ones left out). */
export function tabbables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[hidden], [inert]') && (el.getClientRects().length > 0 || !isLaidOut()),
  );
}

// jsdom lays nothing out: there every element counts as visible.
const isLaidOut = () => typeof navigator === 'undefined' || !/jsdom/i.test(navigator.userAgent);

/** Open traps, innermost last: only the innermost one acts on Tab. */
const stack: HTMLElement[] = [];

/**
 * Keeps keyboard focus inside `ref` while mounted (WAI-ARIA dialog pattern): focus moves to its
 * `[autofocus]` element or first control other than a close button, Tab and Shift+Tab wrap at the ends, and on unmount focus
 * returns to the element that had it before, when that element is still on the page.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>): void {
  // Read while rendering the first time: by the time effects run, an autoFocus child already has focus.
  const opener = useRef<HTMLElement | null | undefined>(undefined);
  if (opener.current === undefined) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const previous = opener.current ?? null;
    stack.push(container);
    if (!container.contains(document.activeElement)) {
      const items = tabbables(container);
      // A field before the header's close button: that is where the user came to type.
      const first =
        container.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ??
        items.find((el) => !el.matches('[data-dialog-close]')) ??
        items[0] ??
        container;
      first.focus();
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || stack[stack.length - 1] !== container) return;
      const items = tabbables(container);
      if (items.length === 0) {
        event.preventDefault();
        container.focus();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !container.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !container.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      stack.splice(stack.lastIndexOf(container), 1);
      // Back where the user was, unless they have since moved on to something outside.
      const focusNow = document.activeElement;
      const lostFocus = focusNow === null || focusNow === document.body || container.contains(focusNow) || !focusNow.isConnected;
      if (lostFocus && previous?.isConnected) previous.focus();
    };
  }, [ref]);
}

import { useEffect, useRef } from 'react';

/** Shortcuts a screen acts on; the global key handler only announces them. */
export type ShortcutName = 'new-profile' | 'focus-filter' | 'send-webhook' | 'save-flow';

const bus = new EventTarget();

export function triggerShortcut(name: ShortcutName): void {
  bus.dispatchEvent(new Event(name));
}

/** Runs `handler` when the shortcut fires, while the component is mounted. */
export function useShortcut(name: ShortcutName, handler: () => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener = () => latest.current();
    bus.addEventListener(name, listener);
    return () => bus.removeEventListener(name, listener);
  }, [name]);
}

/** Keys typed here belong to the element: a text field, or a profile picture forwarding keys to its page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('[data-capture-keys]')) return true;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.matches('input, textarea, select');
}

/** The list the "?" dialog shows. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ['Ctrl/⌘', '1…8'], what: 'Profiles, People, Users, Log, Webhooks, Flows, Scenarios, Bots' },
  { keys: ['n'], what: 'New profile menu (Profiles)' },
  { keys: ['/'], what: 'Focus the filter (Users, Log)' },
  { keys: ['Ctrl/⌘', 'Enter'], what: 'Send the webhook (Webhooks)' },
  { keys: ['Ctrl/⌘', 'S'], what: 'Save the flow (Flows)' },
  { keys: ['Esc'], what: 'Close a dialog, drawer or inspector; leave a profile picture' },
  { keys: ['?'], what: 'This list' },
];

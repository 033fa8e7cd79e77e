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

/** The "?" help sheet: every key the workbench answers to, grouped by where it works. */
/** `keys` are pressed together; `or` lists keys that each do the same. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; or?: boolean; what: string; where?: string }> = [
  { keys: ['Ctrl/⌘', '1…8'], what: 'Profiles, People, Users, Log, Webhooks, Flows, Scenarios, Bots' },
  { keys: ['Tab'], what: 'Next control; Shift+Tab goes back. A dialog or drawer keeps Tab inside until it closes' },
  { keys: ['Esc'], what: 'Close a dialog, drawer, menu or the log inspector; focus returns where it was' },
  { keys: ['?'], what: 'This list' },
  { keys: ['n'], what: 'New profile menu: ↑ ↓ and Enter, or the kind’s number', where: 'Profiles' },
  { keys: ['r'], what: 'Record a scenario; r again stops and opens it on the Scenarios screen', where: 'Profiles' },
  { keys: ['Enter'], what: 'On Restart browser’s ▾: restart with the same, a new or a typed Channel ID (↑ ↓ in the menu)', where: 'Profiles' },
  { keys: ['↑ ↓ ← →'], what: 'Move between identity matrix cells; the line under the matrix explains the cell', where: 'Profiles' },
  { keys: ['Enter'], what: 'On a profile’s picture: send keys and clicks to its page; Esc stops', where: 'Profiles' },
  { keys: ['/'], what: 'Focus the filter', where: 'Users, Log' },
  { keys: ['Enter'], what: 'Open the user in its drawer', where: 'Users' },
  { keys: ['↑ ↓', 'j k'], or: true, what: 'Move through the log; Home, End, Page Up and Page Down jump', where: 'Log' },
  { keys: ['Enter'], what: 'Open the entry in the inspector (it then follows ↑ ↓); Esc closes it', where: 'Log' },
  { keys: ['Ctrl/⌘', 'Enter'], what: 'Send the webhook', where: 'Webhooks' },
  { keys: ['Ctrl/⌘', 'S'], what: 'Save the flow', where: 'Flows' },
];

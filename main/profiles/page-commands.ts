/**
 * Page steps (Botbench's, for scenarios on a real site): what both adapters share so that
 * `click`, `fill`, `press`, `goto` and `waitFor` mean the same in Chromium and in Electron — the
 * selector rules, the in-page locator Electron runs (Chromium uses Playwright's locators, which
 * follow the same rules), and one wording for every way a step can fail.
 */
import { BotbenchError } from '../platform/errors.ts';
import type { PageCommand } from './types.ts';

/** How long after a click or key press a navigation it caused may take to start before the step is over. */
export const NAVIGATION_GRACE_MS = 300;

/** Why a page step could not be done. */
export type PageProblem =
  | { reason: 'none' }
  | { reason: 'hidden'; matched: number }
  | { reason: 'not-editable' }
  | { reason: 'invalid'; detail: string }
  | { reason: 'unreachable'; url: string; detail: string }
  | { reason: 'load-timeout'; url: string }
  /** The browser refused the action for a reason of its own (its words in `detail`). */
  | { reason: 'failed'; detail: string };

/** What the step looks for, in words: `an element matching "#login"`, `the text "Welcome back"`. */
export function describeTarget(command: PageCommand): string {
  if (command.type === 'goto') return `the page ${command.url}`;
  if (command.type === 'waitFor' && command.text !== undefined) return `the text ${JSON.stringify(command.text)}`;
  const selector = command.selector;
  return selector === undefined ? 'the focused element' : `an element matching ${JSON.stringify(selector)}`;
}

/** The selector, text or URL the step names, as written. */
function named(command: PageCommand): string {
  if (command.type === 'goto') return command.url;
  if (command.type === 'waitFor' && command.text !== undefined) return command.text;
  return command.selector ?? '';
}

/** The error a page step fails with: BOTBENCH_ERR_PAGE_STEP, saying what was expected and what the page showed. */
export function pageStepError(command: PageCommand, timeoutMs: number, problem: PageProblem, pageUrl: string | null): BotbenchError {
  const target = describeTarget(command);
  const where = pageUrl ? ` (the page is ${pageUrl})` : '';
  const expected =
    command.type === 'goto'
      ? `the page ${command.url} to load within ${timeoutMs} ms`
      : command.type === 'fill'
        ? `a visible text field or editable element matching ${JSON.stringify(command.selector)}`
        : `${target} to show within ${timeoutMs} ms`;
  let message: string;
  switch (problem.reason) {
    case 'none':
      message =
        command.type === 'waitFor' && command.text !== undefined
          ? `The text ${JSON.stringify(command.text)} did not show within ${timeoutMs} ms${where}.`
          : `No element matches ${JSON.stringify(named(command))} within ${timeoutMs} ms${where}.`;
      break;
    case 'hidden':
      message = `${problem.matched} element(s) match ${JSON.stringify(named(command))}, but none became visible within ${timeoutMs} ms${where}.`;
      break;
    case 'not-editable':
      message = `The element matching ${JSON.stringify(named(command))} cannot be typed into: it is not an enabled text field or editable element${where}.`;
      break;
    case 'invalid':
      message = `${JSON.stringify(named(command))} is not a valid selector (${problem.detail}); use CSS such as "#email" or text=<what the element shows>.`;
      break;
    case 'unreachable':
      message = `The page ${problem.url} could not be loaded: ${problem.detail}.`;
      break;
    case 'load-timeout':
      message = `The page ${problem.url} did not load within ${timeoutMs} ms.`;
      break;
    case 'failed':
      message = `Could not ${command.type} ${target}: ${problem.detail}${where}.`;
      break;
  }
  return new BotbenchError('BOTBENCH_ERR_PAGE_STEP', message, { expected });
}

/** A goto's URL made absolute against the page the profile shows; only http, https and file pages. */
export function resolvePageUrl(url: string, current: string): string | null {
  const resolved = URL.parse(url, current || undefined);
  return resolved && ['http:', 'https:', 'file:'].includes(resolved.protocol) ? resolved.toString() : null;
}

/**
 * The text a selector looks for: `text=Log in` finds the innermost elements showing "log in" in
 * any case, those showing exactly it first (the button "Log in" before "Please log in to see your
 * orders"), and among those what a user clicks (CLICKABLE) first; `text="Log in"` only those
 * showing exactly "Log in". Spaces are collapsed. Null: CSS.
 */
export function textTarget(command: Exclude<PageCommand, { type: 'goto' }>): { text: string; exact: boolean } | null {
  if (command.type === 'waitFor' && command.text !== undefined) return { text: command.text, exact: false };
  const selector = command.selector;
  if (selector === undefined || !selector.startsWith('text=')) return null;
  const text = selector.slice(5).trim();
  return /^".*"$/.test(text) ? { text: text.slice(1, -1), exact: true } : { text, exact: false };
}

/** What a user clicks: when several elements show the text, one of these goes first (the button "Log in", not the heading). */
export const CLICKABLE = 'button, a[href], input[type=submit], input[type=button], input[type=reset], [role=button], [role=link], summary, label';

/** What the in-page locator does with the element it found. */
export type LocateAction = 'point' | 'focus' | 'select' | 'none';

/** What the in-page locator answers. */
export type LocateResult =
  { ok: true; x: number; y: number } | { ok: false; reason: 'none' | 'hidden' | 'not-editable' | 'invalid'; matched: number; detail?: string };

/**
 * Plain JS run in the page (Electron's executeJavaScript): waits up to `timeoutMs` for the first
 * visible element the selector or text finds, with the rules of textTarget() (buttons and submit
 * inputs by their label), scrolls it into view and answers its centre in the page's CSS pixels.
 * `select` also focuses it and selects its content, so typed text replaces it; `focus` focuses it.
 */
const IN_PAGE_LOCATE = `async (args) => {
  const squash = (s) => String(s ?? '').replace(/\\s+/g, ' ').trim();
  const labelOf = (el) => (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type) ? el.value : (el.innerText ?? el.textContent));
  const visible = (el) => (typeof el.checkVisibility === 'function' ? el.checkVisibility({ visibilityProperty: true }) : true);
  const editable = (el) => el.isContentEditable || (el.matches('textarea, input:not([type=checkbox]):not([type=radio]):not([type=file]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]):not([type=hidden])') && !el.disabled && !el.readOnly);
  let text = args.text;
  let exact = false;
  if (text === undefined && args.selector.startsWith('text=')) {
    text = args.selector.slice(5).trim();
    if (/^".*"$/.test(text)) { text = text.slice(1, -1); exact = true; }
  }
  const find = () => {
    if (text === undefined) return [...document.querySelectorAll(args.selector)];
    const wanted = exact ? squash(text) : squash(text).toLowerCase();
    const shown = (el) => (exact ? squash(labelOf(el)) : squash(labelOf(el)).toLowerCase());
    const all = [...(document.body ? document.body.querySelectorAll('*') : [])].filter((el) => !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName) && shown(el).includes(wanted));
    const innermost = all.filter((el) => !all.some((other) => other !== el && el.contains(other)));
    // An element showing exactly the text wins over one that only contains it ("Log in" the button, not "Please log in …").
    const exactly = innermost.filter((el) => shown(el) === wanted);
    // Something a user clicks before anything else showing the same text.
    const whole = [...exactly.filter((el) => el.closest(args.clickable)), ...exactly.filter((el) => !el.closest(args.clickable))];
    return exact ? whole : [...whole, ...innermost.filter((el) => !whole.includes(el))];
  };
  const deadline = Date.now() + args.timeoutMs;
  for (;;) {
    let list;
    try { list = find(); } catch (error) { return { ok: false, reason: 'invalid', matched: 0, detail: String((error && error.message) || error) }; }
    const found = list.find(visible);
    const usable = found && (args.action !== 'select' || editable(found));
    if (usable) {
      if (typeof found.scrollIntoView === 'function') found.scrollIntoView({ block: 'center', inline: 'center' });
      if (args.action === 'focus' || args.action === 'select') found.focus();
      if (args.action === 'select') {
        if (typeof found.select === 'function') found.select();
        else { const range = document.createRange(); range.selectNodeContents(found); const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range); }
      }
      const rect = found.getBoundingClientRect();
      return { ok: true, x: Math.round(rect.left + rect.width / 2), y: Math.round(rect.top + rect.height / 2) };
    }
    if (Date.now() >= deadline) return { ok: false, reason: list.length === 0 ? 'none' : found ? 'not-editable' : 'hidden', matched: list.length };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}`;

/** The expression that runs the in-page locator for a command (not goto). */
export function locateScript(command: Exclude<PageCommand, { type: 'goto' }>, timeoutMs: number, action: LocateAction): string {
  const args = {
    selector: command.selector ?? '',
    text: command.type === 'waitFor' ? command.text : undefined,
    timeoutMs,
    action,
    clickable: CLICKABLE,
  };
  return `(${IN_PAGE_LOCATE})(${JSON.stringify(args)})`;
}

/** Electron's name for a key (sendInputEvent's keyCode) where it differs from the DOM's. */
const ELECTRON_KEY_NAMES: Record<string, string> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  Space: 'Space',
};

/** A `press` key ("Control+a", "Enter") as Electron's keyboard events take it. */
export function electronKey(key: string): { keyCode: string; modifiers: Array<'control' | 'shift' | 'alt' | 'meta'>; char: string | null } {
  // "+" is a key too: "Control++" is Control and "+".
  const plus = key === '+' || key.endsWith('++');
  const parts = (plus ? key.slice(0, -1) : key).split('+');
  const last = plus ? '+' : parts.pop()!;
  const modifiers = parts.filter((m) => m !== '').map((m) => m.toLowerCase() as 'control' | 'shift' | 'alt' | 'meta');
  const keyCode = ELECTRON_KEY_NAMES[last] ?? last;
  const char = last.length === 1 ? last : last === 'Space' ? ' ' : last === 'Enter' ? '\r' : null;
  // A character typed with Control, Alt or Meta is a shortcut, not text.
  const typed = modifiers.some((m) => m !== 'shift') ? null : char;
  return { keyCode, modifiers, char: typed };
}

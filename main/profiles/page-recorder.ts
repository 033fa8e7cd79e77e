/**
 * Botbench's page recorder: a script in every profile page (installed with the widget observer,
 * see observer-channel.ts) that tells the host what the tester does inside the site, so a
 * recording can replay it: a click, typing into a field, Enter or Escape. Each action names its
 * element with a selector that finds it again on the next run, preferring what a site keeps
 * stable, as Playwright's codegen does: a test id, an id, a form field's name, its label, a
 * button's or link's text, and only then a CSS path; never coordinates. It only listens (capture
 * phase, passive): the page behaves as it would without it. What happens inside the widget is
 * left out: the workbench records the widget's own actions itself.
 */

/** Attributes sites use to name elements for tests, in the order they are preferred. */
export const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'] as const;

/** Keys worth a step of their own (typing is recorded as a fill). */
export const RECORDED_KEYS = ['Enter', 'Escape'] as const;

/**
 * The in-page selector rules, as JS source: `selectorFor(element)` → a selector that matches
 * exactly that element in the document (CSS, or `text=…` for a button or link by its text).
 * Kept apart so tests can run it on a DOM of their own.
 */
export const SELECTOR_SOURCE = `
  const TEST_IDS = ${JSON.stringify(TEST_ID_ATTRIBUTES)};
  const quote = (value) => '"' + String(value).replace(/\\\\/g, '\\\\\\\\').replace(/"/g, '\\\\"') + '"';
  const count = (selector) => { try { return document.querySelectorAll(selector).length; } catch { return 0; } };
  const squash = (text) => String(text || '').replace(/\\s+/g, ' ').trim();
  const CLICKABLE = 'button, a[href], [role="button"], [role="link"], [role="tab"], [role="menuitem"], [role="checkbox"], summary, label, input[type="submit"], input[type="button"], input[type="reset"]';
  /** Ids a framework generated (React's :r1:, long digit runs) change between loads. */
  const stableId = (id) => /^[A-Za-z][\\w-]*$/.test(id) && !/\\d{4,}/.test(id);
  const textOf = (el) => squash(el.innerText !== undefined && el.innerText !== '' ? el.innerText : el.textContent);
  const byText = (el) => {
    const text = el.tagName === 'INPUT' ? squash(el.value) : textOf(el);
    if (!text || text.length > 60) return null;
    const same = [...document.querySelectorAll(CLICKABLE)].filter((other) => (other.tagName === 'INPUT' ? squash(other.value) : textOf(other)) === text);
    return same.length === 1 && same[0] === el ? 'text=' + text : null;
  };
  const cssPath = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && node !== document.documentElement; node = node.parentElement) {
      if (node !== el) {
        const anchor = own(node);
        if (anchor) { parts.unshift(anchor); break; }
      }
      const tag = node.tagName.toLowerCase();
      const parent = node.parentElement;
      const siblings = parent ? [...parent.children].filter((c) => c.tagName === node.tagName) : [];
      parts.unshift(siblings.length > 1 ? tag + ':nth-of-type(' + (siblings.indexOf(node) + 1) + ')' : tag);
      const selector = parts.join(' > ');
      if (count(selector) === 1 && document.querySelector(selector) === el) return selector;
    }
    const selector = parts.join(' > ');
    return count(selector) === 1 ? selector : null;
  };
  /** A selector from the element's own attributes alone, or null. */
  const own = (el) => {
    for (const name of TEST_IDS) {
      const value = el.getAttribute(name);
      if (value) { const s = '[' + name + '=' + quote(value) + ']'; if (count(s) === 1) return s; }
    }
    if (el.id && stableId(el.id)) { const s = '#' + el.id; if (count(s) === 1) return s; }
    const tag = el.tagName.toLowerCase();
    for (const name of ['name', 'aria-label', 'placeholder', 'title', 'alt']) {
      const value = el.getAttribute(name);
      if (value) { const s = tag + '[' + name + '=' + quote(value) + ']'; if (count(s) === 1) return s; }
    }
    return null;
  };
  /** The scenario format takes selectors of up to 500 characters; a longer one would be refused, so the action is not recorded. */
  const selectorFor = (el) => { const s = own(el) || (el.matches && el.matches(CLICKABLE) ? byText(el) : null) || cssPath(el); return s && s.length <= 500 ? s : null; };
`;

/**
 * The recorder for one page: `reportFunction` is JS source of a function taking one PageAction
 * (each adapter passes the observer channel's). Top frame only: a selector is looked up in the
 * page's own document when replayed.
 */
export function pageRecorderScript(reportFunction: string): string {
  return `(() => {
    if (typeof document === 'undefined' || typeof window.addEventListener !== 'function' || window.top !== window) return;
    const report = ${reportFunction};
    ${SELECTOR_SOURCE}
    const NOT_TYPED = ['checkbox', 'radio', 'submit', 'button', 'reset', 'image', 'file', 'range', 'color', 'hidden'];
    const isField = (el) => !!el && el.nodeType === 1 && (el.tagName === 'TEXTAREA' || el.isContentEditable || (el.tagName === 'INPUT' && !NOT_TYPED.includes(String(el.type || '').toLowerCase())));
    const inWidget = (el) => !!(el && el.closest && el.closest('#fxo-messenger-root'));
    const valueOf = (el) => (el.isContentEditable && el.tagName !== 'INPUT' && el.tagName !== 'TEXTAREA' ? el.textContent : el.value) || '';
    let pending = null;
    let lastLabel = null;
    /** When Enter was last recorded: the form submission it starts clicks the submit button (a click with no mouse), which is not a step of its own. */
    let enterAt = -Infinity;
    const emit = (action) => { try { report(action); } catch {} };
    const flush = () => {
      const el = pending;
      pending = null;
      if (!el || !el.isConnected) return;
      const selector = selectorFor(el);
      if (selector) emit({ type: 'fill', selector, value: valueOf(el) });
    };
    const target = (event) => (event.target && event.target.nodeType === 1 ? event.target : null);
    const options = { capture: true, passive: true };
    window.addEventListener('input', (event) => { const el = target(event); if (isField(el) && !inWidget(el)) { if (pending && pending !== el) flush(); pending = el; } }, options);
    window.addEventListener('change', (event) => { const el = target(event); if (el && el === pending) flush(); }, options);
    window.addEventListener('click', (event) => {
      const el = target(event);
      if (!el || inWidget(el) || isField(el)) return;
      if (event.detail === 0 && performance.now() - enterAt < 100) return;
      // A label's click is passed on to its input as a second click: one step is enough.
      if (lastLabel && el.tagName === 'INPUT' && el.labels && [...el.labels].includes(lastLabel)) { lastLabel = null; return; }
      flush();
      const clicked = el.closest(CLICKABLE) || el;
      lastLabel = clicked.tagName === 'LABEL' ? clicked : null;
      const selector = selectorFor(clicked);
      if (selector) emit({ type: 'click', selector });
    }, options);
    window.addEventListener('keydown', (event) => {
      const el = target(event);
      if (!${JSON.stringify(RECORDED_KEYS)}.includes(event.key) || inWidget(el)) return;
      flush();
      if (event.key === 'Enter') enterAt = performance.now();
      const selector = el && el !== document.body && el !== document.documentElement ? selectorFor(el) : null;
      emit(selector ? { type: 'press', key: event.key, selector } : { type: 'press', key: event.key });
    }, options);
    window.addEventListener('pagehide', flush, options);
  })();`;
}

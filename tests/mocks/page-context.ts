/**
 * The globals a profile page gives the scripts Botbench installs before its own (the widget observer,
 * the page recorder), for running them in node:vm over a fake `window`: event targets that never fire,
 * a document without a snippet, and the built-ins the scripts use.
 */
export function pageContext(page: Record<string, unknown>, json: typeof JSON = JSON): Record<string, unknown> {
  // Not enumerable: tests read the page's own globals with Object.keys.
  if (!('addEventListener' in page)) Object.defineProperty(page, 'addEventListener', { value: () => undefined, enumerable: false });
  const document = { addEventListener: () => undefined, querySelector: () => null };
  return { window: page, document, JSON: json, Math, String, setInterval, clearInterval, setTimeout, clearTimeout, performance };
}

import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { observerSource, parseObserverMessage } from '../../../main/profiles/observer-channel.ts';
import { pageRecorderScript } from '../../../main/profiles/page-recorder.ts';
import type { PageAction } from '../../../main/profiles/types.ts';

const LOGIN_PAGE = `<!doctype html><body>
  <nav><a href="#shop">Shop</a><a href="#help">Help</a></nav>
  <form id="login">
    <label for="email">Email</label><input id="email" type="email">
    <input name="password" type="password">
    <label><input type="checkbox" name="remember"> Remember me</label>
    <input placeholder="Coupon code">
    <div><div><input></div></div>
    <button type="submit" data-testid="login-submit">Log in</button>
  </form>
  <section><button>Buy</button><button>Buy</button><button class="x">Add to cart</button></section>
  <ul><li><span>one</span></li><li><span>two</span></li></ul>
  <input id=":r7:" aria-label="Search">
  <div id="fxo-messenger-root"><button>Send</button><textarea></textarea></div>
</body>`;

/** A page with the recorder installed (as Chromium runs it before the page's scripts) and what it reported. */
function recordedPage(html = LOGIN_PAGE): { window: JSDOM['window']; actions: PageAction[] } {
  const dom = new JSDOM(html, { runScripts: 'outside-only' });
  const actions: PageAction[] = [];
  (dom.window as unknown as { __report: (a: PageAction) => void }).__report = (a) => actions.push(a);
  dom.window.eval(pageRecorderScript('window.__report'));
  return { window: dom.window, actions };
}

function type(window: JSDOM['window'], selector: string, value: string, change = true): void {
  const field = window.document.querySelector<HTMLInputElement>(selector)!;
  for (let i = 1; i <= value.length; i++) {
    field.value = value.slice(0, i);
    field.dispatchEvent(new window.Event('input', { bubbles: true }));
  }
  if (change) field.dispatchEvent(new window.Event('change', { bubbles: true }));
}

const click = (window: JSDOM['window'], selector: string, nth = 0): void => window.document.querySelectorAll<HTMLElement>(selector)[nth]!.click();

describe('the page recorder', () => {
  it('records typing as one fill per field and a submit as a click, each with a selector that finds it again', () => {
    const { window, actions } = recordedPage();
    type(window, '#email', 'jane@example.test');
    type(window, '[name="password"]', 'secret');
    click(window, 'button[type="submit"]');
    expect(actions).toEqual([
      { type: 'fill', selector: '#email', value: 'jane@example.test' },
      { type: 'fill', selector: 'input[name="password"]', value: 'secret' },
      { type: 'click', selector: '[data-testid="login-submit"]' },
    ]);
  });

  it('prefers test ids, then ids, names, labels and placeholders, then a button’s or link’s own text, then a CSS path', () => {
    const { window, actions } = recordedPage();
    type(window, '[placeholder="Coupon code"]', 'XMAS');
    type(window, 'div > div > input', 'nested');
    type(window, '[aria-label="Search"]', 'socks');
    click(window, 'a', 1);
    click(window, 'button.x');
    click(window, 'section button', 1);
    click(window, 'li span', 1);
    const selectors = actions.map((a) => ('selector' in a ? a.selector : null));
    expect(selectors).toEqual([
      'input[placeholder="Coupon code"]',
      // The shortest path from the element up that finds it alone.
      'div > input',
      // React-style generated ids change between loads: the label instead.
      'input[aria-label="Search"]',
      'text=Help',
      'text=Add to cart',
      // Two buttons say "Buy": the second one by its place.
      'button:nth-of-type(2)',
      'li:nth-of-type(2) > span',
    ]);
    // Every selector finds exactly the element it was made for.
    for (const selector of selectors.filter((s) => !s!.startsWith('text='))) expect(window.document.querySelectorAll(selector!)).toHaveLength(1);
  });

  it('records a fill still being typed before the click that follows, and Enter as a press on its field', () => {
    const { window, actions } = recordedPage();
    type(window, '#email', 'jane@example.test', false);
    window.document.querySelector('#email')!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    window.document.body.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    window.document.body.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(actions).toEqual([
      { type: 'fill', selector: '#email', value: 'jane@example.test' },
      { type: 'press', key: 'Enter', selector: '#email' },
      { type: 'press', key: 'Escape' },
    ]);
  });

  it('records a checkbox label once, and nothing done inside the widget', () => {
    const { window, actions } = recordedPage();
    click(window, 'label', 1);
    click(window, '#fxo-messenger-root button');
    type(window, '#fxo-messenger-root textarea', 'hello');
    expect(actions).toEqual([{ type: 'click', selector: 'text=Remember me' }]);
  });

  it('escapes quotes in attribute values, so the selector still parses', () => {
    const { window, actions } = recordedPage(`<body><input name='say "hi"'><input name="other"></body>`);
    type(window, 'input', 'x');
    expect(actions).toEqual([{ type: 'fill', selector: 'input[name="say \\"hi\\""]', value: 'x' }]);
    expect(window.document.querySelectorAll((actions[0] as { selector: string }).selector)).toHaveLength(1);
  });
});

describe('the observer channel with the page recorder', () => {
  it('posts page actions with the secret on the binding it took off the page; a forged one is refused', () => {
    const dom = new JSDOM('<body><button id="buy">Buy</button></body>', { runScripts: 'outside-only' });
    const posted: string[] = [];
    const page = dom.window as unknown as Record<string, unknown>;
    page.__bbX = (payload: string) => posted.push(payload);
    dom.window.eval(observerSource('__bbX', 's'.repeat(32)));
    expect(page.__bbX).toBeUndefined();
    dom.window.document.getElementById('buy')!.click();
    expect(posted).toHaveLength(1);
    expect(parseObserverMessage(posted[0], 's'.repeat(32))).toEqual({ kind: 'action', action: { type: 'click', selector: '#buy' } });
    expect(parseObserverMessage(posted[0], 't'.repeat(32))).toBeNull();
    const forged = { secret: 's'.repeat(32), action: { type: 'click', selector: '#buy', x: 1 } };
    expect(parseObserverMessage(JSON.stringify(forged), 's'.repeat(32))).toBeNull();
    expect(parseObserverMessage(JSON.stringify({ ...forged, action: { type: 'fill', selector: '', value: 'v' } }), 's'.repeat(32))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { describeTarget, electronKey, pageStepError, resolvePageUrl, textTarget } from '../../../main/profiles/page-commands.ts';

describe('electronKey()', () => {
  it('turns a press key into Electron’s key code, modifiers and the character it types', () => {
    expect(electronKey('Enter')).toEqual({ keyCode: 'Enter', modifiers: [], char: '\r' });
    expect(electronKey('a')).toEqual({ keyCode: 'a', modifiers: [], char: 'a' });
    expect(electronKey('Shift+A')).toEqual({ keyCode: 'A', modifiers: ['shift'], char: 'A' });
    expect(electronKey('Control+a')).toEqual({ keyCode: 'a', modifiers: ['control'], char: null });
    expect(electronKey('ArrowUp')).toEqual({ keyCode: 'Up', modifiers: [], char: null });
    expect(electronKey('Space')).toEqual({ keyCode: 'Space', modifiers: [], char: ' ' });
    expect(electronKey('+')).toEqual({ keyCode: '+', modifiers: [], char: '+' });
    expect(electronKey('Control++')).toEqual({ keyCode: '+', modifiers: ['control'], char: null });
    expect(electronKey('Meta+Shift+F5')).toEqual({ keyCode: 'F5', modifiers: ['meta', 'shift'], char: null });
  });
});

describe('resolvePageUrl()', () => {
  it('resolves a path against the page shown, and takes only http, https and file pages', () => {
    expect(resolvePageUrl('/login?next=/', 'https://shop.example.test/cart')).toBe('https://shop.example.test/login?next=/');
    expect(resolvePageUrl('account', 'https://shop.example.test/a/b')).toBe('https://shop.example.test/a/account');
    expect(resolvePageUrl('file:///tmp/saved.html', 'https://shop.example.test/')).toBe('file:///tmp/saved.html');
    expect(resolvePageUrl('javascript:alert(1)', 'https://shop.example.test/')).toBeNull();
    expect(resolvePageUrl('/login', '')).toBeNull();
  });
});

describe('textTarget()', () => {
  it('reads text=… as a contains match and text="…" as an exact one; CSS is not text', () => {
    expect(textTarget({ type: 'click', selector: 'text=Log in' })).toEqual({ text: 'Log in', exact: false });
    expect(textTarget({ type: 'click', selector: 'text="Log in"' })).toEqual({ text: 'Log in', exact: true });
    expect(textTarget({ type: 'waitFor', text: 'Welcome' })).toEqual({ text: 'Welcome', exact: false });
    expect(textTarget({ type: 'click', selector: '#login' })).toBeNull();
    expect(textTarget({ type: 'press', key: 'Enter' })).toBeNull();
  });
});

describe('pageStepError()', () => {
  it('says what the step expected and what the page showed, with BOTBENCH_ERR_PAGE_STEP', () => {
    const error = pageStepError({ type: 'fill', selector: '#email', value: 'x' }, 500, { reason: 'none' }, 'http://shop.test/');
    expect(error).toMatchObject({
      code: 'BOTBENCH_ERR_PAGE_STEP',
      message: 'No element matches "#email" within 500 ms (the page is http://shop.test/).',
      expected: 'a visible text field or editable element matching "#email"',
    });
    expect(pageStepError({ type: 'goto', url: '/x' }, 500, { reason: 'load-timeout', url: 'http://shop.test/x' }, null).message).toBe(
      'The page http://shop.test/x did not load within 500 ms.',
    );
    expect(describeTarget({ type: 'press', key: 'Enter' })).toBe('the focused element');
  });
});

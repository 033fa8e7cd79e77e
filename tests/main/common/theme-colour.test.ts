import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, isThemeColour, themeOrDefault } from '../../../main/common/theme-colour.ts';

describe('the theme-colour rule', () => {
  it('takes a bot setting only as #rrggbb', () => {
    expect(isThemeColour('#1F6feb')).toBe(true);
    for (const bad of ['#fff', '1f6feb', '#1f6febff', 'red', '#1f6feg', 7]) expect(isThemeColour(bad)).toBe(false);
  });

  it('draws with any hex colour an embed code carries, else the default (it ends up in CSS)', () => {
    expect(themeOrDefault('#abc')).toBe('#abc');
    expect(themeOrDefault('#11223344')).toBe('#11223344');
    for (const bad of [undefined, 'red;background:url(x)', '#12', 42]) expect(themeOrDefault(bad)).toBe(DEFAULT_THEME);
  });
});

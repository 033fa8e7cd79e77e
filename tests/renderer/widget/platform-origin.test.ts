import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLATFORM_ORIGIN_TOKEN } from '../../../main/common/flowxo-scripts.ts';
import { platformOrigin, widgetSocketUrl } from '../../../renderer/widget/platform-origin.ts';

describe('platformOrigin()', () => {
  it('is the script’s own origin while the token is not replaced (the platform’s own /embed.js)', () => {
    const src = new URL('http://127.0.0.1:4000/embed.js?callback=messengerReady');
    expect(platformOrigin(src)).toBe(src);
    expect(widgetSocketUrl(platformOrigin(src))).toBe('ws://127.0.0.1:4000/widget');
  });

  it('keeps the token in the source exactly once, where the platform can replace it', () => {
    const source = readFileSync(new URL('../../../renderer/widget/platform-origin.ts', import.meta.url), 'utf8');
    expect(source).toContain('new URL(PLATFORM_ORIGIN_TOKEN)');
    expect(PLATFORM_ORIGIN_TOKEN).toMatch(/^__\w+__$/);
  });
});

describe('widgetSocketUrl()', () => {
  it('uses wss for an https platform', () => {
    expect(widgetSocketUrl(new URL('https://platform.example.test:8443'))).toBe('wss://platform.example.test:8443/widget');
  });
});

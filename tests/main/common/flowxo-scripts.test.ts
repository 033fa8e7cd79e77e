import { describe, expect, it } from 'vitest';
import { flowXOScriptOf, PLATFORM_ORIGIN_TOKEN, SCRIPT_PATTERN, withPlatformOrigin } from '../../../main/common/flowxo-scripts.ts';

describe('flowXOScriptOf()', () => {
  it('knows Flow XO’s published script URLs, with any query', () => {
    expect(flowXOScriptOf('https://widget.flowxo.com/embed.js')).toBe('embed');
    expect(flowXOScriptOf('https://widget.flowxo.com/embed.js?callback=messengerReady')).toBe('embed');
    expect(flowXOScriptOf('https://messenger.flowxo.com/loader.js')).toBe('loader');
    expect(flowXOScriptOf('https://messenger.flowxo.com/loader.js?v=2&x=a/b')).toBe('loader');
  });

  it('leaves every other URL alone: other paths, hosts, schemes and look-alikes', () => {
    for (const url of [
      'https://widget.flowxo.com/other.js',
      'http://widget.flowxo.com/embed.js',
      'https://widget.flowxo.com.evil.test/embed.js',
      'https://evil.test/?https://widget.flowxo.com/embed.js',
      'https://messenger.flowxo.com/loaderXjs',
    ])
      expect(flowXOScriptOf(url), url).toBeNull();
  });

  it('adds a site’s own patterns, "*" matching any run of characters and every other character literal', () => {
    const extra = [{ url: 'https://shop.example.test/static/fxo.js*', script: 'loader' as const }];
    expect(flowXOScriptOf('https://shop.example.test/static/fxo.js?v=1.2', extra)).toBe('loader');
    expect(flowXOScriptOf('https://shop.example.test/static/fxoXjs', extra)).toBeNull();
    expect(flowXOScriptOf('https://widget.flowxo.com/embed.js', extra)).toBe('embed');
  });
});

describe('SCRIPT_PATTERN', () => {
  it('takes http(s) URLs with wildcards after the host only', () => {
    expect(SCRIPT_PATTERN.test('https://shop.example.test/static/fxo.js*')).toBe(true);
    expect(SCRIPT_PATTERN.test('http://localhost:3000/*')).toBe(true);
    for (const bad of ['https://*.example.test/x.js', 'file:///x.js', 'https://shop.example.test', 'javascript:alert(1)//'])
      expect(SCRIPT_PATTERN.test(bad), bad).toBe(false);
  });
});

describe('withPlatformOrigin()', () => {
  it('writes the platform’s origin where the bundle has the token, everywhere it does', () => {
    expect(withPlatformOrigin(`a="${PLATFORM_ORIGIN_TOKEN}";b=\`${PLATFORM_ORIGIN_TOKEN}\``, 'http://127.0.0.1:4000')).toBe(
      'a="http://127.0.0.1:4000";b=`http://127.0.0.1:4000`',
    );
  });

  it('refuses anything but an origin (no quote, path or script can get into the bundle)', () => {
    for (const bad of ['http://127.0.0.1:4000/path', '"+alert(1)+"', 'javascript:1', ''])
      expect(() => withPlatformOrigin(PLATFORM_ORIGIN_TOKEN, bad), bad).toThrow('is not an origin');
  });
});

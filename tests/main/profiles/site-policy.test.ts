import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy, FLOW_XO_RESOURCES, parseSerializedPolicy, serializePolicy } from '../../../main/findings/csp.ts';
import {
  adjustDocument,
  adjustHeaderValue,
  adjustPolicy,
  headerValues,
  localWidgetOrigins,
  reportOnlyCopy,
  WIDGET_NONCE,
} from '../../../main/profiles/site-policy.ts';

const origins = localWidgetOrigins('http://127.0.0.1:5000');
const self = new URL('https://shop.example.test/');

describe('localWidgetOrigins()', () => {
  it('names the platform’s HTTP and WebSocket origins and Flow XO’s script origins', () => {
    expect(origins.script).toEqual(['http://127.0.0.1:5000', 'https://widget.flowxo.com', 'https://messenger.flowxo.com']);
    expect(origins.connect).toContain('ws://127.0.0.1:5000');
    expect(localWidgetOrigins('https://bench.test:8443').connect).toContain('wss://bench.test:8443');
  });
});

describe('adjustPolicy()', () => {
  it('adds the local widget’s origins to the directives that govern scripts and connections, and nothing else', () => {
    const adjusted = adjustPolicy("default-src 'self'; script-src 'self' 'nonce-abc'; img-src 'self'; report-uri /csp", origins);
    expect(adjusted.text).toBe(
      "connect-src 'self' http://127.0.0.1:5000 ws://127.0.0.1:5000 https://widget.flowxo.com wss://widget.flowxo.com https://messenger.flowxo.com wss://messenger.flowxo.com; default-src 'self'; script-src 'self' 'nonce-abc' http://127.0.0.1:5000 https://widget.flowxo.com https://messenger.flowxo.com; img-src 'self'; report-uri /csp",
    );
    expect(adjusted.added).toEqual([
      'script-src: http://127.0.0.1:5000 https://widget.flowxo.com https://messenger.flowxo.com',
      expect.stringMatching(/^connect-src: http:\/\/127\.0\.0\.1:5000 ws:\/\/127\.0\.0\.1:5000/),
    ]);
    expect(adjusted.needsNonce).toBe(false);
  });

  it('leaves a policy that restricts neither scripts nor connections as it is', () => {
    expect(adjustPolicy("img-src 'self'; frame-ancestors 'none'", origins)).toEqual({
      text: "img-src 'self'; frame-ancestors 'none'",
      added: [],
      needsNonce: false,
    });
    expect(adjustPolicy('default-src *', origins).added).toEqual([]);
  });

  it("drops 'none' from a directive it widens", () => {
    expect(adjustPolicy("script-src 'none'; connect-src 'none'", origins).text).not.toContain("'none'");
  });

  it("adds Botbench's nonce where 'strict-dynamic' makes hosts count for nothing", () => {
    const adjusted = adjustPolicy("script-src 'strict-dynamic' 'nonce-abc'", origins);
    expect(adjusted.needsNonce).toBe(true);
    expect(adjusted.text).toContain(`'nonce-${WIDGET_NONCE}'`);
  });

  it('lets every Flow XO load and the platform through, whatever the policy (property)', () => {
    const source = fc.constantFrom(
      "'self'",
      "'none'",
      'https:',
      'wss:',
      "'strict-dynamic'",
      "'nonce-abc'",
      'https://cdn.test',
      '*.example.test',
      "'unsafe-inline'",
    );
    const directive = fc.record({
      name: fc.constantFrom('default-src', 'script-src', 'script-src-elem', 'connect-src', 'style-src', 'img-src'),
      value: fc.array(source, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(directive, { minLength: 1, maxLength: 5 }), (directives) => {
        const adjusted = parseSerializedPolicy(adjustPolicy(serializePolicy({ directives }), origins).text);
        const element = { nonce: WIDGET_NONCE, parserInserted: true };
        for (const r of FLOW_XO_RESOURCES) expect(checkPolicy(adjusted, r.directive, new URL(r.url), self, element).allowed).toBe(true);
        expect(checkPolicy(adjusted, 'script-src-elem', new URL('http://127.0.0.1:5000/embed.js'), self, element).allowed).toBe(true);
        expect(checkPolicy(adjusted, 'connect-src', new URL('ws://127.0.0.1:5000/widget'), self).allowed).toBe(true);
        // Nothing else is widened: another host blocked before stays blocked.
        const other = new URL('https://evil.test/x.js');
        const before = parseSerializedPolicy(serializePolicy({ directives }));
        for (const kind of ['script-src-elem', 'connect-src', 'style-src-elem', 'img-src'] as const) {
          if (!checkPolicy(before, kind, other, self, { nonce: null, parserInserted: true }).allowed)
            expect(checkPolicy(adjusted, kind, other, self, { nonce: null, parserInserted: true }).allowed).toBe(false);
        }
      }),
    );
  });
});

describe('adjustHeaderValue()', () => {
  it('adjusts each comma-separated policy of a header value', () => {
    const adjusted = adjustHeaderValue("script-src 'self', connect-src 'self'", origins);
    expect(adjusted.text.split(', ')).toHaveLength(2);
    expect(adjusted.added).toHaveLength(2);
  });
});

describe('reportOnlyCopy()', () => {
  it('keeps the site’s directives but not where it sends reports', () => {
    expect(reportOnlyCopy("script-src 'self'; report-uri https://r.test/csp; report-to csp")).toBe("script-src 'self'");
  });
});

describe('adjustDocument()', () => {
  const meta = `<meta http-equiv="content-security-policy" content="script-src 'self'; connect-src &apos;self&apos;">`;
  it('adjusts the <meta> policies and returns what the site wrote', () => {
    const doc = adjustDocument(`<html><head>${meta}<meta charset="utf-8"></head><body></body></html>`, origins);
    expect(doc.metas).toEqual(["script-src 'self'; connect-src 'self'"]);
    expect(doc.adjustedMetas).toEqual(doc.metas);
    expect(doc.html).toContain('<meta charset="utf-8">');
    expect(doc.html).toMatch(/content="script-src 'self' http:\/\/127\.0\.0\.1:5000 https:\/\/widget\.flowxo\.com/);
    expect(doc.added).toHaveLength(2);
  });

  it('leaves other documents byte for byte', () => {
    const html = `<html><head><meta name="viewport" content="width=device-width"></head><script src="https://widget.flowxo.com/embed.js"></script></html>`;
    expect(adjustDocument(html, origins)).toEqual({ html, metas: [], adjustedMetas: [], added: [] });
  });

  it("puts Botbench's nonce on Flow XO's script tags when a policy has 'strict-dynamic'", () => {
    const html = `<meta http-equiv=Content-Security-Policy content="script-src 'strict-dynamic' 'nonce-x'"><script async src="https://widget.flowxo.com/embed.js?callback=r"></script><script nonce="x" src="https://messenger.flowxo.com/loader.js"></script><script src="/app.js"></script>`;
    const doc = adjustDocument(html, origins);
    expect(doc.html).toContain(`<script nonce="${WIDGET_NONCE}" async src="https://widget.flowxo.com/embed.js?callback=r">`);
    expect(doc.html).toContain('<script nonce="x" src="https://messenger.flowxo.com/loader.js">');
    expect(doc.html).toContain('<script src="/app.js">');
    expect(adjustDocument('<script src="https://widget.flowxo.com/embed.js"></script>', origins, true).html).toContain(`nonce="${WIDGET_NONCE}"`);
  });
});

describe('headerValues()', () => {
  it('collects one header’s values whatever their case, split on newlines', () => {
    expect(headerValues({ 'Content-Security-Policy': ["a 'self'", 'b *\nc *'], other: 'x' }, 'content-security-policy')).toEqual([
      "a 'self'",
      'b *',
      'c *',
    ]);
  });
});

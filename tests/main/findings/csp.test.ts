import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockedFlowXoLoads,
  checkPolicy,
  cspFindings,
  effectiveDirective,
  FLOW_XO_RESOURCES,
  fixFor,
  parsePagePolicies,
  parseSerializedPolicy,
  serializePolicy,
  sourceMatches,
  type FlowXoResource,
} from '../../../main/findings/csp.ts';

const page = 'https://shop.example.test/checkout';
const self = new URL(page);
const legacyScript = FLOW_XO_RESOURCES.find((r) => r.generation === 'legacy' && r.kind === 'script')!;
const legacySocket = FLOW_XO_RESOURCES.find((r) => r.generation === 'legacy' && r.kind === 'socket')!;

const blocked = (header: string, generations: ('legacy' | 'current')[] = ['legacy'], extra = {}) =>
  blockedFlowXoLoads(parsePagePolicies({ headers: [header] }), { pageUrl: page, generations, ...extra });

describe('parseSerializedPolicy()', () => {
  it('splits directives on semicolons, lower-cases names and keeps the first of a repeated name', () => {
    const policy = parseSerializedPolicy("  Script-Src 'self'   https://a.test ;; connect-src 'none'; script-src *; bad/name x");
    expect(policy.directives).toEqual([
      { name: 'script-src', value: ["'self'", 'https://a.test'] },
      { name: 'connect-src', value: ["'none'"] },
    ]);
  });

  it('drops the directives a <meta> policy may not carry', () => {
    const policy = parseSerializedPolicy("default-src 'self'; frame-ancestors 'none'; report-uri /r; sandbox", 'meta');
    expect(policy.directives.map((d) => d.name)).toEqual(['default-src']);
  });
});

describe('parsePagePolicies()', () => {
  it('reads every comma-separated policy of every header, report-only headers and metas', () => {
    const policies = parsePagePolicies({
      headers: ["script-src 'self', connect-src 'self'", 'img-src *'],
      reportOnlyHeaders: ["default-src 'none'"],
      metas: ["style-src 'self'"],
    });
    expect(policies.map((p) => [p.source, p.disposition, serializePolicy(p)])).toEqual([
      ['header', 'enforce', "script-src 'self'"],
      ['header', 'enforce', "connect-src 'self'"],
      ['header', 'enforce', 'img-src *'],
      ['header', 'report', "default-src 'none'"],
      ['meta', 'enforce', "style-src 'self'"],
    ]);
  });

  it('drops empty policies', () => {
    expect(parsePagePolicies({ headers: ['', ' ; ,'] })).toEqual([]);
  });
});

describe('effectiveDirective()', () => {
  it('falls back script-src-elem → script-src → default-src and connect-src → default-src', () => {
    const all = parseSerializedPolicy("default-src 'none'; script-src a.test; script-src-elem b.test; connect-src c.test");
    expect(effectiveDirective(all, 'script-src-elem')?.name).toBe('script-src-elem');
    expect(effectiveDirective(parseSerializedPolicy("default-src 'none'; script-src a.test"), 'script-src-elem')?.name).toBe('script-src');
    expect(effectiveDirective(parseSerializedPolicy("default-src 'none'"), 'script-src-elem')?.name).toBe('default-src');
    expect(effectiveDirective(parseSerializedPolicy("default-src 'none'; script-src a.test"), 'connect-src')?.name).toBe('default-src');
    expect(effectiveDirective(parseSerializedPolicy('img-src *'), 'connect-src')).toBeNull();
    expect(effectiveDirective(parseSerializedPolicy("child-src 'none'"), 'frame-src')?.name).toBe('child-src');
  });
});

describe('sourceMatches()', () => {
  const cases: [string, string, boolean][] = [
    ['https://widget.flowxo.com', 'https://widget.flowxo.com/embed.js', true],
    ['https://WIDGET.flowxo.com', 'https://widget.flowxo.com/embed.js', true],
    ['http://widget.flowxo.com', 'https://widget.flowxo.com/embed.js', true],
    ['http://widget.flowxo.com:80', 'https://widget.flowxo.com/embed.js', true],
    ['https://widget.flowxo.com:443', 'https://widget.flowxo.com/embed.js', true],
    ['https://widget.flowxo.com:8443', 'https://widget.flowxo.com/embed.js', false],
    ['https://widget.flowxo.com:*', 'https://widget.flowxo.com/embed.js', true],
    ['widget.flowxo.com', 'https://widget.flowxo.com/embed.js', true],
    ['*.flowxo.com', 'https://widget.flowxo.com/embed.js', true],
    ['*.flowxo.com', 'https://flowxo.com/embed.js', false],
    ['https://*', 'https://widget.flowxo.com/embed.js', true],
    ['https:', 'https://widget.flowxo.com/embed.js', true],
    ['http:', 'https://widget.flowxo.com/embed.js', true],
    ['https://widget.flowxo.com/', 'https://widget.flowxo.com/embed.js', true],
    ['https://widget.flowxo.com/embed.js', 'https://widget.flowxo.com/embed.js', true],
    ['https://widget.flowxo.com/embed', 'https://widget.flowxo.com/embed.js', false],
    ['https://widget.flowxo.com/js/', 'https://widget.flowxo.com/embed.js', false],
    ['https://messenger.flowxo.com', 'https://widget.flowxo.com/embed.js', false],
    ['*', 'https://widget.flowxo.com/embed.js', true],
    ["'self'", 'https://widget.flowxo.com/embed.js', false],
    ["'none'", 'https://widget.flowxo.com/embed.js', false],
    ["'nonce-abc'", 'https://widget.flowxo.com/embed.js', false],
    // Sockets, as Chromium matches them (tests/browser/csp.test.ts checks these against it).
    ['wss://widget.flowxo.com', 'wss://widget.flowxo.com/', true],
    ['ws://widget.flowxo.com', 'wss://widget.flowxo.com/', true],
    ['ws:', 'wss://widget.flowxo.com/', true],
    ['wss:', 'wss://widget.flowxo.com/', true],
    ['*', 'wss://widget.flowxo.com/', true],
    ['https://widget.flowxo.com', 'wss://widget.flowxo.com/', false],
    ['https:', 'wss://widget.flowxo.com/', false],
    ['widget.flowxo.com', 'wss://widget.flowxo.com/', false],
    ['wss://widget.flowxo.com', 'https://widget.flowxo.com/', false],
  ];
  it.each(cases)('%s allows %s: %s', (source, url, expected) => {
    expect(sourceMatches(source, new URL(url), self)).toBe(expected);
  });

  it("matches 'self' to the page's own host and port, its sockets included", () => {
    const local = new URL('http://127.0.0.1:8080/page');
    expect(sourceMatches("'self'", new URL('http://127.0.0.1:8080/x'), local)).toBe(true);
    expect(sourceMatches("'self'", new URL('ws://127.0.0.1:8080/x'), local)).toBe(true);
    expect(sourceMatches("'self'", new URL('wss://127.0.0.1:8080/x'), local)).toBe(true);
    expect(sourceMatches("'self'", new URL('ws://127.0.0.1:8081/x'), local)).toBe(false);
    expect(sourceMatches("'self'", new URL('ws://localhost:8080/x'), local)).toBe(false);
    expect(sourceMatches("'self'", new URL('http://127.0.0.1:8080/x'), null)).toBe(false);
  });

  it('gives a scheme-less source no scheme on an opaque page', () => {
    expect(sourceMatches('widget.flowxo.com', new URL('https://widget.flowxo.com/embed.js'), null)).toBe(false);
  });
});

describe('checkPolicy()', () => {
  const url = new URL(legacyScript.url);
  it("treats an empty directive as 'none', and ignores 'none' beside other sources", () => {
    expect(checkPolicy(parseSerializedPolicy('script-src'), 'script-src-elem', url, self).allowed).toBe(false);
    expect(checkPolicy(parseSerializedPolicy("script-src 'none' https://widget.flowxo.com"), 'script-src-elem', url, self).allowed).toBe(true);
  });

  it("lets a script with the policy's nonce through, whatever its host", () => {
    const policy = parseSerializedPolicy("script-src 'nonce-r4nd0m' 'self'");
    expect(checkPolicy(policy, 'script-src-elem', url, self, { nonce: 'r4nd0m', parserInserted: true }).allowed).toBe(true);
    expect(checkPolicy(policy, 'script-src-elem', url, self, { nonce: 'other', parserInserted: true }).allowed).toBe(false);
  });

  it("ignores hosts under 'strict-dynamic': a tag in the page needs the nonce, a script-made one is trusted", () => {
    const policy = parseSerializedPolicy("script-src 'strict-dynamic' 'nonce-r4nd0m' https://widget.flowxo.com");
    const verdict = checkPolicy(policy, 'script-src-elem', url, self, { nonce: null, parserInserted: true });
    expect(verdict).toMatchObject({ allowed: false, reason: 'strict-dynamic' });
    expect(checkPolicy(policy, 'script-src-elem', url, self, { nonce: null, parserInserted: null }).allowed).toBe(false);
    expect(checkPolicy(policy, 'script-src-elem', url, self, { nonce: null, parserInserted: false }).allowed).toBe(true);
    expect(checkPolicy(policy, 'script-src-elem', url, self, { nonce: 'r4nd0m', parserInserted: true }).allowed).toBe(true);
  });

  it('does not apply nonces or strict-dynamic to sockets', () => {
    const policy = parseSerializedPolicy("default-src 'strict-dynamic' 'nonce-x' wss://widget.flowxo.com");
    expect(checkPolicy(policy, 'connect-src', new URL(legacySocket.url), self).allowed).toBe(true);
  });
});

describe('blockedFlowXoLoads()', () => {
  it('finds nothing when the policy allows the legacy script and socket (the issue’s example)', () => {
    expect(blocked("script-src 'self' https://widget.flowxo.com; connect-src 'self' wss://widget.flowxo.com")).toEqual([]);
  });

  it('names the directive that blocks each load, fallbacks included', () => {
    const found = blocked("default-src 'self'; script-src 'self' https://cdn.test");
    expect(found.map((b) => [b.resource.kind, b.directive.name, b.reason])).toEqual([
      ['script', 'script-src', 'not-listed'],
      ['socket', 'default-src', 'not-listed'],
    ]);
    expect(found[0]!.fix).toBe("script-src 'self' https://cdn.test https://widget.flowxo.com");
    expect(found[1]!.fix).toBe("connect-src 'self' wss://widget.flowxo.com");
  });

  it('checks only the generations the page uses', () => {
    const header = "script-src 'self' https://widget.flowxo.com; connect-src wss://widget.flowxo.com";
    expect(blocked(header, ['legacy'])).toEqual([]);
    expect(blocked(header, ['current']).map((b) => b.resource.url)).toEqual([
      'https://messenger.flowxo.com/loader.js',
      'wss://messenger.flowxo.com/',
      'https://messenger.flowxo.com/',
    ]);
  });

  it('needs every enforced policy to allow a load; report-only policies block nothing', () => {
    const policies = parsePagePolicies({
      headers: ["script-src https://widget.flowxo.com; connect-src wss://widget.flowxo.com, connect-src 'self'"],
      reportOnlyHeaders: ["default-src 'none'"],
    });
    const found = blockedFlowXoLoads(policies, { pageUrl: page, generations: ['legacy'] });
    expect(found.map((b) => [b.resource.kind, b.policy.text])).toEqual([['socket', "connect-src 'self'"]]);
  });

  it('reads <meta> policies as the browser does', () => {
    const policies = parsePagePolicies({ headers: [], metas: ["script-src 'self'"] });
    const found = blockedFlowXoLoads(policies, { pageUrl: page, generations: ['legacy'] });
    expect(found.map((b) => [b.policy.source, b.directive.name])).toEqual([['meta', 'script-src']]);
  });

  it('explains a strict-dynamic block with the nonce, not with a host', () => {
    const found = blocked("script-src 'strict-dynamic' 'nonce-abc' https:; connect-src *", ['legacy'], {
      scriptElement: { nonce: null, parserInserted: true },
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.reason).toBe('strict-dynamic');
    expect(found[0]!.fix).toMatch(/nonce="…".*'nonce-abc'/);
  });
});

describe('cspFindings()', () => {
  it('reports a blocked script and socket with stable codes, the directive, the fix and the browser’s violation reports', () => {
    const findings = cspFindings(parsePagePolicies({ headers: ["default-src 'self'"] }), {
      pageUrl: page,
      generations: ['legacy'],
      profileId: 'p1',
      violations: [
        { effectiveDirective: 'script-src-elem', blockedURI: 'https://widget.flowxo.com/embed.js?callback=messengerReady', disposition: 'report' },
        { effectiveDirective: 'img-src', blockedURI: 'https://widget.flowxo.com/x.png', disposition: 'report' },
        { effectiveDirective: 'script-src-elem', blockedURI: 'https://cdn.test/a.js', disposition: 'report' },
      ],
    });
    expect(findings.map((f) => [f.code, f.severity, f.profileId])).toEqual([
      ['CSP_BLOCKS_FLOWXO_SCRIPT', 'error', 'p1'],
      ['CSP_BLOCKS_FLOWXO_SOCKET', 'error', 'p1'],
    ]);
    const [script, socket] = findings;
    expect(script!.evidence).toEqual([
      "the Content-Security-Policy header: default-src 'self'",
      "default-src (in place of script-src-elem) allows 'self', not https://widget.flowxo.com/embed.js",
      expect.stringContaining('violation of script-src-elem for https://widget.flowxo.com/embed.js?callback=messengerReady'),
    ]);
    expect(script!.fix).toBe("In the Content-Security-Policy header, write: script-src 'self' https://widget.flowxo.com");
    expect(socket!.fix).toContain("connect-src 'self' wss://widget.flowxo.com");
    expect(socket!.evidence).toHaveLength(2);
  });

  it('says when the policy came from a <meta> tag', () => {
    const [finding] = cspFindings(parsePagePolicies({ headers: [], metas: ["connect-src 'none'"] }), { pageUrl: page, generations: ['legacy'] });
    expect(finding!.evidence[0]).toContain('<meta http-equiv="Content-Security-Policy">');
    expect(finding!.evidence[1]).toContain("allows 'none'");
    expect(finding!.fix).toContain('connect-src wss://widget.flowxo.com');
  });
});

// ---- Properties ----

const hosts = ['widget.flowxo.com', 'messenger.flowxo.com', 'flowxo.com', 'cdn.example.test', 'shop.example.test'];
const sourceArb = fc.oneof(
  fc.constantFrom(
    "'self'",
    "'none'",
    '*',
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'nonce-abc'",
    "'sha256-AAAA'",
    'https:',
    'wss:',
    'ws:',
    'http:',
    'data:',
  ),
  fc
    .record({
      scheme: fc.constantFrom('', 'https://', 'http://', 'wss://', 'ws://'),
      host: fc.oneof(fc.constantFrom(...hosts), fc.constantFrom('*.flowxo.com', '*.example.test', '*')),
      port: fc.constantFrom('', ':443', ':80', ':*', ':8443'),
      path: fc.constantFrom('', '/', '/embed.js', '/loader.js', '/js/'),
    })
    .map(({ scheme, host, port, path }) => `${scheme}${host}${port}${path}`),
);
const directiveArb = fc.record({
  name: fc.constantFrom('default-src', 'script-src', 'script-src-elem', 'connect-src', 'img-src', 'style-src'),
  value: fc.array(sourceArb, { maxLength: 5 }),
});
const policyArb = fc.array(directiveArb, { minLength: 1, maxLength: 5 }).map((directives) => serializePolicy({ directives }));

describe('properties', () => {
  it('parsing a serialized policy and writing it back is stable', () => {
    fc.assert(
      fc.property(policyArb, (text) => {
        const once = serializePolicy(parseSerializedPolicy(text));
        expect(serializePolicy(parseSerializedPolicy(once))).toBe(once);
      }),
    );
  });

  it('applying the fix of every blocked load lets that load through', () => {
    fc.assert(
      fc.property(policyArb, fc.constantFrom<('legacy' | 'current')[]>(['legacy'], ['current'], ['legacy', 'current']), (text, generations) => {
        for (const b of blocked(text, generations, { scriptElement: { nonce: null, parserInserted: false } })) {
          const fixed = `${b.policy.text}; ${b.fix}`.replace(/^;\s*/, '');
          // The fixed directive replaces its namesake; a new one goes first so it is not dropped as a repeat.
          const without = parseSerializedPolicy(b.policy.text).directives.filter((d) => d.name !== b.fix.split(' ')[0]);
          const policy = parseSerializedPolicy([b.fix, serializePolicy({ directives: without })].filter(Boolean).join('; '));
          const verdict = checkPolicy(policy, b.resource.directive, new URL(b.resource.url), self, { nonce: null, parserInserted: false });
          expect(verdict.allowed, `${fixed} → ${serializePolicy(policy)}`).toBe(true);
        }
      }),
    );
  });

  it('a fix only adds: everything the blocking directive allowed before it still allows', () => {
    const others = [
      'https://cdn.example.test/a.js',
      'https://shop.example.test/app.js',
      'wss://cdn.example.test/',
      'https://widget.flowxo.com/x',
    ].map((u) => new URL(u));
    fc.assert(
      fc.property(directiveArb, fc.constantFrom(...FLOW_XO_RESOURCES), (directive, resource: FlowXoResource) => {
        const fix = parseSerializedPolicy(fixFor(resource, directive, 'not-listed')).directives[0]!;
        for (const url of others)
          if (directive.value.some((s) => s.toLowerCase() !== "'none'") && directive.value.some((s) => sourceMatches(s, url, self))) {
            expect(fix.value.some((s) => sourceMatches(s, url, self))).toBe(true);
          }
      }),
    );
  });

  it('adding a source to the governing directive never blocks what was allowed (source lists are monotone)', () => {
    fc.assert(
      fc.property(policyArb, sourceArb, fc.constantFrom(...FLOW_XO_RESOURCES), (text, extra, resource: FlowXoResource) => {
        const policy = parseSerializedPolicy(text);
        const url = new URL(resource.url);
        const before = checkPolicy(policy, resource.directive, url, self);
        const governing = effectiveDirective(policy, resource.directive);
        if (!governing || !before.allowed || extra.toLowerCase() === "'strict-dynamic'") return;
        const widened = { directives: policy.directives.map((d) => (d === governing ? { ...d, value: [...d.value, extra] } : d)) };
        expect(checkPolicy(widened, resource.directive, url, self).allowed).toBe(true);
      }),
    );
  });

  it('a policy without any directive governing a load never blocks it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom('img-src', 'style-src', 'font-src', 'frame-ancestors'), value: fc.array(sourceArb) })),
        (directives) => {
          expect(blocked(serializePolicy({ directives }), ['legacy', 'current'])).toEqual([]);
        },
      ),
    );
  });
});

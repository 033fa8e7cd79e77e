import { describe, expect, it } from 'vitest';
import { SitePolicyState } from '../../../main/profiles/site-policy-state.ts';
import type { ObservedPolicy } from '../../../main/profiles/site-policy.ts';

const observed = (headers: string[], added: string[] = ['script-src: …'], metas: string[] = []): ObservedPolicy => ({
  url: 'https://shop.example.test/',
  headers,
  reportOnlyHeaders: [],
  metas,
  added,
});
const legacyTag = { type: 'scripts' as const, scripts: [{ generation: 'legacy' as const, src: 'https://widget.flowxo.com/embed.js', nonce: null }] };

describe('SitePolicyState', () => {
  it('has nothing to say before the document’s policy is known', () => {
    expect(new SitePolicyState('p').snapshot(false)).toBeNull();
  });

  it('reports a page whose policy lacks Flow XO’s hosts, for the generation the page embeds, with the browser’s reports as evidence', () => {
    const state = new SitePolicyState('p1');
    state.onPolicy(observed(["script-src 'self'; connect-src 'self'"]));
    state.onPageSecurity(legacyTag);
    const v = { effectiveDirective: 'script-src-elem', blockedURI: 'https://widget.flowxo.com/embed.js', disposition: 'report' };
    state.onPageSecurity({ type: 'violation', violation: v });
    state.onPageSecurity({ type: 'violation', violation: v });
    const snapshot = state.snapshot(true)!;
    expect(snapshot.policies).toEqual([{ source: 'header', disposition: 'enforce', text: "script-src 'self'; connect-src 'self'" }]);
    expect(snapshot.violations).toEqual([v]);
    expect(snapshot.findings.map((f) => [f.code, f.profileId])).toEqual([
      ['CSP_BLOCKS_FLOWXO_SCRIPT', 'p1'],
      ['CSP_BLOCKS_FLOWXO_SOCKET', 'p1'],
    ]);
    expect(snapshot.findings[0]!.evidence.at(-1)).toContain('the browser reported a violation');
  });

  it('finds nothing on a page whose policy allows Flow XO, and nothing on a page without a policy', () => {
    const state = new SitePolicyState('p');
    state.onPolicy(observed(["script-src 'self' https://widget.flowxo.com; connect-src 'self' wss://widget.flowxo.com"], []));
    state.onPageSecurity(legacyTag);
    expect(state.snapshot(true)!.findings).toEqual([]);
    state.onPolicy(observed([], []));
    expect(state.snapshot(true)).toEqual({ policies: [], added: [], violations: [], findings: [] });
  });

  it("takes a widget that loaded with no report under 'strict-dynamic' as added by a trusted script", () => {
    const state = new SitePolicyState('p');
    state.onPolicy(observed(["script-src 'strict-dynamic' 'nonce-n'; connect-src *"]));
    state.onPageSecurity(legacyTag);
    expect(state.snapshot(false)!.findings.map((f) => f.code)).toEqual(['CSP_BLOCKS_FLOWXO_SCRIPT']);
    expect(state.snapshot(true)!.findings).toEqual([]);
    state.onPageSecurity({
      type: 'violation',
      violation: { effectiveDirective: 'script-src-elem', blockedURI: 'https://widget.flowxo.com/embed.js', disposition: 'report' },
    });
    expect(state.snapshot(true)!.findings.map((f) => f.code)).toEqual(['CSP_BLOCKS_FLOWXO_SCRIPT']);
  });

  it('forgets the previous document’s reports on a new one', () => {
    const state = new SitePolicyState('p');
    state.onPolicy(observed(["connect-src 'self'"]));
    state.onPageSecurity({
      type: 'violation',
      violation: { effectiveDirective: 'connect-src', blockedURI: 'wss://widget.flowxo.com/', disposition: 'report' },
    });
    state.onPolicy(observed(["connect-src 'self'"]));
    expect(state.snapshot(false)!.violations).toEqual([]);
  });

  it('says nothing until it knows which generation the page loads, then checks only that one’s hosts', () => {
    const state = new SitePolicyState('p');
    state.onPolicy(
      observed(["script-src 'self' https://messenger.flowxo.com; connect-src 'self' https://messenger.flowxo.com wss://messenger.flowxo.com"]),
    );
    expect(state.snapshot(false)!.findings).toEqual([]);
    state.onScriptRequested('current');
    expect(state.snapshot(false)!.findings).toEqual([]);
    state.onScriptRequested('legacy');
    expect(state.snapshot(false)!.findings.map((f) => f.code)).toEqual(['CSP_BLOCKS_FLOWXO_SCRIPT', 'CSP_BLOCKS_FLOWXO_SOCKET']);
    state.onPolicy(observed(["script-src 'self'"]));
    expect(state.snapshot(false)!.findings).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { installViolationObserver, parseSecurityPayload, type PageSecurityReport } from '../../../main/profiles/violation-observer.ts';

const violation = { effectiveDirective: 'script-src-elem', blockedURI: 'https://widget.flowxo.com/embed.js', disposition: 'report', at: 12 };

describe('parseSecurityPayload()', () => {
  const secret = 's3cret';
  it('takes a well-formed report carrying the page’s secret', () => {
    const payload = JSON.stringify({ secret, report: { type: 'violation', violation } });
    expect(parseSecurityPayload(payload, secret)).toEqual({ type: 'violation', violation });
  });

  it.each([
    ['another secret', JSON.stringify({ secret: 'guessed', report: { type: 'violation', violation } })],
    ['not JSON', '{'],
    ['not a string', 42],
    ['an unknown type', JSON.stringify({ secret, report: { type: 'other' } })],
    ['a field too long', JSON.stringify({ secret, report: { type: 'violation', violation: { ...violation, effectiveDirective: 'x'.repeat(100) } } })],
    [
      'too many scripts',
      JSON.stringify({ secret, report: { type: 'scripts', scripts: Array(21).fill({ generation: 'legacy', src: 'x', nonce: null }) } }),
    ],
    ['too large', 'x'.repeat(17 * 1024)],
  ])('drops %s, without throwing', (_, payload) => {
    expect(parseSecurityPayload(payload, secret)).toBeNull();
  });
});

describe('installViolationObserver()', () => {
  it('installs a binding and a script before the page loads, and passes on only its own channel’s reports', async () => {
    const sent: [string, Record<string, unknown> | undefined][] = [];
    let listener: ((params: { name: string; payload: string }) => void) | undefined;
    const reports: PageSecurityReport[] = [];
    await installViolationObserver(
      {
        send: async (method, params) => void sent.push([method, params]),
        onBindingCalled: (l) => (listener = l),
      },
      (report) => reports.push(report),
    );
    expect(sent.map(([m]) => m)).toEqual(['Runtime.enable', 'Runtime.addBinding', 'Page.enable', 'Page.addScriptToEvaluateOnNewDocument']);
    const binding = String(sent[1]![1]!.name);
    const source = String(sent[3]![1]!.source);
    const secret = /secret: "([^"]+)"/.exec(source)![1]!;
    const payload = JSON.stringify({ secret, report: { type: 'scripts', scripts: [] } });
    listener!({ name: 'someone-else', payload });
    listener!({ name: binding, payload });
    expect(reports).toEqual([{ type: 'scripts', scripts: [] }]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { installPolicyInterceptor } from '../../../main/profiles/policy-interceptor.ts';
import { localWidgetOrigins, type ObservedPolicy } from '../../../main/profiles/site-policy.ts';

/** A page's DevTools protocol as the interceptor sees it: records commands, answers the few it reads, and lets the test pause responses. */
function fakeCdp(body: string | null, frameId = 'main') {
  const sent: [string, Record<string, unknown>][] = [];
  let paused: ((params: unknown) => void) | undefined;
  return {
    sent,
    cdp: {
      send: async (method: string, params: Record<string, unknown> = {}) => {
        sent.push([method, params]);
        if (method === 'Page.getFrameTree') return { frameTree: { frame: { id: frameId } } };
        if (method === 'Fetch.getResponseBody') {
          if (body === null) throw new Error('No data found for resource with given identifier');
          return { body: Buffer.from(body, 'latin1').toString('base64'), base64Encoded: true };
        }
        return {};
      },
      onRequestPaused: (listener: (params: unknown) => void) => (paused = listener),
    },
    pause: (params: Record<string, unknown>) =>
      paused!({ requestId: 'r', request: { url: 'https://shop.example.test/' }, resourceType: 'Document', frameId: 'main', ...params }),
    done: () => sent.find(([m]) => m.startsWith('Fetch.') && m !== 'Fetch.enable' && m !== 'Fetch.getResponseBody'),
  };
}

const origins = localWidgetOrigins('http://127.0.0.1:5000');
const html = (headers: Record<string, string>) =>
  Object.entries({ 'Content-Type': 'text/html; charset=iso-8859-1', ...headers }).map(([name, value]) => ({ name, value }));

describe('installPolicyInterceptor()', () => {
  it('pauses document responses only, and lets everything pass while the page belongs to no profile', async () => {
    const f = fakeCdp('<p>x</p>');
    await installPolicyInterceptor(f.cdp, { origins: () => null, onPolicy: () => undefined });
    expect(f.sent.find(([m]) => m === 'Fetch.enable')![1]).toEqual({
      patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Response' }],
    });
    f.pause({ responseStatusCode: 200, responseHeaders: html({ 'Content-Security-Policy': "script-src 'self'" }) });
    await vi.waitFor(() => expect(f.done()).toEqual(['Fetch.continueRequest', { requestId: 'r' }]));
  });

  it('hands back the page byte for byte, whatever its encoding, with the adjusted policy and the original report-only', async () => {
    const page = '<meta http-equiv="Content-Security-Policy" content="connect-src \'self\'"><p>caf\xe9</p>';
    const f = fakeCdp(page);
    const policies: ObservedPolicy[] = [];
    await installPolicyInterceptor(f.cdp, { origins: () => origins, onPolicy: (p) => policies.push(p) });
    f.pause({
      responseStatusCode: 200,
      responseStatusText: 'OK',
      responseHeaders: html({ 'Content-Length': '99', 'Content-Security-Policy-Report-Only': "img-src 'none'" }),
    });
    await vi.waitFor(() => expect(f.done()?.[0]).toBe('Fetch.fulfillRequest'));
    const params = f.done()![1];
    const out = Buffer.from(String(params.body), 'base64').toString('latin1');
    expect(out).toContain('<p>caf\xe9</p>');
    expect(out).toContain('ws://127.0.0.1:5000');
    expect(params.responsePhrase).toBe('OK');
    const headers = params.responseHeaders as { name: string; value: string }[];
    expect(headers.some((h) => h.name === 'Content-Length')).toBe(false);
    expect(headers.filter((h) => h.name === 'Content-Security-Policy-Report-Only').map((h) => h.value)).toEqual([
      "img-src 'none'",
      "connect-src 'self'",
    ]);
    expect(policies).toEqual([
      {
        url: 'https://shop.example.test/',
        headers: [],
        reportOnlyHeaders: ["img-src 'none'"],
        metas: ["connect-src 'self'"],
        added: [expect.stringMatching(/^connect-src: /)],
      },
    ]);
  });

  it('changes nothing on a page whose policy already lets the local widget through, and reports it', async () => {
    const f = fakeCdp('<p>x</p>');
    const policies: ObservedPolicy[] = [];
    await installPolicyInterceptor(f.cdp, { origins: () => origins, onPolicy: (p) => policies.push(p) });
    f.pause({ responseStatusCode: 200, responseHeaders: html({ 'Content-Security-Policy': 'default-src *' }) });
    await vi.waitFor(() => expect(f.done()?.[0]).toBe('Fetch.continueRequest'));
    expect(policies[0]).toMatchObject({ headers: ['default-src *'], added: [] });
  });

  it('adjusts a non-HTML document’s header without reading its body', async () => {
    const f = fakeCdp(null);
    await installPolicyInterceptor(f.cdp, { origins: () => origins, onPolicy: () => undefined });
    f.pause({
      responseStatusCode: 200,
      responseHeaders: [
        { name: 'content-type', value: 'application/pdf' },
        { name: 'content-security-policy', value: "default-src 'none'" },
      ],
    });
    await vi.waitFor(() => expect(f.done()?.[0]).toBe('Fetch.continueResponse'));
    expect(f.sent.some(([m]) => m === 'Fetch.getResponseBody')).toBe(false);
  });

  it('lets a redirect, a failed response, a body Chromium will not give and a malformed event pass, and reports only the main frame', async () => {
    const f = fakeCdp(null);
    const policies: ObservedPolicy[] = [];
    await installPolicyInterceptor(f.cdp, { origins: () => origins, onPolicy: (p) => policies.push(p) });
    f.pause({ requestId: 'a', responseStatusCode: 301, responseHeaders: [] });
    f.pause({ requestId: 'b', responseErrorReason: 'Failed' });
    f.pause({ requestId: 'c', responseStatusCode: 200, responseHeaders: html({}) });
    f.pause({ requestId: 'd', frameId: 'child', responseStatusCode: 200, responseHeaders: [{ name: 'content-type', value: 'text/plain' }] });
    f.pause({ requestId: 42 });
    await vi.waitFor(() => expect(f.sent.filter(([m]) => m === 'Fetch.continueRequest').map(([, p]) => p.requestId)).toEqual(['a', 'b', 'd', 'c']));
    expect(policies).toEqual([]);
  });
});

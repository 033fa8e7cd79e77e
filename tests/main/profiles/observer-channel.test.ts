import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { installObserver, observerSource, parseObserverPayload } from '../../../main/profiles/observer-channel.ts';
import type { WidgetReport } from '../../../main/profiles/profile-host.ts';
import { MAX_CALL_BYTES } from '../../../main/common/messenger-calls.ts';
import { pageContext } from '../../mocks/page-context.ts';

const SECRET = 's'.repeat(32);
const STATE = { state: 'connected', channelId: 'n_1', responsePath: '0123456789abcdef01234567/c/n_1', kind: 'anonymous' };

/** Runs the observer as a page would before its scripts, over a widget in `state`; returns what it posted and the page's globals after. */
function observe(state: unknown): { posted: unknown[]; globals: string[] } {
  const posted: unknown[] = [];
  const page: Record<string, unknown> = {
    __bbX: (payload: unknown) => posted.push(payload),
    FxoMessenger: { botbench: { on: () => undefined, getState: () => state } },
  };
  runInNewContext(observerSource('__bbX', SECRET), pageContext(page));
  return { posted, globals: Object.keys(page) };
}

describe('the widget observer’s channel', () => {
  it('posts each report with the secret on the binding it took off the page', () => {
    const { posted, globals } = observe(STATE);
    expect(globals).toEqual(['FxoMessenger']);
    expect(posted).toHaveLength(1);
    expect(parseObserverPayload(posted[0], SECRET)).toEqual({ ...STATE, loadId: expect.any(String), error: null, errorCode: null });
  });

  it('keeps a page’s own JSON.stringify out of the loop once it has run', async () => {
    const posted: string[] = [];
    const json = { ...JSON, stringify: JSON.stringify };
    const page: Record<string, unknown> = { __bbX: (payload: string) => posted.push(payload) };
    runInNewContext(observerSource('__bbX', SECRET), pageContext(page, json as typeof JSON));
    // The page replaces JSON.stringify to read the secret, then the widget appears.
    const seen: unknown[] = [];
    json.stringify = (value: unknown) => {
      seen.push(value);
      return '{}';
    };
    page.FxoMessenger = { botbench: { on: () => undefined, getState: () => STATE } };
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(seen).toEqual([]);
    expect(parseObserverPayload(posted[0], SECRET)?.channelId).toBe('n_1');
  });

  it('refuses, without throwing, anything but a well-formed report with this page’s secret', () => {
    const good = observe(STATE).posted[0] as string;
    const report = JSON.parse(good).report as WidgetReport;
    const refused: unknown[] = [
      undefined,
      42,
      { secret: SECRET, report },
      '',
      '{',
      'null',
      JSON.stringify({ secret: 't'.repeat(32), report }),
      JSON.stringify({ secret: 'short', report }),
      JSON.stringify({ secret: SECRET, report: { ...report, state: 1 } }),
      JSON.stringify({ secret: SECRET, report: { ...report, loadId: undefined } }),
      JSON.stringify({ secret: SECRET, report: { ...report, error: 'e'.repeat(2001) } }),
      JSON.stringify({ secret: SECRET, report, pad: 'x'.repeat(17 * 1024 + MAX_CALL_BYTES) }),
    ];
    for (const payload of refused) expect(parseObserverPayload(payload, SECRET)).toBeNull();
    expect(parseObserverPayload(good, SECRET)).not.toBeNull();
  });

  it('installs a binding and a script of its own for each page, and hears only that binding', async () => {
    const sent: Array<[string, Record<string, unknown> | undefined]> = [];
    const listeners: Array<(params: { name: string; payload: string }) => void> = [];
    const reports: WidgetReport[] = [];
    const cdp = {
      send: async (method: string, params?: Record<string, unknown>) => void sent.push([method, params]),
      onBindingCalled: (listener: (params: { name: string; payload: string }) => void) => void listeners.push(listener),
    };
    await installObserver(cdp, (report) => reports.push(report));
    await installObserver(cdp, (report) => reports.push(report));
    const names = sent.filter(([method]) => method === 'Runtime.addBinding').map(([, params]) => String(params?.name));
    expect(names).toHaveLength(2);
    expect(names[0]).not.toBe(names[1]);
    const scripts = sent.filter(([method]) => method === 'Page.addScriptToEvaluateOnNewDocument').map(([, params]) => String(params?.source));
    // The script for the first page, run: its report is heard on its own binding only.
    const posted: string[] = [];
    const page: Record<string, unknown> = {
      [names[0]!]: (p: string) => posted.push(p),
      FxoMessenger: { botbench: { on: () => undefined, getState: () => STATE } },
    };
    runInNewContext(scripts[0]!, pageContext(page));
    for (const listener of listeners) listener({ name: names[1]!, payload: posted[0]! });
    expect(reports).toEqual([]);
    for (const listener of listeners) listener({ name: names[0]!, payload: posted[0]! });
    expect(reports).toHaveLength(1);
  });

  it('carries the widget’s recorded calls (backlog, then each new one) with the page’s address, and refuses a malformed call', () => {
    const posted: string[] = [];
    const listeners: Array<(call: unknown) => void> = [];
    const earlier = { at: 12, api: 'legacy', by: 'page', method: 'setConfig', args: [{ externalUserId: 'u-1' }], widgetState: 'idle' };
    const page: Record<string, unknown> = {
      __bbX: (payload: string) => posted.push(payload),
      FxoMessenger: {
        botbench: {
          on: (event: string, fn: (call: unknown) => void) => event === 'call' && listeners.push(fn),
          getState: () => STATE,
          calls: () => [earlier],
        },
      },
    };
    runInNewContext(observerSource('__bbX', SECRET), {
      window: page,
      JSON,
      Math,
      String,
      setInterval,
      clearInterval,
      location: { href: 'https://shop.example.test/a' },
    });
    const later = { ...earlier, at: 40, method: 'sendMessage', args: ['hi'], widgetState: 'connected' };
    for (const listener of listeners) listener(later);
    const calls = posted.map((p) => parseObserverPayload(p, SECRET)).filter((r) => r?.call);
    expect(calls.map((r) => [r!.call!.method, r!.page])).toEqual([
      ['setConfig', 'https://shop.example.test/a'],
      ['sendMessage', 'https://shop.example.test/a'],
    ]);
    const report = JSON.parse(posted[0]!).report as WidgetReport;
    for (const call of [
      { ...earlier, api: 'other' },
      { ...earlier, by: 'server' },
      { ...earlier, args: Array(17).fill(1) },
      { ...earlier, at: -1 },
    ]) {
      expect(parseObserverPayload(JSON.stringify({ secret: SECRET, report: { ...report, call } }), SECRET)).toBeNull();
    }
  });
});

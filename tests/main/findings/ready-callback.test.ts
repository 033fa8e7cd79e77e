import { describe, expect, it } from 'vitest';
import { readyCallbackFindings } from '../../../main/findings/ready-callback.ts';
import { load } from '../../mocks/findings.ts';

const codes = (l: ReturnType<typeof load>) => readyCallbackFindings(l.build()).map((f) => f.code);

describe('readyCallbackFindings()', () => {
  it('reports a ?callback= naming no function as READY_CALLBACK_MISSING, with the widget’s words', () => {
    const findings = readyCallbackFindings(
      load()
        .call('ready-callback', ['messengerReady'], {
          error: { code: 'MISSING', message: 'embed.js?callback=messengerReady names no global function (found undefined).' },
        })
        .build(),
    );
    expect(findings).toMatchObject([
      { code: 'READY_CALLBACK_MISSING', severity: 'error', title: 'embed.js?callback=messengerReady names no function' },
    ]);
    expect(findings[0]!.evidence[0]).toContain('found undefined');
  });

  it('reports a throwing callback, a throwing/rejecting/timing-out onFlowXOInit, and onFlowXOInit not a function', () => {
    expect(codes(load().call('ready-callback', ['ready'], { error: { code: 'THREW', message: 'boom' } }))).toEqual(['READY_CALLBACK_THREW']);
    const current = load('l', 'https://a.test/', 'p1', 'current');
    current.call('onFlowXOInit', ['conn'], { error: { code: 'THREW', message: 'backend down' } });
    current.call('onFlowXOInit', ['conn'], { error: { code: 'TIMEOUT', message: 'late' } });
    current.call('onFlowXOInit', ['conn'], { error: { code: 'NOT_A_FUNCTION', message: 'string' } });
    expect(codes(current)).toEqual(['READY_CALLBACK_THREW', 'READY_CALLBACK_THREW', 'READY_CALLBACK_MISSING']);
  });

  it('reports a widget script that never started, naming the callback it never called', () => {
    const findings = readyCallbackFindings(
      load()
        .call('never-started', [{ src: 'https://widget.flowxo.com/embed.js?callback=messengerReady' }], { by: 'browser', widgetState: 'absent' })
        .build(),
    );
    expect(findings).toMatchObject([{ code: 'READY_CALLBACK_NEVER_CALLED', title: 'embed.js never started, so messengerReady() was never called' }]);
  });

  it('finds nothing in a callback that ran, or an onFlowXOInit that resolved', () => {
    expect(
      codes(
        load()
          .call('ready-callback', ['messengerReady'])
          .call('setConfig', [{ externalUserId: 'a8f3c2e1d' }]),
      ),
    ).toEqual([]);
    expect(codes(load('l', 'u', 'p', 'current').call('onFlowXOInit', ['c'], { result: { member: { id: 'x' } } }))).toEqual([]);
  });
});

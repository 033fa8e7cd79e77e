import { describe, expect, it } from 'vitest';
import { setConfigFindings } from '../../../main/findings/set-config.ts';
import { load } from '../../mocks/findings.ts';

describe('setConfigFindings()', () => {
  it('reports the page calling the API before the script defined it (SETCONFIG_BEFORE_WIDGET), naming the method', () => {
    const findings = setConfigFindings(
      load()
        .call('page-error', ['setConfig'], {
          by: 'browser',
          widgetState: 'absent',
          error: { message: "Uncaught TypeError: Cannot read properties of undefined (reading 'setConfig')" },
        })
        .build(),
    );
    expect(findings).toMatchObject([
      { code: 'SETCONFIG_BEFORE_WIDGET', severity: 'error', title: 'The page called FxoMessenger.setConfig before the script defined it' },
    ]);
  });

  it('reports setConfig({ externalUserId }) after an anonymous connection, with the throwaway anonymous user', () => {
    const findings = setConfigFindings(
      load()
        .welcome('n_AAAAAAA')
        .call('setConfig', [{ externalUserId: 'u-8f2a' }], { widgetState: 'connected' })
        .welcome('u-8f2a')
        .build(),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'SETCONFIG_TOO_LATE', severity: 'warning' });
    expect(findings[0]!.evidence.join('\n')).toContain('the visitor was n_AAAAAAA first');
  });

  it('reports metadata set after the connection', () => {
    const findings = setConfigFindings(
      load()
        .welcome('n_AAAAAAA')
        .call('setConfig', [{ metadata: { plan: 'pro' } }], { widgetState: 'connected' })
        .build(),
    );
    expect(findings.map((f) => f.code)).toEqual(['SETCONFIG_TOO_LATE']);
  });

  it('finds nothing for setConfig in the ready callback, display-only keys later, or a login on the page first', () => {
    expect(
      setConfigFindings(
        load()
          .call('setConfig', [{ externalUserId: 'u-1a' }], { widgetState: 'idle' })
          .welcome('u-1a')
          .build(),
      ),
    ).toEqual([]);
    expect(
      setConfigFindings(
        load()
          .welcome('n_AAAAAAA')
          .call('setConfig', [{ headerText: 'Help' }], { widgetState: 'connected' })
          .build(),
      ),
    ).toEqual([]);
    expect(
      setConfigFindings(
        load()
          .welcome('n_AAAAAAA')
          .loginForm()
          .call('setConfig', [{ externalUserId: 'u-1a' }], { widgetState: 'connected' })
          .build(),
      ),
    ).toEqual([]);
  });

  it('names late metadata by its keys only, never its values', () => {
    const secret = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
    const [finding] = setConfigFindings(
      load()
        .welcome('n_AAAAAAA')
        .call('setConfig', [{ metadata: { token: secret, plan: 'pro' } }], { widgetState: 'connected' })
        .build(),
    );
    expect(finding!.evidence.join('\n')).toContain('metadata: { token, plan }');
    expect(JSON.stringify(finding)).not.toContain(secret);
  });
});

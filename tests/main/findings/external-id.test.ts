import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenIdRule, externalIdFindings, guessableBecause } from '../../../main/findings/external-id.ts';
import { BOT, context, load } from '../../mocks/findings.ts';

const codesFor = (value: unknown, verifies = false) =>
  externalIdFindings(
    load()
      .call('setConfig', [{ externalUserId: value }])
      .welcome('n_AAAAAAA')
      .build(),
    context({ [BOT]: verifies }),
  ).map((f) => f.code);

describe('externalIdFindings()', () => {
  it.each([
    [42, 'EXTERNAL_ID_NOT_STRING'],
    [{ id: 1 }, 'EXTERNAL_ID_NOT_STRING'],
    ['', 'EXTERNAL_ID_EMPTY'],
    ['   ', 'EXTERNAL_ID_EMPTY'],
    ['undefined', 'EXTERNAL_ID_STRINGIFIED'],
    ['null', 'EXTERNAL_ID_STRINGIFIED'],
    ['[object Object]', 'EXTERNAL_ID_STRINGIFIED'],
    ['user 42', 'EXTERNAL_ID_REFUSED'],
    ['a/b', 'EXTERNAL_ID_REFUSED'],
    ['x'.repeat(129), 'EXTERNAL_ID_REFUSED'],
    ['n_QVIUyPr', 'EXTERNAL_ID_REFUSED'],
  ])('reports externalUserId %j as %s', (value, code) => {
    expect(codesFor(value)).toEqual([code]);
  });

  it('says which rule an ID breaks, and the value', () => {
    const [finding] = externalIdFindings(
      load()
        .call('setConfig', [{ externalUserId: 'user 42' }])
        .build(),
      context(),
    );
    expect(finding!.title).toBe('externalUserId breaks the rule: no whitespace');
    expect(finding!.evidence[0]).toContain('"user 42"');
  });

  it('reports a guessable ID only while the bot verifies no identities, with a link to the identity lab', () => {
    for (const value of ['42', 'ada@example.com', 'User123', 'customer_1007']) {
      const findings = externalIdFindings(
        load()
          .call('setConfig', [{ externalUserId: value }])
          .welcome(value)
          .build(),
        context({ [BOT]: false }),
      );
      expect(findings.map((f) => f.code)).toEqual(['EXTERNAL_ID_GUESSABLE']);
      expect(findings[0]!.link).toBe('#/people');
      expect(codesFor(value, true)).toEqual([]);
    }
  });

  it('reports the platform’s refusal of an external ID with its code and the value', () => {
    const findings = externalIdFindings(
      load()
        .call('setConfig', [{ externalUserId: 'a8f3c2e1d9' }])
        .refused('BOTBENCH_ERR_IDENTITY', 'This bot verifies identities, and the userHash is missing.')
        .build(),
      context(),
    );
    expect(findings).toMatchObject([
      { code: 'EXTERNAL_ID_REFUSED', title: 'The platform refused externalUserId "a8f3c2e1d9" (BOTBENCH_ERR_IDENTITY)' },
    ]);
  });

  it('leaves out refusals that are not about the ID: a refused message once connected, too many new visitors', () => {
    const connected = load()
      .call('setConfig', [{ externalUserId: 'a8f3c2e1d9' }])
      .welcome('a8f3c2e1d9')
      .call('error', [], { by: 'platform', widgetState: 'connected', error: { code: 'BOTBENCH_ERR_VALIDATION', message: 'text too long' } })
      .refused('BOTBENCH_ERR_TOO_MANY_USERS', 'Too many new visitors');
    expect(externalIdFindings(connected.build(), context())).toEqual([]);
  });

  it('reads FlowXO.identify and onFlowXOInit’s member too', () => {
    const current = load('l', 'https://a.test/', 'p1', 'current');
    current.call('onFlowXOInit', ['conn'], { result: { member: { id: 7 } } }).call('identify', [{ id: 'null' }]);
    expect(externalIdFindings(current.build(), context()).map((f) => f.code)).toEqual(['EXTERNAL_ID_NOT_STRING', 'EXTERNAL_ID_STRINGIFIED']);
  });

  it('finds nothing for an opaque ID, a logout, or no ID at all', () => {
    expect(codesFor('8c1f0b9e-43d2-4f5a-9a61-7d2c3e4b5a69')).toEqual([]);
    expect(codesFor(null)).toEqual([]);
    expect(
      externalIdFindings(
        load()
          .call('setConfig', [{ metadata: { plan: 'pro' } }])
          .call('logout', [])
          .build(),
        context(),
      ),
    ).toEqual([]);
  });
});

describe('brokenIdRule()', () => {
  it('accepts exactly what the platform accepts', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 140,
          unit: fc.oneof(fc.constantFrom(' ', '/', '\t', '\u0000', '\u200b', '\ud800', 'é'), fc.constantFrom('a', 'B', '7', '_', '-')),
        }),
        (value) => {
          const rule = brokenIdRule(value);
          const accepted = value.length > 0 && value.length <= 128 && value.isWellFormed() && /^[^\s/\p{Cc}\p{Cf}]+$/u.test(value);
          expect(rule === null).toBe(accepted);
        },
      ),
    );
  });
});

describe('guessableBecause()', () => {
  it('finds every small integer guessable and no UUID', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(guessableBecause(String(n))).not.toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(guessableBecause(id)).toBeNull();
      }),
    );
  });
});

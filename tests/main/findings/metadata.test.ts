import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSafeCopy } from '../../../main/common/messenger-calls.ts';
import { MAX_METADATA_BYTES } from '../../../main/common/widget-frames.ts';
import { credentialsIn, metadataFindings } from '../../../main/findings/metadata.ts';
import { load } from '../../mocks/findings.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWhlcmU';
const codes = (metadata: unknown) => metadataFindings(load().call('setConfig', [{ metadata }]).build()).map((f) => f.code);

describe('credentialsIn()', () => {
  it('finds a JWT, a bearer token and password-like keys, wherever they sit, without repeating the secret', () => {
    const hits = credentialsIn(
      jsonSafeCopy({ plan: 'pro', auth: { jwt: JWT }, headers: ['Bearer abcdefgh12345'], password: 'hunter22', apiKey: 'k-1234' }),
    );
    expect(hits.map((h) => [h.path, h.why])).toEqual([
      ['metadata.auth.jwt', 'a JWT'],
      ['metadata.headers[0]', 'a bearer token'],
      ['metadata.password', 'a value under the key "password"'],
      ['metadata.apiKey', 'a value under the key "apiKey"'],
    ]);
    expect(JSON.stringify(hits)).not.toContain(JWT);
    expect(JSON.stringify(hits)).not.toContain('hunter22');
  });

  it('finds a JWT put at any path of any JSON object', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'plan', 'userId'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 3 }),
        (object, path) => {
          let node: Record<string, unknown> = structuredClone(object);
          const root = node;
          for (const key of path.slice(0, -1)) node = (node[key] = {}) as Record<string, unknown>;
          node[path.at(-1)!] = JWT;
          expect(credentialsIn(jsonSafeCopy(root)).some((hit) => hit.path === `metadata.${path.join('.')}` && hit.why === 'a JWT')).toBe(true);
        },
      ),
    );
  });

  it('finds nothing in ordinary metadata', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('plan', 'userId', 'locale', 'cart', 'count'),
          fc.oneof(fc.integer(), fc.boolean(), fc.stringMatching(/^[a-z ]{0,20}$/)),
        ),
        (object) => {
          expect(credentialsIn(jsonSafeCopy(object))).toEqual([]);
        },
      ),
    );
  });
});

describe('metadataFindings()', () => {
  it('reports a credential in setConfig, sendMessage and onFlowXOInit metadata', () => {
    expect(codes({ token: JWT })).toEqual(['METADATA_CREDENTIAL']);
    expect(
      metadataFindings(
        load()
          .call('sendMessage', ['hi', { authorization: 'Bearer abcdefgh12345' }])
          .build(),
      ).map((f) => f.code),
    ).toEqual(['METADATA_CREDENTIAL']);
    const current = load('l', 'u', 'p', 'current').call('onFlowXOInit', ['c'], {
      result: { member: { id: 'x', metadata: { password: 'hunter22' } } },
    });
    expect(metadataFindings(current.build()).map((f) => f.code)).toEqual(['METADATA_CREDENTIAL']);
  });

  it('reports metadata over the limit with its size', () => {
    const big = { blob: 'x'.repeat(600), list: Array.from({ length: 60 }, () => 'y'.repeat(400)) };
    const [finding] = metadataFindings(
      load()
        .call('setConfig', [{ metadata: big }], { error: { message: 'too large' } })
        .build(),
    );
    expect(finding).toMatchObject({ code: 'METADATA_TOO_LARGE', severity: 'error' });
    expect(finding!.title).toContain(`the limit is ${MAX_METADATA_BYTES}`);
  });

  it('reports what JSON cannot carry: refused (a cycle, a BigInt) as an error, dropped (a function, a Map) as a warning', () => {
    const cycle: Record<string, unknown> = {};
    cycle.me = cycle;
    expect(
      metadataFindings(
        load()
          .call('setConfig', [{ metadata: { cycle } }])
          .build(),
      ),
    ).toMatchObject([{ code: 'METADATA_NOT_SERIALISABLE', severity: 'error' }]);
    expect(
      metadataFindings(
        load()
          .call('setConfig', [{ metadata: { n: 10n } }])
          .build(),
      ),
    ).toMatchObject([{ severity: 'error' }]);
    expect(
      metadataFindings(
        load()
          .call('setConfig', [{ metadata: { f: () => 1, m: new Map() } }])
          .build(),
      ),
    ).toMatchObject([{ code: 'METADATA_NOT_SERIALISABLE', severity: 'warning' }]);
  });

  it('finds nothing in small plain metadata', () => {
    expect(codes({ plan: 'pro', userId: '123', cart: [1, 2] })).toEqual([]);
  });
});

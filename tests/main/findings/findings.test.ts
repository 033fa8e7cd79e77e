import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG } from '../../../main/findings/catalog.ts';
import { findingsFor, siteOf, summarise } from '../../../main/findings/findings.ts';
import { context, load } from '../../mocks/findings.ts';

describe('findingsFor()', () => {
  it('merges the same mistake on several loads into one finding, most severe first', () => {
    const loads = [1, 2, 3].map((n) =>
      load(`l${n}`)
        .call('setConfig', [{ externalUserId: 'undefined', metadata: { plan: 'pro' } }])
        .welcome('n_AAAAAAA')
        .call('setConfig', [{ metadata: { a: 1 } }], { widgetState: 'connected' })
        .build(),
    );
    const findings = findingsFor(loads, context());
    expect(findings.map((f) => f.code)).toEqual(['EXTERNAL_ID_STRINGIFIED', 'SETCONFIG_TOO_LATE']);
    expect(summarise(findings)).toEqual({ count: 2, worst: 'error' });
  });

  it('gives every finding the catalog’s fix unless the rule says better, and the page and profile', () => {
    const [finding] = findingsFor([
      load('l', 'https://shop.example.test/a', 'p9')
        .call('setConfig', [{ externalUserId: '' }])
        .build(),
    ]);
    expect(finding).toMatchObject({ fix: FINDING_CATALOG.EXTERNAL_ID_EMPTY.fix, url: 'https://shop.example.test/a', profileId: 'p9' });
  });

  it('finds nothing in a page that does it right', () => {
    const loads = [
      load()
        .call('ready-callback', ['messengerReady'])
        .call('setConfig', [{ externalUserId: '8c1f0b9e-43d2', metadata: { plan: 'pro' } }])
        .welcome('8c1f0b9e-43d2')
        .call('on', ['messageReceived', () => 1], { widgetState: 'connected' })
        .build(),
    ];
    expect(findingsFor(loads, context())).toEqual([]);
    expect(summarise([])).toEqual({ count: 0, worst: null });
  });
});

describe('siteOf()', () => {
  it('is the origin of a URL, and a file URL or garbage stands for itself', () => {
    expect(siteOf('https://shop.example.test/a?b')).toBe('https://shop.example.test');
    expect(siteOf('file:///tmp/a.html')).toBe('file:///tmp/a.html');
    expect(siteOf('not a url')).toBe('not a url');
  });
});

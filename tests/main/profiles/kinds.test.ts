import { describe, expect, it } from 'vitest';
import { siteUrl, withKindDefaults } from '../../../main/profiles/kinds.ts';

const botId = '5852754509ac70000c104b80';

describe('withKindDefaults()', () => {
  it('gives an external-id profile User123 and a metadata profile {"myUserId":"123"}, as in the seed', () => {
    expect(withKindDefaults({ kind: 'external-id', botId }).externalUserId).toBe('User123');
    expect(withKindDefaults({ kind: 'metadata', botId }).metadata).toEqual({ myUserId: '123' });
    expect(withKindDefaults({ kind: 'external-id', botId, externalUserId: 'Jane' }).externalUserId).toBe('Jane');
    expect(withKindDefaults({ kind: 'persistent', botId })).toEqual({ kind: 'persistent', botId });
  });
});

describe('siteUrl()', () => {
  it('points at the customer site with the setConfig query parameters', () => {
    const url = new URL(siteUrl('http://127.0.0.1:5000', { kind: 'metadata', botId, externalUserId: 'a@b', metadata: { myUserId: '123' } }));
    expect(url.pathname).toBe(`/site/${botId}`);
    expect(url.searchParams.get('externalUserId')).toBe('a@b');
    expect(JSON.parse(url.searchParams.get('metadata')!)).toEqual({ myUserId: '123' });
  });
});

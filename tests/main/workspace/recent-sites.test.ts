import { describe, expect, it } from 'vitest';
import { RECENT_SITES_MAX, RecentSiteStore } from '../../../main/workspace/recent-sites.ts';
import { openWorkspace } from '../../../main/workspace/workspace-db.ts';

describe('RecentSiteStore', () => {
  const setup = (start = 1_000) => {
    let now = start;
    const store = new RecentSiteStore(openWorkspace(null), () => now);
    return { store, tick: (ms = 1000) => (now += ms) };
  };

  it('lists sites most recent first, named by host unless named', () => {
    const { store, tick } = setup();
    store.save({ url: 'http://localhost:3000/' });
    tick();
    store.save({ url: 'https://staging.example.com/login', name: 'Staging login' });
    expect(store.list().map((s) => [s.name, s.url])).toEqual([
      ['Staging login', 'https://staging.example.com/login'],
      ['localhost:3000', 'http://localhost:3000/'],
    ]);
  });

  it('moves a site used again to the top, keeping its id and name unless a new one is given', () => {
    const { store, tick } = setup();
    const first = store.save({ url: 'http://localhost:3000/', name: 'Dev' }).id;
    tick();
    store.save({ url: 'https://staging.example.com/' });
    tick();
    const again = store.save({ url: 'http://localhost:3000' });
    expect(again.id).toBe(first);
    expect(again.sites.map((s) => s.name)).toEqual(['Dev', 'staging.example.com']);
    expect(store.save({ url: 'http://localhost:3000/', name: 'Dev server' }).sites[0]).toMatchObject({ id: first, name: 'Dev server' });
  });

  it('orders two saves in the same millisecond by which came last', () => {
    const { store } = setup();
    store.save({ url: 'http://a.localhost/' });
    store.save({ url: 'http://b.localhost/' });
    expect(store.list().map((s) => s.url)).toEqual(['http://b.localhost/', 'http://a.localhost/']);
  });

  it(`remembers at most ${RECENT_SITES_MAX}, forgetting the least recently used`, () => {
    const { store, tick } = setup();
    for (let i = 0; i <= RECENT_SITES_MAX; i++) {
      store.save({ url: `http://localhost:${3000 + i}/` });
      tick();
    }
    const urls = store.list().map((s) => s.url);
    expect(urls).toHaveLength(RECENT_SITES_MAX);
    expect(urls).not.toContain('http://localhost:3000/');
  });

  it('removes a site, refusing an unknown id with BOTBENCH_ERR_SITE_NOT_FOUND and a bad URL with BOTBENCH_ERR_SITE_URL', () => {
    const { store } = setup();
    const { id } = store.save({ url: 'http://localhost:3000/' });
    expect(store.remove(id)).toEqual([]);
    expect(() => store.remove(id)).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_SITE_NOT_FOUND' }));
    expect(() => store.save({ url: 'javascript:alert(1)' })).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_SITE_URL', field: 'url' }));
  });
});

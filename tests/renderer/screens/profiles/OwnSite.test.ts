// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { RecentSite } from '../../../../main/api/contract.ts';
import { ProfilePane } from '../../../../renderer/src/screens/profiles/ProfilePane.tsx';
import { ProfilesScreen } from '../../../../renderer/src/screens/profiles/ProfilesScreen.tsx';
import { StoreProvider } from '../../../../renderer/src/store/context.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot, makeProfile } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const STAGING: RecentSite = { id: 's1', url: 'https://staging.example.com/', name: 'Staging', usedAt: 2 };
const DEV: RecentSite = { id: 's2', url: 'http://localhost:3000/', name: 'Dev server', usedAt: 1 };

/** A client whose recent sites behave as main's: saving moves a site to the top. */
function sitesClient(sites: RecentSite[] = [STAGING, DEV]): FakeClient {
  let list = [...sites];
  return new FakeClient({
    'sites.list': () => list,
    'sites.save': ({ url, name }) => {
      const found = list.find((s) => s.url === url);
      const site = { id: found?.id ?? `n${list.length}`, url, name: name ?? found?.name ?? new URL(url).host, usedAt: 99 };
      list = [site, ...list.filter((s) => s.url !== url)];
      return { sites: list, id: site.id };
    },
    'sites.remove': ({ id }) => (list = list.filter((s) => s.id !== id)),
    'profiles.open': (input) =>
      makeProfile({ id: `p-${input.kind}`, kind: input.kind, url: input.siteUrl ?? `http://127.0.0.1:4010/site/${BOT_ID}` }),
  });
}

async function renderScreen(client = sitesClient()) {
  const rendered = renderWithStore(createElement(ProfilesScreen), client);
  await act(async () => {
    rendered.store.getState().applyBot(makeBot());
    await rendered.store.getState().loadSites();
  });
  return rendered;
}

describe('the Open profile dialog’s site', () => {
  it('checks the site as it is typed, saying what a site is, and opens a storage kind on it, remembered under its name', async () => {
    const { client, store } = await renderScreen();
    fireEvent.click(screen.getByTestId('open-site'));
    const site = screen.getByTestId('open-profile-site') as HTMLInputElement;
    expect(document.activeElement).toBe(site);
    fireEvent.change(site, { target: { value: 'javascript:alert(1)' } });
    expect(screen.getByTestId('open-profile-problem').textContent).toMatch(
      /^A site is an absolute http:, https: or file: URL.*its scheme is javascript:/,
    );
    expect(site.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByTestId('open-profile-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(site, { target: { value: 'localhost:8080/shop' } });
    expect(screen.queryByTestId('open-profile-problem')).toBeNull();
    fireEvent.change(screen.getByTestId('open-profile-site-name'), { target: { value: 'Shop dev' } });
    fireEvent.change(screen.getByTestId('open-profile-kind'), { target: { value: 'incognito' } });
    await act(async () => fireEvent.click(screen.getByTestId('open-profile-submit')));
    expect(client.paramsOf('profiles.open')).toEqual([{ kind: 'incognito', siteUrl: 'http://localhost:8080/shop' }]);
    expect(client.paramsOf('sites.save')).toEqual([{ url: 'http://localhost:8080/shop', name: 'Shop dev' }]);
    expect(store.getState().sites.map((s) => s.name)).toEqual(['Shop dev', 'Staging', 'Dev server']);
    // The site just used is the one the toolbar now opens on.
    expect((screen.getByTestId('site-choice') as HTMLSelectElement).value).toBe('http://localhost:8080/shop');
  });

  it('leaves no recent site behind when the profile did not open', async () => {
    const client = sitesClient().fail('profiles.open', { code: 'BOTBENCH_ERR_SITE_UNREACHABLE', message: 'could not be loaded' });
    await renderScreen(client);
    fireEvent.click(screen.getByTestId('open-site'));
    fireEvent.change(screen.getByTestId('open-profile-site'), { target: { value: 'http://127.0.0.1:9/' } });
    await act(async () => fireEvent.click(screen.getByTestId('open-profile-submit')));
    expect(client.paramsOf('sites.save')).toEqual([]);
  });

  it('picks a recent site (most recent first) and forgets one', async () => {
    const { client } = await renderScreen();
    fireEvent.click(screen.getByTestId('open-site'));
    const recent = within(screen.getByRole('group', { name: 'Recent sites' }));
    expect(recent.getAllByTestId('recent-site').map((b) => b.textContent)).toEqual([
      'Staginghttps://staging.example.com/',
      'Dev serverhttp://localhost:3000/',
    ]);
    fireEvent.click(recent.getAllByTestId('recent-site')[1]!);
    expect((screen.getByTestId('open-profile-site') as HTMLInputElement).value).toBe(DEV.url);
    expect(recent.getAllByTestId('recent-site')[1]!.getAttribute('aria-pressed')).toBe('true');
    await act(async () => fireEvent.click(recent.getByRole('button', { name: 'Forget Staging' })));
    expect(client.paramsOf('sites.remove')).toEqual([{ id: 's1' }]);
    expect(recent.getAllByTestId('recent-site')).toHaveLength(1);
  });

  it('refuses an identity kind on a site, saying that the site decides who the visitor is', async () => {
    await renderScreen();
    fireEvent.click(screen.getByTestId('open-site'));
    fireEvent.change(screen.getByTestId('open-profile-site'), { target: { value: 'https://staging.example.com/' } });
    fireEvent.change(screen.getByTestId('open-profile-kind'), { target: { value: 'external-id' } });
    expect(screen.getByTestId('open-profile-problem').textContent).toContain('the site’s snippet decides who the visitor is');
    expect(screen.queryByTestId('open-profile-value')).toBeNull();
    // Without a site, the kind asks for its ID again.
    fireEvent.change(screen.getByTestId('open-profile-site'), { target: { value: '' } });
    expect((screen.getByTestId('open-profile-value') as HTMLInputElement).value).toBe('User123');
  });
});

describe('the toolbar’s chosen site', () => {
  it('opens storage kinds on it, turns the identity kinds off saying why, and seeds the story’s three browsers there', async () => {
    const { client } = await renderScreen();
    fireEvent.change(screen.getByTestId('site-choice'), { target: { value: STAGING.url } });
    const externalId = screen.getByTestId('open-profile-external-id') as HTMLButtonElement;
    expect(externalId.disabled).toBe(true);
    expect(externalId.title).toContain('the site’s snippet decides who the visitor is');
    expect((screen.getByTestId('open-profile-login') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('seed-story').title).toBe('Opens Same browser, Incognito, Other device side by side on Staging');
    await act(async () => fireEvent.click(screen.getByTestId('open-profile-storage-blocked')));
    await act(async () => fireEvent.click(screen.getByTestId('seed-story')));
    expect(client.paramsOf('profiles.open')).toEqual([
      { kind: 'storage-blocked', siteUrl: STAGING.url },
      { kind: 'persistent', siteUrl: STAGING.url },
      { kind: 'incognito', siteUrl: STAGING.url },
      { kind: 'other-device', siteUrl: STAGING.url },
    ]);
  });

  it('keeps the demo page’s whole story when no site is chosen', async () => {
    const { client } = await renderScreen();
    await act(async () => fireEvent.click(screen.getByTestId('seed-story')));
    expect(client.paramsOf('profiles.open').map((p) => [p.kind, p.botId, p.siteUrl])).toEqual([
      ['persistent', BOT_ID, undefined],
      ['incognito', BOT_ID, undefined],
      ['other-device', BOT_ID, undefined],
      ['external-id', BOT_ID, undefined],
      ['external-id', BOT_ID, undefined],
      ['metadata', BOT_ID, undefined],
    ]);
  });
});

describe('a pane’s address bar', () => {
  const onSite = makeProfile({ id: 'p1', url: 'http://127.0.0.1:5000/', canGoBack: true, canGoForward: false });

  it('shows the page’s address, and back, forward and reload as the page’s history allows', () => {
    renderWithStore(createElement(ProfilePane, { profile: onSite, botName: null }));
    expect((screen.getByLabelText('Address of the page in Same browser') as HTMLInputElement).value).toBe('http://127.0.0.1:5000/');
    expect((screen.getByRole('button', { name: 'Back' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Forward' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Reload this page' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('goes to a typed address on Enter, and back, forward and reload with the buttons', async () => {
    const client = new FakeClient({ 'profiles.navigate': ({ to }) => makeProfile({ id: 'p1', url: typeof to === 'object' ? to.url : onSite.url }) });
    renderWithStore(createElement(ProfilePane, { profile: onSite, botName: null }), client);
    const address = screen.getByTestId('pane-url');
    fireEvent.focus(address);
    fireEvent.change(address, { target: { value: '127.0.0.1:5000/login' } });
    await act(async () => fireEvent.submit(address));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Back' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reload this page' })));
    expect(client.paramsOf('profiles.navigate')).toEqual([
      { id: 'p1', to: { url: 'http://127.0.0.1:5000/login' } },
      { id: 'p1', to: 'back' },
      { id: 'p1', to: 'reload' },
    ]);
  });

  it('refuses an address that is not a site in the pane, and Esc puts the page’s address back', () => {
    const { client } = renderWithStore(createElement(ProfilePane, { profile: onSite, botName: null }));
    const address = screen.getByTestId('pane-url') as HTMLInputElement;
    fireEvent.focus(address);
    fireEvent.change(address, { target: { value: 'chrome://settings' } });
    fireEvent.submit(address);
    const problem = screen.getByTestId('pane-url-problem');
    expect(problem.textContent).toContain('its scheme is chrome:');
    expect(address.getAttribute('aria-describedby')).toBe(problem.id);
    expect(client.paramsOf('profiles.navigate')).toEqual([]);
    fireEvent.keyDown(address, { key: 'Escape' });
    expect(address.value).toBe('http://127.0.0.1:5000/');
    expect(screen.queryByTestId('pane-url-problem')).toBeNull();
  });

  it('follows the page when it moves by itself, unless the tester is typing', () => {
    const { rerender, store } = renderWithStore(createElement(ProfilePane, { profile: onSite, botName: null }));
    const pane = (url: string) => createElement(StoreProvider, { store }, createElement(ProfilePane, { profile: { ...onSite, url }, botName: null }));
    const address = screen.getByTestId('pane-url') as HTMLInputElement;
    rerender(pane('http://127.0.0.1:5000/account'));
    expect(address.value).toBe('http://127.0.0.1:5000/account');
    fireEvent.focus(address);
    fireEvent.change(address, { target: { value: 'http://127.0.0.1:5000/cart' } });
    rerender(pane('http://127.0.0.1:5000/elsewhere'));
    expect(address.value).toBe('http://127.0.0.1:5000/cart');
  });

  it('shows what Botbench did for the profile, such as a bot imported on first sight', () => {
    renderWithStore(
      createElement(ProfilePane, {
        profile: makeProfile({ notices: [{ at: 1, text: 'Imported bot 645731a0… from https://shop.example.test' }] }),
        botName: null,
      }),
    );
    expect(screen.getByTestId('pane-notices').textContent).toBe('Imported bot 645731a0… from https://shop.example.test');
  });
});

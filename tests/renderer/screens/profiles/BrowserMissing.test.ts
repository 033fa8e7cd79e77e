// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../../main/api/contract.ts';
import { ProfilesScreen } from '../../../../renderer/src/screens/profiles/ProfilesScreen.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { makeBot } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const missing: HostStatus = {
  ready: false,
  problem: 'No Chromium, Chrome or Edge was found on this machine, so profiles cannot open.',
  searched: ['/usr/bin/chromium', '/home/qa/.cache/ms-playwright/chromium-*'],
  fixes: ['apt-get install chromium', 'npx playwright install chromium'],
  hint: 'Or set BOTBENCH_CHROMIUM to the path of a Chromium-based browser.',
};

describe('<BrowserMissing> on the Profiles screen', () => {
  it('says what is missing and how to get it, keeps the open buttons off, and goes away once Retry finds a browser', async () => {
    let status: HostStatus = missing;
    const client = new FakeClient({
      'workbench.info': () => ({ version: '0', mode: 'browser', platformUrl: 'http://127.0.0.1:1', dataDir: null, browser: status }),
      'profiles.retryBrowser': () => status,
    });
    const { store } = renderWithStore(createElement(ProfilesScreen), client);
    await act(async () => {
      store.getState().applyBot(makeBot());
      await store.getState().loadInfo();
    });
    const panel = screen.getByTestId('browser-missing');
    expect(panel.getAttribute('role')).toBe('alert');
    expect(panel.textContent).toContain(missing.problem);
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('code')?.textContent),
    ).toEqual(['apt-get install chromium', 'npx playwright install chromium', '/usr/bin/chromium', '/home/qa/.cache/ms-playwright/chromium-*']);
    expect(within(panel).getByRole('button', { name: 'Copy “apt-get install chromium”' })).toBeTruthy();
    expect((screen.getByTestId('open-profile-persistent') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('seed-story') as HTMLButtonElement).disabled).toBe(true);
    // No "open a profile" invitation while nothing can open.
    expect(screen.queryByTestId('profiles-empty')).toBeNull();

    fireEvent.click(screen.getByTestId('browser-retry'));
    await act(async () => undefined);
    expect(client.paramsOf('profiles.retryBrowser')).toHaveLength(1);
    expect(screen.getByTestId('browser-missing')).toBeTruthy();

    status = { ready: true, browser: '/opt/google/chrome/chrome' };
    fireEvent.click(screen.getByTestId('browser-retry'));
    await act(async () => undefined);
    expect(screen.queryByTestId('browser-missing')).toBeNull();
    expect((screen.getByTestId('open-profile-persistent') as HTMLButtonElement).disabled).toBe(false);
    expect(store.getState().toasts.at(-1)).toMatchObject({ title: 'Browser found', message: '/opt/google/chrome/chrome' });
  });
});

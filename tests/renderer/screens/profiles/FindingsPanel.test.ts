// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { act, createElement, Fragment } from 'react';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../main/api/contract.ts';
import { FindingsBadge, FindingsPanel } from '../../../../renderer/src/screens/profiles/FindingsPanel.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { makeProfile } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const finding = (change: Partial<Finding> = {}): Finding => ({
  code: 'EXTERNAL_ID_STRINGIFIED',
  severity: 'error',
  title: 'externalUserId is the string "undefined"',
  evidence: ['FxoMessenger.setConfig({ externalUserId }) with "undefined" at 0.1 s, widget idle'],
  fix: 'Render externalUserId only when the value exists.',
  url: 'https://shop.example.test/a',
  profileId: 'p1',
  ...change,
});

describe('<FindingsBadge> and <FindingsPanel>', () => {
  it('shows a pane’s count by its worst severity, opens the site’s list, and reloads it when that site’s findings change', async () => {
    const listed: Finding[][] = [[finding(), finding({ code: 'EXTERNAL_ID_GUESSABLE', severity: 'warning', title: 'guessable', link: '#/people' })]];
    const client = new FakeClient({ 'findings.list': async () => listed.at(-1)! });
    const profile = makeProfile({ url: 'https://shop.example.test/a?x=1', findings: { count: 2, worst: 'error' } });
    const { store } = renderWithStore(createElement(Fragment, null, createElement(FindingsBadge, { profile }), createElement(FindingsPanel)), client);
    const badge = screen.getByTestId('pane-findings');
    expect(badge.textContent).toBe('2 findings');
    expect(badge.dataset.worst).toBe('error');
    expect(screen.queryByTestId('findings-panel')).toBeNull();

    await act(async () => fireEvent.click(badge));
    expect(client.paramsOf('findings.list')).toEqual([{ site: 'https://shop.example.test' }]);
    const items = screen.getAllByTestId('finding');
    expect(items.map((item) => [item.dataset.code, item.dataset.severity])).toEqual([
      ['EXTERNAL_ID_STRINGIFIED', 'error'],
      ['EXTERNAL_ID_GUESSABLE', 'warning'],
    ]);
    expect(within(items[0]!).getByText(/widget idle/)).toBeTruthy();
    expect(within(items[1]!).getByRole('button', { name: 'Try it in the identity lab' })).toBeTruthy();
    expect(document.activeElement?.id).toBe('findings-title');
    expect(within(screen.getByTestId('findings-panel')).getByTestId('botbench-badge')).toBeTruthy();

    // Another site's change is not this list's; this site's is.
    listed.push([]);
    await act(async () => client.emit({ type: 'findings', profileId: 'p9', site: 'https://other.example.test' }));
    expect(client.paramsOf('findings.list')).toHaveLength(1);
    await act(async () => client.emit({ type: 'findings', profileId: 'p1', site: 'https://shop.example.test' }));
    expect(client.paramsOf('findings.list')).toHaveLength(2);
    expect(screen.getByTestId('findings-none')).toBeTruthy();

    await act(async () => fireEvent.click(within(screen.getByTestId('findings-panel')).getByRole('button', { name: 'Close' })));
    expect(screen.queryByTestId('findings-panel')).toBeNull();
    expect(store.getState().findingsOpen).toBe(false);
  });

  it('says "No findings" for a clean pane', () => {
    renderWithStore(createElement(FindingsBadge, { profile: makeProfile() }));
    expect(screen.getByTestId('pane-findings').textContent).toBe('No findings');
    expect(screen.getByTestId('pane-findings').dataset.worst).toBe('none');
  });
});

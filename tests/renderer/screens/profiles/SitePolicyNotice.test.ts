// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ProfilePane } from '../../../../renderer/src/screens/profiles/ProfilePane.tsx';
import { cspFindings, parsePagePolicies } from '../../../../main/findings/csp.ts';
import { makeProfile } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';
import axe from 'axe-core';

const header = "script-src 'self'; connect-src 'self'";
const sitePolicy = {
  policies: [{ source: 'header' as const, disposition: 'enforce' as const, text: header }],
  added: ['script-src: http://127.0.0.1:5000 https://widget.flowxo.com https://messenger.flowxo.com'],
  violations: [{ effectiveDirective: 'script-src-elem', blockedURI: 'https://widget.flowxo.com/embed.js', disposition: 'report' }],
  findings: cspFindings(parsePagePolicies({ headers: [header] }), {
    pageUrl: 'https://shop.example.test/',
    generations: ['legacy'],
    profileId: 'p1',
  }),
};

describe('<SitePolicyNotice> in a pane', () => {
  it('says the site’s policy was adjusted, lists what the site’s own policy blocks in production, and shows the original', async () => {
    const { container } = renderWithStore(createElement(ProfilePane, { profile: makeProfile({ id: 'p1', sitePolicy }), botName: null }));
    const section = screen.getByTestId('pane-site-policy');
    expect(section.dataset.adjusted).toBe('true');
    expect(screen.getByTestId('pane-policy-adjusted').textContent).toContain('The site’s policy was adjusted for the local widget.');
    expect(within(section).getByTestId('botbench-badge')).toBeTruthy();
    expect(screen.getAllByTestId('pane-csp-finding').map((li) => li.dataset.code)).toEqual(['CSP_BLOCKS_FLOWXO_SCRIPT', 'CSP_BLOCKS_FLOWXO_SOCKET']);
    expect(screen.getAllByTestId('pane-csp-finding')[0]!.textContent).toContain("script-src 'self' https://widget.flowxo.com");
    expect(screen.getByTestId('pane-policy-original').textContent).toContain(header);
    expect(screen.getByTestId('pane-policy-violations').textContent).toContain('https://widget.flowxo.com/embed.js');
    const results = await axe.run(container, { runOnly: ['wcag2a', 'wcag2aa'], rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('is not there for a page without a policy, or whose policy let the widget through and blocks nothing', () => {
    renderWithStore(createElement(ProfilePane, { profile: makeProfile({ id: 'a', sitePolicy: null }), botName: null }));
    renderWithStore(
      createElement(ProfilePane, {
        profile: makeProfile({
          id: 'b',
          sitePolicy: { policies: [{ source: 'header', disposition: 'enforce', text: 'default-src *' }], added: [], violations: [], findings: [] },
        }),
        botName: null,
      }),
    );
    expect(screen.queryByTestId('pane-site-policy')).toBeNull();
  });
});

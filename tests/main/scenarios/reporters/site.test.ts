import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../../main/scenarios/reporters/html.ts';
import { parseJsonReport, renderJson } from '../../../../main/scenarios/reporters/json.ts';
import { renderJunit } from '../../../../main/scenarios/reporters/junit.ts';
import { createListProgress, renderList } from '../../../../main/scenarios/reporters/list.ts';
import { renderMarkdown } from '../../../../main/scenarios/reporters/markdown.ts';
import type { RunSummary } from '../../../../main/scenarios/runner.ts';
import { PASSED, SITE } from './fixtures.ts';

/** Every reporter on a scenario of one's own site: page steps show the page they left, findings show once per profile. */
describe('reports of a scenario on a site', () => {
  const summary: RunSummary = { status: 'passed', startedAt: 1_700_000_000_000, durationMs: 900, concurrency: 1, scenarios: [SITE, PASSED] };

  it('markdown: a page column for that scenario only, and a findings table', () => {
    const lines = renderMarkdown(summary).split('\n');
    expect(lines).toContain('| | Step | Page after | Channel ID after | Time | Result |');
    expect(lines).toContain(
      '| ✓ | steps[2] click text=Log in in Laptop | `https://shop.example.test/account` | `n_first01` | 122 ms | 1 expectation(s) met |',
    );
    expect(lines.filter((l) => l === '| | Step | Channel ID after | Time | Result |')).toHaveLength(1);
    expect(lines).toContain('### Site integration findings');
    const findings = lines.filter((l) => l.startsWith('| Laptop | EXTERNAL_ID_GUESSABLE'));
    expect(findings).toEqual([
      '| Laptop | EXTERNAL_ID_GUESSABLE (warning): externalUserId "1001" \\| looks <guessable> | setConfig({"externalUserId":"1001"}) at 120 ms | Use an unguessable ID, or turn on identity verification. |',
    ]);
  });

  it('html: the page column and the findings table, escaped', () => {
    const html = renderHtml(summary);
    expect(html).toContain('<th>Page after</th>');
    expect(html).toContain('<td><code>https://shop.example.test/account</code></td>');
    expect(html.match(/data-testid="finding"/g)).toHaveLength(1);
    expect(html).toContain('EXTERNAL_ID_GUESSABLE (warning): externalUserId &#34;1001&#34; | looks &#60;guessable&#62;');
  });

  it('list: each step with its page and findings as it finishes, the findings again at the end', () => {
    const lines: string[] = [];
    const progress = createListProgress((line) => lines.push(line), 1);
    progress({ type: 'scenario-started', key: SITE.key, source: SITE.source, name: SITE.name, botId: null, steps: [] });
    progress({ type: 'step-finished', key: SITE.key, step: SITE.steps[2]! });
    expect(lines.slice(1)).toEqual([
      '[1/1]   ✓ steps[2] click text=Log in in Laptop → n_first01 on https://shop.example.test/account (122 ms)',
      '[1/1]       finding: EXTERNAL_ID_GUESSABLE (warning): externalUserId "1001" | looks <guessable>',
    ]);
    expect(renderList(summary)).toContain(
      'Site integration findings:\n  Shop login (cases/shop.yaml)\n      Laptop: EXTERNAL_ID_GUESSABLE (warning)',
    );
  });

  it('junit: a page step’s page as its output, the site and findings in the suite’s output', () => {
    const xml = renderJunit(summary);
    expect(xml).toContain('<system-out>page: https://shop.example.test/account</system-out>');
    expect(xml).toContain('Laptop (persistent, https://shop.example.test/): opened n_first01');
    expect(xml).toContain('Laptop finding: EXTERNAL_ID_GUESSABLE (warning): externalUserId &#34;1001&#34; | looks &#60;guessable&#62;');
  });

  it('json: the pages and findings as data, read back by merge', () => {
    const report = parseJsonReport(renderJson(summary), 'site.json');
    expect(report.summary.scenarios[0]!.steps[2]).toMatchObject({
      url: 'https://shop.example.test/account',
      findings: [{ code: 'EXTERNAL_ID_GUESSABLE' }],
    });
    expect(report.summary.scenarios[0]!.profiles[0]).toMatchObject({ url: 'https://shop.example.test/', findings: [{}, {}] });
  });
});

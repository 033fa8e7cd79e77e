import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../main/scenarios/reporters/markdown.ts';
import { SUMMARY } from './fixtures.ts';

describe('renderMarkdown()', () => {
  const markdown = renderMarkdown(SUMMARY);
  const lines = markdown.split('\n');

  it('starts with the verdict and a table of scenarios', () => {
    expect(lines.slice(0, 8)).toEqual([
      '# Botbench identity scenarios',
      '',
      '**✗ 1 passed, 1 failed of 2 scenario(s) (7 steps, 2 failed) in 4.3 s, 2 at once**',
      '',
      '| | Scenario | Steps passed | Time |',
      '|---|---|---|---|',
      '| ✓ | Incognito gets a new Channel ID | 3/3 | 2.3 s |',
      '| ✗ | Incognito keeps the ID <wrong> & "odd" \\| piped | 1/4 | 1.5 s |',
    ]);
  });

  it('lists each step with what it observed, escaping pipes so the table holds', () => {
    expect(lines).toContain(
      '| ✗ | steps[1] restart P\\|Q | `n_other002` | 121 ms | expected Channel ID n_keep0001 (the same as before this step), observed Channel ID n_other002 |',
    );
    for (const line of lines.filter((l) => l.startsWith('| ✗ | steps['))) expect(line.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('embeds an SVG timeline per profile as one-line HTML blocks, each with a table fallback', () => {
    const svgs = lines.filter((l) => l.startsWith('<p><svg'));
    expect(svgs).toHaveLength(3);
    // An HTML block ends at a blank line: it must stand alone between blank lines.
    for (const svg of svgs) {
      const at = lines.indexOf(svg);
      expect([lines[at - 1], lines[at + 1]]).toEqual(['', '']);
    }
    expect(svgs[1]).toContain('data-testid="break"');
    expect(markdown).toContain('| steps[2] | restarted | `n_incog002` | **changed** |  |');
  });
});

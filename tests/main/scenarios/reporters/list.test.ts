import { describe, expect, it } from 'vitest';
import { createListProgress, renderList } from '../../../../main/scenarios/reporters/list.ts';
import { FAILED, PASSED, SUMMARY } from './fixtures.ts';

describe('createListProgress()', () => {
  it('writes a line per step as it finishes, tagged with its scenario, so interleaved scenarios stay readable', () => {
    const lines: string[] = [];
    const progress = createListProgress((line) => lines.push(line), 2);
    progress({ type: 'scenario-started', key: 'a', source: 'a.json', name: PASSED.name, botId: null, steps: [] });
    progress({ type: 'scenario-started', key: 'b', source: 'b.json', name: FAILED.name, botId: null, steps: [] });
    progress({ type: 'step-started', key: 'a', index: 0, label: 'x', profile: null });
    progress({ type: 'step-finished', key: 'b', step: FAILED.steps[1]! });
    progress({ type: 'step-finished', key: 'a', step: PASSED.steps[2]! });
    progress({ type: 'scenario-finished', key: 'a', result: PASSED });
    expect(lines).toEqual([
      '[1/2] ▶ Incognito gets a new Channel ID (a.json)',
      '[2/2] ▶ Incognito keeps the ID <wrong> & "odd" | piped (b.json)',
      '[2/2]   ✗ steps[1] restart P|Q → n_other002 (121 ms)',
      '[2/2]       expected Channel ID n_keep0001 (the same as before this step), observed Channel ID n_other002',
      '[1/2]   ✓ steps[2] restart Incognito → n_incog002 (122 ms)',
      '[1/2] ✓ passed: Incognito gets a new Channel ID (2.3 s)',
    ]);
  });
});

describe('renderList()', () => {
  it('repeats every failure, then the counts', () => {
    expect(renderList(SUMMARY)).toBe(
      [
        '',
        'Failures:',
        '  ✗ Incognito keeps the ID <wrong> & "odd" | piped (cases/<wrong> & "odd".json)',
        '      steps[1] "restart P|Q": expected Channel ID n_keep0001 (the same as before this step), observed Channel ID n_other002',
        '      steps[2] "send "a\u0007b" from P|Q": BOTBENCH_ERR_BROWSER: gone <now>',
        '',
        '✗ 1 passed, 1 failed of 2 scenario(s) (7 steps, 2 failed) in 4.3 s, 2 at once',
        '',
      ].join('\n'),
    );
  });
});

import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../../main/scenarios/reporters/junit.ts';
import { SUMMARY } from './fixtures.ts';

/** Parses with jsdom's strict XML parser (saxes): a report that is not well-formed fails here, as in a CI system. */
function parseXml(text: string): Document {
  const document = new new JSDOM('').window.DOMParser().parseFromString(text, 'application/xml');
  const error = document.querySelector('parsererror');
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return document;
}

const attrs = (element: Element | null, ...names: string[]) => Object.fromEntries(names.map((n) => [n, element?.getAttribute(n) ?? null]));

describe('renderJunit()', () => {
  const xml = renderJunit(SUMMARY);
  const document = parseXml(xml);

  it('is well-formed XML with the counts CI systems read', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(attrs(document.documentElement, 'name', 'tests', 'failures', 'errors', 'skipped', 'time')).toEqual({
      name: 'Botbench identity scenarios',
      tests: '7',
      failures: '1',
      errors: '1',
      skipped: '1',
      time: '4.321',
    });
  });

  it('has a testsuite per scenario and a testcase per step', () => {
    const suites = [...document.querySelectorAll('testsuite')];
    expect(suites.map((s) => attrs(s, 'name', 'tests', 'failures', 'errors', 'skipped', 'file'))).toEqual([
      { name: 'Incognito gets a new Channel ID', tests: '3', failures: '0', errors: '0', skipped: '0', file: 'cases/incognito.json' },
      {
        name: 'Incognito keeps the ID <wrong> & "odd" | piped',
        tests: '4',
        failures: '1',
        errors: '1',
        skipped: '1',
        file: 'cases/<wrong> & "odd".json',
      },
    ]);
    expect([...suites[0]!.querySelectorAll('testcase')].map((t) => t.getAttribute('name'))).toEqual([
      'steps[0] open Same browser (persistent)',
      'steps[1] open Incognito (incognito)',
      'steps[2] restart Incognito',
    ]);
    expect(suites[0]!.querySelector('property[name="botId"]')!.getAttribute('value')).toBe('5852754509ac70000c104b80');
  });

  it('puts the expected and observed Channel IDs in the failure message', () => {
    const failure = document.querySelector('testcase[name="steps[1] restart P|Q"] > failure')!;
    expect(failure.getAttribute('message')).toBe('expected Channel ID n_keep0001 (the same as before this step), observed Channel ID n_other002');
    expect(failure.textContent).toBe('FAIL channelId: expected Channel ID n_keep0001 (the same as before this step); observed Channel ID n_other002');
  });

  it('reports an error step as error and the steps after it as skipped, dropping characters XML cannot hold', () => {
    const cases = [...document.querySelectorAll('testsuite')[1]!.querySelectorAll('testcase')];
    expect(cases[2]!.getAttribute('name')).toBe('steps[2] send "ab" from P|Q');
    expect(cases[2]!.querySelector('error')!.getAttribute('message')).toBe('BOTBENCH_ERR_BROWSER: gone <now>');
    expect(cases[3]!.querySelector('skipped')).not.toBeNull();
  });

  it('writes the identity timelines into the suite output', () => {
    expect(document.querySelectorAll('testsuite')[1]!.querySelector('system-out')!.textContent).toBe(
      'P|Q (incognito): opened n_keep0001 → ✂ restarted n_other002 → ✂ reset n_third003',
    );
  });

  it('shows a scenario that failed before its first step as an error', () => {
    const scenario = { ...SUMMARY.scenarios[0]!, status: 'failed' as const, profiles: [], failures: ["The scenario's bot could not be created: no"] };
    scenario.steps = scenario.steps.map((s) => ({ ...s, status: 'skipped' as const }));
    const doc = parseXml(renderJunit({ ...SUMMARY, scenarios: [scenario] }));
    expect(attrs(doc.querySelector('testsuite'), 'tests', 'errors', 'skipped')).toEqual({ tests: '4', errors: '1', skipped: '3' });
    expect(doc.querySelector('testcase[name="set-up"] > error')!.getAttribute('message')).toBe("The scenario's bot could not be created: no");
    expect(doc.documentElement.getAttribute('errors')).toBe('1');
  });
});

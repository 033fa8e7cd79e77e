import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../main/scenarios/load.ts';

const doc = readFileSync('docs/scenarios.md', 'utf8');
/** Every JSON or YAML block of docs/scenarios.md that is a whole scenario (it has a name and steps). */
const examples = [...doc.matchAll(/```(json|yaml)\n([\s\S]*?)```/g)]
  .map(([, language, text]) => ({ language: language!, text: text! }))
  .filter(({ text }) => /^\s*"?name"?:/m.test(text) && /^\s*"?steps"?:/m.test(text));

describe('docs/scenarios.md', () => {
  it('has scenario examples in JSON and YAML', () => {
    expect(examples.map((e) => e.language)).toEqual(expect.arrayContaining(['json', 'yaml']));
  });

  it.each(examples.map((e, i) => [i, e] as const))('example %i is a valid scenario', (_i, { language, text }) => {
    expect(() => parseScenarioText(text, `example.${language}`)).not.toThrow();
  });
});

describe('docs/own-site.md', () => {
  const own = readFileSync('docs/own-site.md', 'utf8');
  const scenarios = [...own.matchAll(/```yaml\n([\s\S]*?)```/g)].map(([, text]) => text!).filter((text) => /^\s*name:/m.test(text));

  it('has a scenario on one’s own site, and it is valid', () => {
    expect(scenarios.length).toBeGreaterThan(0);
    for (const text of scenarios) expect(() => parseScenarioText(text, 'own-site.yaml')).not.toThrow();
  });
});

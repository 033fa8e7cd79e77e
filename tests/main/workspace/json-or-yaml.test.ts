import { describe, expect, it } from 'vitest';
import { BotbenchError } from '../../../main/platform/errors.ts';
import { isYamlSource, readJsonOrYaml } from '../../../main/workspace/json-or-yaml.ts';

function refusal(text: string, source: string): BotbenchError {
  try {
    readJsonOrYaml(text, source, 'scenario file');
  } catch (error) {
    return error as BotbenchError;
  }
  throw new Error(`${source} was read`);
}

describe('isYamlSource()', () => {
  it('says YAML for .yaml and .yml names in any case, JSON for anything else', () => {
    expect(['a.yaml', 'b.YML', 'dir/c.Yaml'].map(isYamlSource)).toEqual([true, true, true]);
    expect(['a.json', 'a.yaml.json', 'yaml', 'a.yamlx'].map(isYamlSource)).toEqual([false, false, false, false]);
  });
});

describe('readJsonOrYaml()', () => {
  it('reads YAML by the name and JSON otherwise', () => {
    expect(readJsonOrYaml('name: a\nsteps: [1, 2]\n', 'x.yml', 'scenario file')).toEqual({ name: 'a', steps: [1, 2] });
    expect(readJsonOrYaml('{"name": "a"}', 'x.json', 'scenario file')).toEqual({ name: 'a' });
    // A name that is not .yaml/.yml is JSON, so YAML text there is refused.
    expect(refusal('name: a', 'x.txt').message).toMatch(/^x\.txt is not valid JSON: /);
  });

  it('refuses JSON that does not parse with a validation error naming the file and the format', () => {
    const error = refusal('{"steps": [}', 'bad.json');
    expect(error).toBeInstanceOf(BotbenchError);
    expect(error.code).toBe('BOTBENCH_ERR_VALIDATION');
    expect(error.message).toMatch(/^bad\.json is not valid JSON: Unexpected token/);
    expect(error.expected).toBe('a scenario file in JSON (or YAML with a .yaml/.yml name)');
  });

  it('refuses YAML that does not parse, one line per problem with its position, and duplicate keys', () => {
    const error = refusal('a: [unclosed\nb: {', 'bad.yaml');
    expect(error.code).toBe('BOTBENCH_ERR_VALIDATION');
    expect(error.expected).toBe('a scenario file in YAML or JSON');
    const [head, ...problems] = error.message.split('\n  ');
    expect(head).toBe('bad.yaml is not valid YAML:');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/at line \d+, column \d+/);
    expect(refusal('name: a\nname: b\n', 'dup.yaml').message).toMatch(/Map keys must be unique/);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarioFiles, parseScenarioText } from '../../../main/scenarios/load.ts';

const YAML = `name: Incognito gets a new Channel ID
steps:
  - do: open
    profile: Same browser
    kind: persistent
    id: regular
  - do: open
    profile: Incognito
    kind: incognito
    expect:
      channelId: { differentFrom: regular }
`;
const JSON_TEXT = JSON.stringify({
  name: 'Reload keeps the ID',
  steps: [
    { do: 'open', profile: 'A', kind: 'persistent' },
    { do: 'reload', profile: 'A', expect: { channelId: 'same' } },
  ],
});

describe('parseScenarioText()', () => {
  it('reads YAML for .yaml and .yml names, JSON otherwise', () => {
    expect(parseScenarioText(YAML, 'a.yaml').steps[1]).toMatchObject({ expect: { channelId: { differentFrom: 'regular' } } });
    expect(parseScenarioText(YAML, 'a.YML').name).toBe('Incognito gets a new Channel ID');
    expect(parseScenarioText(JSON_TEXT, 'a.json').steps).toHaveLength(2);
  });

  it('refuses JSON that does not parse, showing where', () => {
    expect(() => parseScenarioText('{"name": "x", "steps": [}', 'bad.json')).toThrow(
      /^bad\.json is not valid JSON: Unexpected token '\}'.*"steps": \[\}/,
    );
  });

  it('refuses YAML that does not parse, and duplicate keys', () => {
    expect(() => parseScenarioText('name: [unclosed', 'bad.yaml')).toThrow(/^bad\.yaml is not valid YAML:/);
    expect(() => parseScenarioText('name: a\nname: b\nsteps: []\n', 'dup.yml')).toThrow(/Map keys must be unique/);
  });

  it('validates what it parsed, naming the YAML field', () => {
    expect(() => parseScenarioText(YAML.replace('kind: incognito', 'kind: private'), 'a.yaml')).toThrow(/steps\[1\]\.kind: Invalid option/);
  });
});

describe('loadScenarioFiles()', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'botbench-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads files and directories (their scenario files, sorted), keeping each source', async () => {
    mkdirSync(join(dir, 'set'));
    writeFileSync(join(dir, 'set', 'b.yaml'), YAML);
    writeFileSync(join(dir, 'set', 'a.json'), JSON_TEXT);
    writeFileSync(join(dir, 'set', 'notes.txt'), 'not a scenario');
    writeFileSync(join(dir, 'single.yml'), YAML);
    const loaded = await loadScenarioFiles([join(dir, 'single.yml'), join(dir, 'set')]);
    expect(loaded.map((l) => l.source)).toEqual([join(dir, 'single.yml'), join(dir, 'set', 'a.json'), join(dir, 'set', 'b.yaml')]);
    expect(loaded[1]!.scenario.name).toBe('Reload keeps the ID');
  });

  it('refuses the whole set when any file is bad, listing every bad file and field', async () => {
    writeFileSync(join(dir, 'good.json'), JSON_TEXT);
    writeFileSync(join(dir, 'bad.json'), JSON_TEXT.replace('"same"', '"kept"'));
    const promise = loadScenarioFiles([join(dir, 'good.json'), join(dir, 'bad.json'), join(dir, 'missing.json')]);
    await expect(promise).rejects.toMatchObject({ code: 'BOTBENCH_ERR_VALIDATION' });
    const message = ((await promise.catch((error: unknown) => error)) as Error).message;
    expect(message).toContain(
      `${join(dir, 'bad.json')} is not a valid scenario:\n  steps[1].expect.channelId: channelId must be "same", "changed", "new"`,
    );
    expect(message).toContain(`${join(dir, 'missing.json')} cannot be read: ENOENT`);
    expect(message).not.toContain('good.json');
  });

  it('refuses a directory without scenario files', async () => {
    await expect(loadScenarioFiles([dir])).rejects.toThrow(`${dir} holds no scenario files.`);
  });
});

describe('loadScenarioFile()', () => {
  it('reads every built-in scenario file as a user would pass it', async () => {
    const loaded = await loadScenarioFile('main/scenarios/builtin/reset.json');
    expect(loaded.scenario.steps.map((s) => s.do)).toEqual(['open', 'reset', 'open', 'reset']);
  });
});

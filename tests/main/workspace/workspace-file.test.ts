import { describe, expect, it } from 'vitest';
import { parseWorkspaceFile, WORKSPACE_FORMAT, WORKSPACE_VERSION } from '../../../main/workspace/workspace-file.ts';

const BOT = '5852754509ac70000c104b80';
const minimal = {
  format: WORKSPACE_FORMAT,
  version: WORKSPACE_VERSION,
  exportedAt: '2026-12-04T00:00:00.000Z',
  includes: { secrets: false, transcripts: false, log: false, webhookHistory: false },
  bots: [{ botId: BOT, name: 'Shop', createdAt: 1, settings: { theme: '#112233' }, flows: [] }],
  bins: [],
  persons: [],
};

describe('parseWorkspaceFile()', () => {
  it('reads the current version, in JSON and in YAML', () => {
    expect(parseWorkspaceFile(JSON.stringify(minimal), 'w.json').bots[0]).toMatchObject({ botId: BOT, name: 'Shop' });
    const yaml = `format: ${WORKSPACE_FORMAT}\nversion: ${WORKSPACE_VERSION}\nexportedAt: x\nincludes: {secrets: false, transcripts: false, log: false, webhookHistory: false}\nbots: []\nbins: []\npersons: []\n`;
    expect(parseWorkspaceFile(yaml, 'w.yaml').bots).toEqual([]);
  });

  it('migrates version 1, the Flows screen’s export of one bot’s flows, into a workspace with that bot', () => {
    const flowsExport = [
      { id: 'f1', botId: BOT, webhookUrl: null, createdAt: 1, updatedAt: 2, name: 'Echo', enabled: true, trigger: { type: 'message' }, actions: [] },
    ];
    const file = parseWorkspaceFile(JSON.stringify(flowsExport), '/tmp/botbench-flows-shop.json');
    expect(file.version).toBe(WORKSPACE_VERSION);
    expect(file.bots).toEqual([
      {
        botId: BOT,
        name: 'Flows from botbench-flows-shop.json',
        createdAt: 0,
        settings: {},
        flows: [{ name: 'Echo', enabled: true, trigger: { type: 'message' }, actions: [] }],
      },
    ]);
  });

  it('refuses a newer version, another kind of file, and bad fields, naming them', () => {
    expect(() => parseWorkspaceFile(JSON.stringify({ ...minimal, version: WORKSPACE_VERSION + 1 }), 'new.json')).toThrow(
      `new.json is a version ${WORKSPACE_VERSION + 1} workspace file; this Botbench reads versions up to ${WORKSPACE_VERSION}.`,
    );
    expect(() => parseWorkspaceFile('{"name": "a scenario"}', 's.json')).toThrow('s.json is not a Botbench workspace file.');
    expect(() => parseWorkspaceFile('{', 'x.json')).toThrow(/x\.json is not valid JSON/);
    const bad = { ...minimal, bots: [{ ...minimal.bots[0], botId: 'nope', settings: { theme: 'red' } }] };
    expect(() => parseWorkspaceFile(JSON.stringify(bad), 'bad.json')).toThrow(
      /bad\.json is not a valid workspace file:\n {2}bots\.0\.botId: a Bot ID: 24 lowercase hexadecimal characters\n {2}bots\.0\.settings\.theme: a colour like #1f6feb/,
    );
    const twoBots = [{ botId: BOT }, { botId: 'a'.repeat(24) }];
    expect(() => parseWorkspaceFile(JSON.stringify(twoBots), 'flows.json')).toThrow(
      "flows.json is a flows export, but its flows name 2 bots; one file holds one bot's flows.",
    );
  });
});

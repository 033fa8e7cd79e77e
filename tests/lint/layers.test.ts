import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();
// The table itself, to check every row has its cases (a JS config, so imported untyped).
const { LAYERS } = (await import('../../eslint.config.js' as string)) as { LAYERS: Array<{ layer: string }> };

/** The layer-rule messages ESLint reports for `code` as if it were the file at `filePath`. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'botbench/layers').map((m) => m.message);
}

/** One import statement that uses what it imports, so no other rule complains. */
const importing = (specifier: string, { type = false } = {}) =>
  type ? `import type { X } from '${specifier}';\nexport type Y = X;\n` : `import { x } from '${specifier}';\nexport const y = x;\n`;

/**
 * Per row of the layer table: a file in the layer, imports it may make, and imports it must be
 * refused (each names another layer it does not list, a package or built-in it does not use,
 * or code where only types are allowed).
 */
type Import = string | { specifier: string; type?: boolean };

const cases: Record<string, { file: string; allowed: Import[]; refused: Import[] }> = {
  'main/common': { file: 'main/common/example.ts', allowed: ['./ids.ts'], refused: ['node:fs', 'zod', '../platform/errors.ts'] },
  'main/findings': {
    file: 'main/findings/example.ts',
    allowed: ['./types.ts', '../common/ids.ts'],
    refused: ['node:fs', 'zod', '../platform/errors.ts', '../profiles/types.ts'],
  },
  'main/platform': {
    file: 'main/platform/example.ts',
    allowed: ['../common/ids.ts', './errors.ts', 'node:sqlite', 'fastify'],
    refused: ['electron', '../profiles/kinds.ts', '../api/contract.ts', '../scenarios/types.ts', '../lab/types.ts', '../../renderer/src/App.tsx'],
  },
  'main/profiles': {
    file: 'main/profiles/example.ts',
    allowed: ['../platform/errors.ts', '../shell/partitions.ts', 'electron', 'playwright-core'],
    refused: ['../api/contract.ts', '../scenarios/types.ts', '../lab/types.ts', '../shell/sender.ts', 'yaml'],
  },
  'main/lab': {
    file: 'main/lab/example.ts',
    allowed: ['../platform/model.ts', { specifier: '../profiles/types.ts', type: true }],
    refused: ['electron', '../profiles/profile-service.ts', { specifier: '../profiles/types.ts' }, '../api/services.ts', '../api/contract.ts'],
  },
  'main/scenarios': {
    file: 'main/scenarios/example.ts',
    allowed: ['../profiles/profile-service.ts', '../platform/server.ts', 'yaml'],
    refused: ['../api/contract.ts', '../lab/types.ts', 'electron'],
  },
  'main/workspace': {
    file: 'main/workspace/example.ts',
    allowed: ['../platform/storage/database.ts', 'node:sqlite'],
    refused: ['../api/contract.ts', '../profiles/types.ts', 'electron'],
  },
  'main/shell': {
    file: 'main/shell/example.ts',
    allowed: ['./partitions.ts'],
    refused: ['../profiles/profile-service.ts', { specifier: '../profiles/types.ts' }, '../api/contract.ts', 'node:fs', 'electron'],
  },
  'main/api': {
    file: 'main/api/example.ts',
    allowed: ['../profiles/profile-service.ts', '../lab/person-store.ts', '../scenarios/runner.ts', 'electron'],
    refused: ['../browser-mode/ui-server.ts', '../cli/serve.ts', '../../renderer/src/App.tsx', 'react'],
  },
  'main/browser-mode': {
    file: 'main/browser-mode/example.ts',
    allowed: ['../api/services.ts', '@fastify/static'],
    refused: ['../profiles/profile-service.ts', '../cli/web.ts', 'electron'],
  },
  'main/cli': {
    file: 'main/cli/example.ts',
    allowed: ['../browser-mode/ui-server.ts', '../workbench.ts', '../scenarios/runner.ts'],
    refused: ['../index.ts', '../../renderer/src/App.tsx', '../../tests/mocks/platform.ts'],
  },
  'main (entry)': {
    file: 'main/example.ts',
    allowed: ['./api/services.ts', './workbench.ts', 'electron'],
    refused: ['./cli/serve.ts', './browser-mode/ui-server.ts', '../renderer/src/App.tsx'],
  },
  preload: {
    file: 'preload/example.ts',
    allowed: ['../main/api/contract.ts', 'electron'],
    refused: ['../main/api/services.ts', '../main/platform/platform.ts', '../main/profiles/types.ts', '../renderer/src/App.tsx', 'node:fs'],
  },
  'renderer/src': {
    file: 'renderer/src/example.ts',
    allowed: ['../../main/common/response-path.ts', { specifier: '../../main/api/contract.ts', type: true }, 'react', 'zustand/vanilla'],
    refused: [
      { specifier: '../../main/api/contract.ts' },
      { specifier: '../../main/profiles/types.ts' },
      '../../main/platform/platform.ts',
      '../../main/platform/errors.ts',
      '../widget/messenger.ts',
      'node:fs',
      'electron',
    ],
  },
  'renderer/widget': {
    file: 'renderer/widget/example.ts',
    allowed: ['./view.ts', '../../main/common/ids.ts'],
    refused: ['../../main/platform/errors.ts', '../src/App.tsx', { specifier: '../../main/api/contract.ts', type: true }, 'zod'],
  },
  bench: {
    file: 'bench/example.ts',
    allowed: ['../main/platform/server.ts', 'autocannon'],
    refused: ['../tests/mocks/platform.ts', '../renderer/src/App.tsx', 'electron'],
  },
  tests: {
    file: 'tests/main/example.test.ts',
    allowed: ['../../main/platform/server.ts', '../mocks/platform.ts', 'vitest'],
    refused: ['../../out/main/index.js', '../../dist/botbench.js'],
  },
};

describe('the layer table (eslint.config.js, eslint/layers.js)', () => {
  beforeAll(async () => {
    // The first lint loads the TypeScript parser: not part of any one case.
    await eslint.lintText('export {};\n', { filePath: 'main/common/warm-up.ts' });
  }, 60_000);

  it('has a case here for every row, and every row a case', () => {
    expect(Object.keys(cases).sort()).toEqual(LAYERS.map((row) => row.layer).sort());
  });

  for (const row of LAYERS) {
    const { file, allowed, refused } = cases[row.layer] ?? { file: '', allowed: [], refused: [] };

    it(`lets ${row.layer} import what its row lists`, async () => {
      for (const entry of allowed) {
        const { specifier, type } = typeof entry === 'string' ? { specifier: entry, type: false } : entry;
        expect(await refusals(file, importing(specifier, { type })), specifier).toEqual([]);
      }
    });

    it(`refuses every import ${row.layer}'s row does not list`, async () => {
      expect(refused.length).toBeGreaterThan(0);
      for (const entry of refused) {
        const { specifier, type } = typeof entry === 'string' ? { specifier: entry, type: false } : entry;
        expect(await refusals(file, importing(specifier, { type })), specifier).toEqual([expect.stringContaining(`${row.layer} may import`)]);
      }
    });
  }

  it('keeps main/common free of Node and DOM globals as well', async () => {
    const [result] = await eslint.lintText('export const size = Buffer.byteLength("x");\n', { filePath: 'main/common/example.ts' });
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['no-restricted-globals']);
  });

  it('says what the row allows and why an import is refused', async () => {
    expect(await refusals('main/lab/example.ts', importing('../api/services.ts'))).toEqual([
      'main/lab may import its own files and main/common/, main/platform/, main/profiles/types.ts (types only), Node built-ins, nanoid; not "../api/services.ts" (main/api/services.ts).',
    ]);
    expect(await refusals('renderer/src/example.ts', importing('../../main/platform/model.ts'))).toEqual([
      expect.stringMatching(/not "..\/..\/main\/platform\/model.ts": import it as types only \(import type …\)\.$/),
    ]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/**
 * Every import circle among the files the globs match: runtime imports only, or type-only ones
 * too (`withTypes`; a type circle is still two layers that each build on the other).
 */
async function circles(globs: string[], context: string, { withTypes = true } = {}): Promise<string[][]> {
  // transform: TypeScript drops type-only imports first, as the build does.
  const tree = await parseDependencyTree(globs, { cwd: context, context, transform: !withTypes, skipDynamicImports: false });
  return parseCircular(tree).map((circle) => circle.map((file) => relative(context, join(context, file))));
}

describe('no import circles (dpdm)', () => {
  it('finds none over main/, preload/ and the widget, type-only imports included', async () => {
    expect(await circles(['main/**/*.ts', 'preload/**/*.ts', 'renderer/widget/**/*.ts'], root)).toEqual([]);
  }, 120_000);

  it('finds no runtime circle over renderer/', async () => {
    // Type-only circles remain in renderer/src/store: zustand's slices pattern types each slice's
    // creator with the whole store (types.ts), which is made of the slices; nothing runs in a circle.
    expect(await circles(['renderer/**/*.ts', 'renderer/**/*.tsx'], root, { withTypes: false })).toEqual([]);
  }, 120_000);

  it('would find one: two files that import each other, even as types only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'botbench-circles-'));
    try {
      writeFileSync(join(dir, 'contract.ts'), "import type { RunSummary } from './types.ts';\nexport type Api = { run: RunSummary };\n");
      writeFileSync(join(dir, 'types.ts'), "import type { Api } from './contract.ts';\nexport type RunSummary = { api: Api };\n");
      writeFileSync(join(dir, 'alone.ts'), 'export const alone = 1;\n');
      expect((await circles(['*.ts'], dir)).map((circle) => circle.sort())).toEqual([['contract.ts', 'types.ts']]);
      // Without the types, nothing runs in a circle.
      expect(await circles(['*.ts'], dir, { withTypes: false })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

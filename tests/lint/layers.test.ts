import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (eslint.config.js)', () => {
  it('refuses electron in main/platform', async () => {
    expect(await importErrors('main/platform/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringContaining('main/platform runs headless'),
    ]);
  });

  it('refuses renderer/ and profiles/ imports in main/platform', async () => {
    const errors = await importErrors(
      'main/platform/example.ts',
      "import { x } from '../../renderer/src/x.ts';\nimport { y } from '../profiles/y.ts';\nexport const z = [x, y];\n",
    );
    expect(errors).toHaveLength(2);
  });

  it('keeps main/lab below the services and away from profiles and electron', async () => {
    const errors = await importErrors(
      'main/lab/example.ts',
      "import { app } from 'electron';\nimport { ProfileService } from '../profiles/profile-service.ts';\nimport { WorkbenchServices } from '../api/services.ts';\nexport const z = [app, ProfileService, WorkbenchServices];\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('main/lab (the identity lab) runs headless'),
      expect.stringContaining('main/lab is given profile snapshots'),
      expect.stringContaining('main/lab is given profile snapshots'),
    ]);
  });

  it('refuses Node modules and electron in the renderer', async () => {
    const errors = await importErrors(
      'renderer/src/example.ts',
      "import { readFileSync } from 'node:fs';\nimport { ipcRenderer } from 'electron';\nexport const z = [readFileSync, ipcRenderer];\n",
    );
    expect(errors).toEqual([expect.stringContaining('no Node modules'), expect.stringContaining('typed contract')]);
  });

  it('lets the renderer import the contract as types only', async () => {
    expect(await importErrors('renderer/src/example.ts', "import type { Bot } from '../../main/platform/model.ts';\nexport type B = Bot;\n")).toEqual(
      [],
    );
    expect(
      await importErrors('renderer/src/example.ts', "import { Platform } from '../../main/platform/platform.ts';\nexport const p = Platform;\n"),
    ).toEqual([expect.stringContaining('only the contract')]);
  });

  it('keeps main/common pure: its own files only, no Node globals', async () => {
    const errors = await importErrors(
      'main/common/example.ts',
      "import { a } from './ids.ts';\nimport { b } from 'node:fs';\nimport { z } from 'zod';\nimport { c } from '../platform/errors.ts';\nexport const d = [a, b, z, c];\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('main/common is pure'),
      expect.stringContaining('main/common is pure'),
      expect.stringContaining('main/common is pure'),
    ]);
    const [result] = await eslint.lintText('export const size = Buffer.byteLength("x");\n', { filePath: 'main/common/example.ts' });
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['no-restricted-globals']);
  });

  it('keeps the widget to its own files and main/common', async () => {
    expect(await importErrors('renderer/widget/example.ts', "import { a } from './view.ts';\nexport const b = a;\n")).toEqual([]);
    expect(
      await importErrors('renderer/widget/example.ts', "import { isChannelId } from '../../main/common/ids.ts';\nexport const b = isChannelId;\n"),
    ).toEqual([]);
    expect(
      await importErrors(
        'renderer/widget/example.ts',
        "import { BotbenchError } from '../../main/platform/errors.ts';\nexport const b = BotbenchError;\n",
      ),
    ).toHaveLength(1);
    expect(await importErrors('renderer/widget/example.ts', "import { z } from 'zod';\nexport const b = z;\n")).toEqual([
      expect.stringContaining('imports nothing but its own files'),
    ]);
    expect(await importErrors('renderer/widget/example.ts', "import { a } from '../src/a.ts';\nexport const b = a;\n")).toHaveLength(1);
  });
});

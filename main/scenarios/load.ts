import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { BotbenchError } from '../platform/errors.ts';
import { readJsonOrYaml } from '../workspace/json-or-yaml.ts';
import { parseWorkspaceFile } from '../workspace/workspace-file.ts';
import { parseScenario, type LoadedScenario, type Scenario } from './schema.ts';

/** File names the loader reads; a directory argument means every such file in it, sorted. */
export const SCENARIO_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/** Parses scenario text (YAML for .yaml/.yml sources, JSON otherwise) and validates it. */
export function parseScenarioText(text: string, source: string): Scenario {
  return parseScenario(readJsonOrYaml(text, source, 'scenario file'), source);
}

/** Reads one scenario file. */
export async function loadScenarioFile(path: string): Promise<LoadedScenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BotbenchError(
      'BOTBENCH_ERR_VALIDATION',
      `${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        expected: 'the path of a scenario file or a directory of them',
      },
    );
  }
  return { source: path, scenario: await withWorkspaceBot(parseScenarioText(text, path), path) };
}

/**
 * A scenario whose bot names a workspace file (`bot.workspace`) gets that bot's settings and
 * flows, read now, relative to the scenario file; what the scenario sets itself wins.
 */
async function withWorkspaceBot(scenario: Scenario, path: string): Promise<Scenario> {
  const reference = scenario.bot?.workspace;
  if (!reference) return scenario;
  const file = resolve(dirname(path), reference.file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new BotbenchError(
      'BOTBENCH_ERR_VALIDATION',
      `${path}: bot.workspace.file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        expected: 'the path of a workspace file, relative to the scenario file',
      },
    );
  }
  const workspace = parseWorkspaceFile(text, file);
  const bot = reference.botId === undefined ? workspace.bots[0] : workspace.bots.find((b) => b.botId === reference.botId);
  if (!bot) {
    throw new BotbenchError(
      'BOTBENCH_ERR_VALIDATION',
      `${path}: ${file} has ${reference.botId === undefined ? 'no bots' : `no bot ${reference.botId} (it has ${workspace.bots.map((b) => b.botId).join(', ') || 'none'})`}.`,
      { expected: 'bot.workspace.botId naming a bot of the file' },
    );
  }
  const { workspace: _reference, ...own } = scenario.bot!;
  return { ...scenario, bot: { ...bot.settings, flows: bot.flows, ...own } };
}

/**
 * Reads scenario files and directories (their .json/.yaml/.yml files, sorted). Every file is
 * checked before anything runs; if any is bad, one error lists every bad file and field.
 */
export async function loadScenarioFiles(paths: readonly string[]): Promise<LoadedScenario[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter((name) => (SCENARIO_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase())).sort();
      if (names.length === 0) {
        throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${path} holds no scenario files.`, {
          expected: `files ending in ${SCENARIO_EXTENSIONS.join(', ')}`,
        });
      }
      files.push(...names.map((name) => join(path, name)));
    } else files.push(path);
  }
  const settled = await Promise.allSettled(files.map(loadScenarioFile));
  const problems = settled.flatMap((s) => (s.status === 'rejected' ? [(s.reason as Error).message] : []));
  if (problems.length > 0) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', problems.join('\n'), { expected: 'valid scenario files (docs/scenarios.md)' });
  }
  return settled.map((s) => (s as PromiseFulfilledResult<LoadedScenario>).value);
}

import { parseDocument } from 'yaml';
import { BotbenchError } from '../platform/errors.ts';

/** Whether a file is read as YAML: by its name (.yaml, .yml); anything else is read as JSON. */
export const isYamlSource = (source: string): boolean => /\.ya?ml$/i.test(source);

/**
 * The value a JSON or YAML file holds (YAML by its name, duplicate keys refused), for the file
 * formats users write by hand: scenarios and workspace files. A syntax error names the file and
 * each problem's first line (YAML's with its line and column); `what` names the format, e.g.
 * "scenario file", in what was expected.
 */
export function readJsonOrYaml(text: string, source: string, what: string): unknown {
  if (isYamlSource(source)) {
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0) {
      throw new BotbenchError(
        'BOTBENCH_ERR_VALIDATION',
        `${source} is not valid YAML:\n  ${document.errors.map((e) => e.message.split('\n')[0]).join('\n  ')}`,
        {
          expected: `a ${what} in YAML or JSON`,
        },
      );
    }
    return document.toJS();
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${source} is not valid JSON: ${(error as Error).message}`, {
      expected: `a ${what} in JSON (or YAML with a .yaml/.yml name)`,
    });
  }
}

import { Liquid } from 'liquidjs';
import { BotbenchError } from '../errors.ts';

/**
 * `{{…}}` templates for flows, with liquidjs: a missing key renders empty (as Flow XO's docs
 * say), filters such as `json`, `default`, `upcase` work, and parsed templates are cached.
 */
const liquid = new Liquid({ cache: 500, strictVariables: false, strictFilters: true, ownPropertyOnly: true });

export async function renderTemplate(template: string, context: object, field: string): Promise<string> {
  if (!template.includes('{{') && !template.includes('{%')) return template;
  try {
    return await liquid.parseAndRender(template, context);
  } catch (error) {
    throw new BotbenchError('BOTBENCH_ERR_FLOW', `${field}: the template does not render: ${(error as Error).message.split('\n')[0]}`, {
      expected: 'a template like "Hello {{metadata.myUserId}}" (see docs/flows.md)',
      field,
    });
  }
}

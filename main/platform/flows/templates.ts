import { Liquid } from 'liquidjs';
import { BotbenchError } from '../errors.ts';

/**
 * `{{…}}` templates for flows, with liquidjs: a missing key renders empty (as Flow XO's docs
 * say), filters such as `json`, `default`, `upcase` work, and parsed templates are cached.
 */
let liquid: Liquid | undefined;
/** Made on first use: building the engine is a noticeable part of the platform's start-up. */
const engine = (): Liquid => (liquid ??= new Liquid({ cache: 500, strictVariables: false, strictFilters: true, ownPropertyOnly: true }));

/** Exactly one `{{ a.b.c }}` and nothing else: the default webhook flow's `{{webhook.body.text}}` and friends. */
const SINGLE_VARIABLE = /^\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}$/;

/**
 * The value of a single-variable template found by own-property lookup, when it is a plain
 * string, number or boolean (what liquid prints as `String(value)`); undefined sends the template
 * to liquidjs, which also knows `size`, `first` and missing keys. Every webhook renders two or
 * three such templates, and liquid's async render costs more than the lookup.
 */
function lookupSingleVariable(template: string, context: object): string | undefined {
  const match = SINGLE_VARIABLE.exec(template);
  if (!match) return undefined;
  let value: unknown = context;
  for (const key of match[1]!.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export async function renderTemplate(template: string, context: object, field: string): Promise<string> {
  if (!template.includes('{{') && !template.includes('{%')) return template;
  const direct = lookupSingleVariable(template, context);
  if (direct !== undefined) return direct;
  try {
    return await engine().parseAndRender(template, context);
  } catch (error) {
    throw new BotbenchError('BOTBENCH_ERR_FLOW', `${field}: the template does not render: ${(error as Error).message.split('\n')[0]}`, {
      expected: 'a template like "Hello {{metadata.myUserId}}" (see docs/flows.md)',
      field,
    });
  }
}

/**
 * Every value printed into a URL is percent-encoded (`encodeURIComponent`), so a value such as
 * `../../internal/x?` stays one path segment or query value instead of moving the request
 * elsewhere; `{{ value | raw }}` prints a value as is (a whole base URL, a prepared query).
 */
function encodeUrlValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

let urlLiquid: Liquid | undefined;
const urlEngine = (): Liquid =>
  (urlLiquid ??= new Liquid({ cache: 500, strictVariables: false, strictFilters: true, ownPropertyOnly: true, outputEscape: encodeUrlValue }));

/** Renders an HTTP task's URL: like renderTemplate, with every printed value URL-encoded unless it ends in `| raw`. */
export async function renderUrlTemplate(template: string, context: object, field: string): Promise<string> {
  if (!template.includes('{{') && !template.includes('{%')) return template;
  try {
    return await urlEngine().parseAndRender(template, context);
  } catch (error) {
    throw new BotbenchError('BOTBENCH_ERR_FLOW', `${field}: the template does not render: ${(error as Error).message.split('\n')[0]}`, {
      expected: 'a URL like "https://api.example.com/users/{{metadata.myUserId}}" (values are URL-encoded; "| raw" prints one as is)',
      field,
    });
  }
}

import type { Flow, FlowStepResult } from '../../../main/platform/model.ts';

/**
 * What the Flows screen needs to know of the flow format. The format itself is
 * main/platform/flows/schema.ts (zod); the editor asks main to validate (`flows.validate`), so
 * nothing here re-implements its rules.
 */
export type FlowTrigger = Flow['trigger'];
export type FlowAction = Flow['actions'][number];

/** The part of a flow a tester edits; `id`, `botId`, `webhookUrl` and times belong to the platform. */
export interface EditableFlow {
  name: string;
  enabled: boolean;
  trigger: unknown;
  actions: unknown[];
}

/** The trigger in a few words, as the flow list shows it. */
export function triggerSummary(trigger: FlowTrigger): string {
  switch (trigger.type) {
    case 'message':
      return messageSummary(trigger.match);
    case 'conversation':
      return 'New conversation';
    case 'webhook':
      return 'Webhook';
  }
}

function messageSummary(match: Extract<FlowTrigger, { type: 'message' }>['match']): string {
  switch (match.type) {
    case 'any':
      return 'Message: any';
    case 'keyword':
      return `Keyword: ${match.keywords.join(', ')}`;
    case 'regex':
      return `Regex /${match.pattern}/`;
  }
}

/** The editor's text for a saved flow: its definition only, two-space JSON. */
export function definitionText(flow: { name: string; enabled: boolean; trigger: unknown; actions: readonly unknown[] }): string {
  const { name, enabled, trigger, actions } = flow;
  return `${JSON.stringify({ name, enabled, trigger, actions }, null, 2)}\n`;
}

export interface FlowTemplate {
  id: string;
  title: string;
  description: string;
  /** `binUrl`: a request bin's URL, for templates that call "your back end". */
  build(binUrl: string): EditableFlow;
}

/** The starting points of "New flow". */
export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  {
    id: 'keyword',
    title: 'Reply to a keyword',
    description: 'Answers “hi” or “hello”.',
    build: () => ({
      name: 'Reply to a keyword',
      enabled: true,
      trigger: { type: 'message', match: { type: 'keyword', keywords: ['hi', 'hello'] } },
      actions: [{ type: 'send', text: 'Hello! You said “{{trigger.text}}”.' }],
    }),
  },
  {
    id: 'backend',
    title: 'Call my back end with metadata',
    description: 'GETs a request bin with the visitor’s metadata, then replies with what it answered.',
    build: (binUrl) => ({
      name: 'Call my back end with metadata',
      enabled: true,
      trigger: { type: 'message', match: { type: 'keyword', keywords: ['order'] } },
      actions: [
        { type: 'http', method: 'GET', url: `${binUrl}?user={{metadata.myUserId}}`, saveAs: 'backend' },
        { type: 'send', text: 'Your back end answered {{steps.backend.status}}: {{steps.backend.body | json}}' },
      ],
    }),
  },
  {
    id: 'webhook',
    title: 'Webhook to a user',
    description: 'POST {"response_path","text"} to the flow’s URL and the text reaches that user.',
    build: () => ({
      name: 'Webhook to a user',
      enabled: true,
      trigger: { type: 'webhook', required: ['response_path'] },
      actions: [{ type: 'send', to: '{{webhook.body.response_path}}', text: '{{webhook.body.text | default: "Your order shipped"}}' }],
    }),
  },
  {
    id: 'condition',
    title: 'Condition on metadata',
    description: 'Replies only to visitors whose page passed a myUserId.',
    build: () => ({
      name: 'Condition on metadata',
      enabled: true,
      trigger: { type: 'message', match: { type: 'any' } },
      actions: [
        { type: 'condition', left: '{{metadata.myUserId}}', op: 'exists' },
        { type: 'send', text: 'Welcome back, user {{metadata.myUserId}}.' },
      ],
    }),
  },
  {
    id: 'delay',
    title: 'Delay then reply',
    description: 'Says it is thinking, waits two seconds (the run is In Progress), then answers.',
    build: () => ({
      name: 'Delay then reply',
      enabled: true,
      trigger: { type: 'message', match: { type: 'keyword', keywords: ['wait'] } },
      actions: [
        { type: 'send', text: 'Let me check…' },
        { type: 'delay', ms: 2000 },
        { type: 'send', text: 'Done: that took two seconds.' },
      ],
    }),
  },
];

/** The template variables, for the help panel (what the runner puts in a run's context). */
export const FLOW_VARIABLES: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'trigger.text', description: 'the visitor’s message' },
  { name: 'trigger.responsePath', description: 'who triggered the flow (empty for a webhook)' },
  { name: 'trigger.botId', description: 'the bot’s Bot ID' },
  { name: 'trigger.channelId', description: 'the Channel ID part of the response path' },
  { name: 'metadata.myUserId', description: 'metadata.*: what the page passed with setConfig({metadata})' },
  { name: 'user.attributes.plan', description: 'user.attributes.*: attributes set by set_attribute' },
  { name: 'user.kind', description: 'anonymous or external' },
  { name: 'webhook.body.text', description: 'webhook.body.*: the JSON or form body POSTed to a webhook flow' },
  { name: 'webhook.query.id', description: 'webhook.query.*: the webhook URL’s query string' },
  { name: 'steps.backend.status', description: 'steps.<saveAs>.status|body: an http action’s answer' },
];

export const FLOW_FILTERS: ReadonlyArray<{ example: string; description: string }> = [
  { example: '{{metadata | json}}', description: 'a value as JSON' },
  { example: '{{user.attributes.name | default: "there"}}', description: 'a fallback when empty' },
  { example: '{{trigger.text | upcase}}', description: 'any liquid filter' },
];

export const FLOW_ACTION_HELP: ReadonlyArray<{ type: FlowAction['type']; description: string; example: string }> = [
  {
    type: 'send',
    description: 'a message; with "to" (a response path) to someone else',
    example: '{"type":"send","text":"Hi {{metadata.myUserId}}"}',
  },
  { type: 'set_attribute', description: 'stores a value on the user', example: '{"type":"set_attribute","name":"plan","value":"gold"}' },
  {
    type: 'http',
    description: 'calls a URL; "saveAs" keeps the answer for later actions',
    example: '{"type":"http","method":"POST","url":"https://…","body":"{{metadata | json}}","saveAs":"backend"}',
  },
  {
    type: 'condition',
    description: 'stops the run (Filtered) unless it holds',
    example: '{"type":"condition","left":"{{trigger.text}}","op":"contains","right":"order"}',
  },
  { type: 'delay', description: 'waits (the run shows In Progress)', example: '{"type":"delay","ms":2000}' },
];

export type ParsedDefinition = { ok: true; value: unknown } | { ok: false; message: string; line: number | null };

/** JSON.parse with the line of a syntax error, from V8's "(line 3 column 5)" or "at position 45". */
export function parseDefinitionText(text: string): ParsedDefinition {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const byLine = /line (\d+)/.exec(message);
    if (byLine) return { ok: false, message, line: Number(byLine[1]) };
    const byPosition = /position (\d+)/.exec(message);
    if (byPosition) return { ok: false, message, line: lineAt(text, Number(byPosition[1])) };
    return { ok: false, message, line: text.trim() === '' ? 1 : null };
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The line where each value of a JSON document starts (of its key, inside an object), by path in
 * the platform's error form: `flow`, `flow.actions`, `flow.actions[1].url`. Null when the text
 * is not JSON.
 */
export function jsonPathLines(text: string, root = 'flow'): Map<string, number> | null {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skip = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, at: number): void => {
    skip();
    lines.set(path, at);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') return void i++;
      for (;;) {
        skip();
        const keyLine = line;
        const key = string();
        skip();
        if (text[i++] !== ':') throw new Error('expected :');
        value(`${path}.${key}`, keyLine);
        skip();
        if (text[i] === ',') i++;
        else if (text[i++] === '}') return;
        else throw new Error('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') return void i++;
      for (let index = 0; ; index++) {
        skip();
        value(`${path}[${index}]`, line);
        skip();
        if (text[i] === ',') i++;
        else if (text[i++] === ']') return;
        else throw new Error('expected , or ]');
      }
    }
    if (c === '"') return void string();
    const match = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!match) throw new Error('unexpected value');
    i += match[0].length;
  };
  try {
    skip();
    value(root, line);
    return lines;
  } catch {
    return null;
  }
}

/** The line to mark for an error at `field`: the field's own, or its nearest parent's (a missing key points at its object). */
export function lineOfField(text: string, field: string | undefined): number | null {
  if (!field) return null;
  const lines = jsonPathLines(text);
  if (!lines) return null;
  let path = field;
  for (;;) {
    const line = lines.get(path);
    if (line !== undefined) return line;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) return null;
    path = path.slice(0, cut);
  }
}

/** The flows a file holds: an array (the result of flows.list, or definitions), or `{ flows: [...] }`. */
export function flowsFromFile(text: string): { ok: true; flows: unknown[] } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The file is not JSON: ${(error as Error).message}` };
  }
  if (Array.isArray(value)) return { ok: true, flows: value };
  if (value !== null && typeof value === 'object' && Array.isArray((value as { flows?: unknown }).flows)) {
    return { ok: true, flows: (value as { flows: unknown[] }).flows };
  }
  return { ok: false, message: 'The file holds no flows: expected a JSON array of flows (what Export writes).' };
}

const STEP_STATUSES: ReadonlySet<string> = new Set(['success', 'filtered', 'failed', 'skipped', 'in_progress']);

/** The steps of a flow run's log entry (`detail.steps`); null when it has none (e.g. a trigger that did not match). */
export function stepsOf(detail: Record<string, unknown>): FlowStepResult[] | null {
  const steps = detail.steps;
  if (!Array.isArray(steps)) return null;
  return steps.filter(
    (s): s is FlowStepResult =>
      s !== null &&
      typeof s === 'object' &&
      typeof (s as FlowStepResult).index === 'number' &&
      typeof (s as FlowStepResult).type === 'string' &&
      STEP_STATUSES.has((s as FlowStepResult).status),
  );
}

import { z } from 'zod';
import { BotbenchError } from '../errors.ts';

/**
 * The flow format: the single source of truth for what a flow may contain and for the error
 * messages a bad one gets (docs/flows.md is written from it). A flow is a trigger and a list of
 * actions; every string marked "template" may use {{…}} over the run's context.
 */
const template = z.string().max(20_000);
const name = z.string().trim().min(1).max(100);
const variable = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a name like myVar (letters, digits, _; not starting with a digit)');

export const triggerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('message'),
    /** any: every message; keyword: the text equals or starts with one of them (case-insensitive); regex: the pattern matches. */
    match: z
      .discriminatedUnion('type', [
        z.strictObject({ type: z.literal('any') }),
        z.strictObject({ type: z.literal('keyword'), keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(50) }),
        z.strictObject({
          type: z.literal('regex'),
          pattern: z
            .string()
            .min(1)
            .max(500)
            .refine(
              (pattern) => {
                try {
                  new RegExp(pattern, 'i');
                  return true;
                } catch {
                  return false;
                }
              },
              { message: 'is not a valid regular expression' },
            ),
        }),
      ])
      .default({ type: 'any' }),
  }),
  /** The first contact of a Channel ID with this bot. */
  z.strictObject({ type: z.literal('conversation') }),
  /** A POST to the flow's own webhook URL (JSON or form body); `required` body fields must be non-empty strings, or the caller gets a 400. */
  z.strictObject({ type: z.literal('webhook'), required: z.array(z.string().min(1).max(100)).max(20).optional() }),
]);

const header = z.record(z.string().min(1).max(100), template);

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('send'),
    text: template.min(1),
    /** A response path template; default: the user who triggered the flow. This is how a webhook reaches a user. */
    to: template.optional(),
  }),
  z.strictObject({ type: z.literal('set_attribute'), name: variable, value: template }),
  z.strictObject({
    type: z.literal('http'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    url: template.min(1),
    headers: header.optional(),
    body: template.optional(),
    /** Bounded: an unreachable host fails the run after this long. Default 5000, at most 30000. */
    timeoutMs: z.number().int().min(100).max(30_000).default(5000),
    /** Later actions read the response as {{steps.<saveAs>.status}} and {{steps.<saveAs>.body…}}. */
    saveAs: variable.optional(),
  }),
  z.strictObject({
    type: z.literal('condition'),
    left: template,
    op: z.enum(['equals', 'not_equals', 'contains', 'not_contains', 'matches', 'exists', 'not_exists']),
    right: template.optional(),
  }),
  z.strictObject({ type: z.literal('delay'), ms: z.number().int().min(1).max(60_000) }),
]);

export const flowDefinitionSchema = z.strictObject({
  name,
  enabled: z.boolean().default(true),
  trigger: triggerSchema,
  actions: z.array(actionSchema).min(1, 'a flow needs at least one action').max(50),
});

export type FlowTrigger = z.infer<typeof triggerSchema>;
export type FlowAction = z.infer<typeof actionSchema>;
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
/** What a caller writes: defaults (enabled, match, method, timeoutMs) may be left out. */
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>;

/** Validates a whole flow; a bad one is refused whole, with the path of the first bad field. */
export function parseFlowDefinition(value: unknown, where = 'flow'): FlowDefinition {
  const parsed = flowDefinitionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = [where, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/\.\[/g, '[');
  throw new BotbenchError('BOTBENCH_ERR_FLOW', `${field}: ${issue.message}.`, { expected: 'a flow as described in docs/flows.md', field });
}

/** An exported flow (from flows.list or GET /api/bots/{botId}/flows) carries its id, bot and URL; importing takes its definition. */
export function definitionOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('id' in value) || !('botId' in value)) return value;
  const { name, enabled, trigger, actions } = value as Record<string, unknown>;
  return { name, enabled, trigger, actions };
}

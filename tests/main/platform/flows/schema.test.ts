import { describe, expect, it } from 'vitest';
import { DELIVER_WEBHOOK, IDENTITY_ECHO } from '../../../../main/platform/flows/default-flows.ts';
import { parseFlowDefinition } from '../../../../main/platform/flows/schema.ts';

const refusal = (value: unknown) => {
  try {
    parseFlowDefinition(value);
  } catch (error) {
    return error as { code: string; message: string; field: string };
  }
  throw new Error('expected a refusal');
};

describe('parseFlowDefinition()', () => {
  it('accepts the default flows and fills in defaults', () => {
    expect(parseFlowDefinition(IDENTITY_ECHO)).toMatchObject({ enabled: true, trigger: { type: 'message', match: { type: 'any' } } });
    expect(parseFlowDefinition(DELIVER_WEBHOOK).trigger).toEqual({ type: 'webhook', required: ['response_path', 'text'] });
    const http = parseFlowDefinition({ name: 'x', trigger: { type: 'conversation' }, actions: [{ type: 'http', url: 'http://x' }] });
    expect(http.actions[0]).toEqual({ type: 'http', method: 'GET', url: 'http://x', timeoutMs: 5000 });
  });

  it.each([
    ['a missing name', { trigger: { type: 'conversation' }, actions: [{ type: 'delay', ms: 1 }] }, 'flow.name'],
    ['no actions', { name: 'x', trigger: { type: 'conversation' }, actions: [] }, 'flow.actions'],
    ['an unknown trigger', { name: 'x', trigger: { type: 'sms' }, actions: [{ type: 'delay', ms: 1 }] }, 'flow.trigger.type'],
    [
      'a bad regex',
      { name: 'x', trigger: { type: 'message', match: { type: 'regex', pattern: '(' } }, actions: [{ type: 'delay', ms: 1 }] },
      'flow.trigger.match.pattern',
    ],
    [
      'an unknown action',
      { name: 'x', trigger: { type: 'conversation' }, actions: [{ type: 'delay', ms: 1 }, { type: 'email' }] },
      'flow.actions[1].type',
    ],
    [
      'a too long timeout',
      { name: 'x', trigger: { type: 'conversation' }, actions: [{ type: 'http', url: 'http://x', timeoutMs: 60_000 }] },
      'flow.actions[0].timeoutMs',
    ],
    [
      'a bad attribute name',
      { name: 'x', trigger: { type: 'conversation' }, actions: [{ type: 'set_attribute', name: '1st', value: 'v' }] },
      'flow.actions[0].name',
    ],
    ['an unknown key', { name: 'x', trigger: { type: 'conversation' }, actions: [{ type: 'send', text: 'hi', colour: 'red' }] }, 'flow.actions[0]'],
  ])('refuses %s with BOTBENCH_ERR_FLOW naming the field', (_label, value, field) => {
    const error = refusal(value);
    expect(error.code).toBe('BOTBENCH_ERR_FLOW');
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });
});

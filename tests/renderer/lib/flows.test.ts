import { describe, expect, it } from 'vitest';
import { parseFlowDefinition } from '../../../main/platform/flows/schema.ts';
import {
  definitionText,
  FLOW_TEMPLATES,
  flowsFromFile,
  jsonPathLines,
  lineOfField,
  parseDefinitionText,
  stepsOf,
  triggerSummary,
} from '../../../renderer/src/lib/flows.ts';
import { makeFlow } from '../fixtures.ts';

describe('triggerSummary()', () => {
  it('names each trigger in a few words', () => {
    expect(triggerSummary({ type: 'message', match: { type: 'any' } })).toBe('Message: any');
    expect(triggerSummary({ type: 'message', match: { type: 'keyword', keywords: ['hi', 'hello'] } })).toBe('Keyword: hi, hello');
    expect(triggerSummary({ type: 'message', match: { type: 'regex', pattern: '^order \\d+$' } })).toBe('Regex /^order \\d+$/');
    expect(triggerSummary({ type: 'conversation' })).toBe('New conversation');
    expect(triggerSummary({ type: 'webhook', required: ['text'] })).toBe('Webhook');
  });
});

describe('definitionText()', () => {
  it('keeps only what a tester edits, in the order of the format', () => {
    const text = definitionText(makeFlow({ webhookUrl: 'http://x/hooks/abc' }));
    expect(Object.keys(JSON.parse(text))).toEqual(['name', 'enabled', 'trigger', 'actions']);
    expect(text).not.toContain('hooks/abc');
  });
});

describe('FLOW_TEMPLATES', () => {
  it('are all valid flows by the platform’s own schema', () => {
    for (const template of FLOW_TEMPLATES) expect(() => parseFlowDefinition(template.build('http://127.0.0.1:4010/bin/abc'))).not.toThrow();
  });

  it('calls the given bin with the visitor’s metadata, then sends what it answered', () => {
    const flow = FLOW_TEMPLATES.find((t) => t.id === 'backend')!.build('http://127.0.0.1:4010/bin/abc');
    expect(flow.actions).toEqual([
      expect.objectContaining({ type: 'http', url: 'http://127.0.0.1:4010/bin/abc?user={{metadata.myUserId}}', saveAs: 'backend' }),
      expect.objectContaining({ type: 'send', text: expect.stringContaining('{{steps.backend.body') }),
    ]);
  });
});

describe('parseDefinitionText()', () => {
  it('finds the line of a JSON syntax error', () => {
    const result = parseDefinitionText('{\n  "name": "x",\n  "enabled": true\n  "trigger": {}\n}');
    expect(result).toMatchObject({ ok: false, line: 4 });
  });

  it('parses valid JSON', () => {
    expect(parseDefinitionText('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });
});

describe('jsonPathLines() and lineOfField()', () => {
  const text = definitionText({
    name: 'Two actions',
    enabled: true,
    trigger: { type: 'message', match: { type: 'any' } },
    actions: [
      { type: 'send', text: 'a "quoted" {{x}}' },
      { type: 'http', url: '', saveAs: 'backend' },
    ],
  });
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('maps paths in the platform’s error form to lines', () => {
    const lines = jsonPathLines(text)!;
    expect(lines.get('flow')).toBe(1);
    expect(lines.get('flow.trigger.match.type')).toBe(lineOf('"any"'));
    expect(lines.get('flow.actions[1]')).toBe(lineOf('"http"') - 1);
    expect(lines.get('flow.actions[1].url')).toBe(lineOf('"url"'));
  });

  it('points a missing field at its nearest parent', () => {
    expect(lineOfField(text, 'flow.actions[1].url')).toBe(lineOf('"url"'));
    expect(lineOfField(text, 'flow.actions[0].to')).toBe(lineOf('"send"') - 1);
    expect(lineOfField(text, undefined)).toBeNull();
    expect(lineOfField('{ not json', 'flow.name')).toBeNull();
  });
});

describe('flowsFromFile()', () => {
  it('takes an array (what Export writes) or {flows: [...]}', () => {
    expect(flowsFromFile('[{"name":"a"}]')).toEqual({ ok: true, flows: [{ name: 'a' }] });
    expect(flowsFromFile('{"flows":[]}')).toEqual({ ok: true, flows: [] });
  });

  it('refuses what holds no flows, saying why', () => {
    expect(flowsFromFile('{"name":"a"}')).toMatchObject({ ok: false, message: expect.stringContaining('expected a JSON array of flows') });
    expect(flowsFromFile('not json')).toMatchObject({ ok: false, message: expect.stringContaining('The file is not JSON') });
  });
});

describe('stepsOf()', () => {
  it('reads the steps of a run and drops what is not one', () => {
    const steps = [{ index: 0, type: 'send', status: 'success', ms: 1 }, { index: 'x' }];
    expect(stepsOf({ steps })).toEqual([{ index: 0, type: 'send', status: 'success', ms: 1 }]);
    expect(stepsOf({ text: 'hi' })).toBeNull();
  });
});

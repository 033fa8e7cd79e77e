import fc from 'fast-check';
import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { renderTemplate, renderUrlTemplate } from '../../../../main/platform/flows/templates.ts';

describe('renderTemplate()', () => {
  const context = { trigger: { text: 'hi', responsePath: 'b/c/User123' }, metadata: { myUserId: '123' }, user: { attributes: { plan: 'gold' } } };

  it('fills trigger, metadata and user attributes', async () => {
    expect(await renderTemplate('{{trigger.text}} {{metadata.myUserId}} {{user.attributes.plan}}', context, 'f')).toBe('hi 123 gold');
  });

  it('renders a missing key empty, as Flow XO does', async () => {
    expect(await renderTemplate('[{{metadata.nope}}][{{webhook.body.x}}]', context, 'f')).toBe('[][]');
  });

  it('has filters such as json and default', async () => {
    expect(await renderTemplate('{{metadata | json}} {{metadata.nope | default: "anon"}}', context, 'f')).toBe('{"myUserId":"123"} anon');
  });

  it('reports a broken template with BOTBENCH_ERR_FLOW naming the field, without throwing anything else', async () => {
    await expect(renderTemplate('{{ trigger.text | nosuchfilter }}', context, 'actions[0].text')).rejects.toMatchObject({
      code: 'BOTBENCH_ERR_FLOW',
      field: 'actions[0].text',
      message: expect.stringContaining('actions[0].text: the template does not render'),
    });
    await expect(renderTemplate('{% if %}', context, 'actions[1].text')).rejects.toMatchObject({ code: 'BOTBENCH_ERR_FLOW' });
  });

  it('does not read inherited properties', async () => {
    expect(await renderTemplate('[{{metadata.constructor}}]', context, 'f')).toBe('[]');
  });
});

describe('renderTemplate() single-variable fast path', () => {
  // The same options as templates.ts: what liquidjs alone would print.
  const liquid = new Liquid({ strictVariables: false, strictFilters: true, ownPropertyOnly: true });
  const key = fc.constantFrom('text', 'name', 'a', 'size', 'first', 'constructor', 'x-y');
  const leaf = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
  );
  const context = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf, { maxKeys: 3, noNullPrototype: true })), {
    maxKeys: 4,
    noNullPrototype: true,
  });

  it('prints exactly what liquidjs prints for any {{a}} or {{a.b}} over any context', async () => {
    await fc.assert(
      fc.asyncProperty(context, key, fc.option(key, { nil: undefined }), fc.constantFrom('', ' '), async (ctx, a, b, pad) => {
        const template = `{{${pad}${b === undefined ? a : `${a}.${b}`}${pad}}}`;
        expect(await renderTemplate(template, ctx, 'text')).toBe(await liquid.parseAndRender(template, ctx));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('renderUrlTemplate()', () => {
  const context = { webhook: { body: { id: '../../x?a=1&b#c', n: 42, name: 'José Ñ', base: 'https://api.test/v1' } } };

  it('percent-encodes every printed value, after its filters, and keeps the literal URL', async () => {
    expect(await renderUrlTemplate('https://h.test/u/{{webhook.body.id}}?n={{webhook.body.n}}&s={{webhook.body.name | upcase}}', context, 'f')).toBe(
      'https://h.test/u/..%2F..%2Fx%3Fa%3D1%26b%23c?n=42&s=JOS%C3%89%20%C3%91',
    );
    expect(await renderUrlTemplate('https://h.test/{% if webhook.body.n %}{{ webhook.body.id }}{% endif %}', context, 'f')).toBe(
      'https://h.test/..%2F..%2Fx%3Fa%3D1%26b%23c',
    );
  });

  it('prints a value as is with | raw, and renders a missing value empty', async () => {
    expect(await renderUrlTemplate('{{webhook.body.base | raw}}/users/{{webhook.body.missing}}', context, 'f')).toBe('https://api.test/v1/users/');
  });

  it('leaves a URL without templates alone', async () => {
    expect(await renderUrlTemplate('https://h.test/a%2Fb?x=1', context, 'f')).toBe('https://h.test/a%2Fb?x=1');
  });
});

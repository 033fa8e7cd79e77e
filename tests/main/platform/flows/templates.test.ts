import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../../main/platform/flows/templates.ts';

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

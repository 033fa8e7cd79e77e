// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiErrorPayload } from '../../../../main/api/contract.ts';
import type { BotbenchError } from '../../../../main/platform/errors.ts';
import { parseFlowDefinition } from '../../../../main/platform/flows/schema.ts';
import type { Flow } from '../../../../main/platform/model.ts';
import { FlowsScreen } from '../../../../renderer/src/screens/flows/FlowsScreen.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBin, makeBot, makeFlow } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

/** flows.validate answered by the platform's own schema, as main answers it. */
function validateWithSchema({ definition }: { definition: unknown }): { ok: true } | { ok: false; error: ApiErrorPayload } {
  try {
    parseFlowDefinition(definition);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as BotbenchError).toBody().error };
  }
}

const echo = makeFlow({ id: 'f1', name: 'Identity echo' });
const hook = makeFlow({
  id: 'f2',
  name: 'Deliver webhook text',
  trigger: { type: 'webhook', required: ['response_path', 'text'] },
  actions: [{ type: 'send', to: '{{webhook.body.response_path}}', text: '{{webhook.body.text}}' }],
  webhookUrl: 'http://127.0.0.1:4010/hooks/hook-of-f2',
});

function setup(flows: Flow[] = [echo, hook], handlers: ConstructorParameters<typeof FakeClient>[0] = {}) {
  const client = new FakeClient({ 'flows.list': () => flows, 'flows.validate': validateWithSchema, ...handlers });
  const rendered = renderWithStore(<FlowsScreen />, client);
  act(() => rendered.store.getState().applyBot(makeBot()));
  return rendered;
}

const editor = () => screen.getByTestId('flow-json') as HTMLTextAreaElement;

describe('<FlowsScreen>', () => {
  it('lists the bot’s flows with their trigger, action count and webhook URL', async () => {
    setup();
    const items = await screen.findAllByTestId('flow-item');
    expect(items.map((i) => within(i).getByTestId('flow-trigger').textContent)).toEqual(['Message: any', 'Webhook']);
    expect(items[0]!.textContent).toContain('1 action');
    expect(within(items[0]!).queryByTestId('flow-webhook-url')).toBeNull();
    expect(within(items[1]!).getByTestId('flow-webhook-url').textContent).toBe('http://127.0.0.1:4010/hooks/hook-of-f2');
    expect(within(items[1]!).getByRole('button', { name: 'Copy webhook URL of Deliver webhook text' })).toBeTruthy();
  });

  it('shows the platform’s message and field for a bad definition and marks its line', async () => {
    setup();
    await screen.findAllByTestId('flow-item');
    await waitFor(() => expect(screen.getByTestId('flow-validation').dataset.valid).toBe('true'));
    expect(screen.getByTestId('flow-validation').textContent).toBe('✓ valid');

    const definition = JSON.parse(editor().value) as { actions: unknown[] };
    definition.actions.push({ type: 'http', url: 42 });
    const text = JSON.stringify(definition, null, 2);
    fireEvent.change(editor(), { target: { value: text } });

    await waitFor(() => expect(screen.getByTestId('flow-validation').dataset.valid).toBe('false'));
    const validation = screen.getByTestId('flow-validation');
    expect(validation.textContent).toContain('flow.actions[1].url: Invalid input: expected string, received number.');
    const urlLine = text.split('\n').findIndex((line) => line.includes('"url"')) + 1;
    expect(screen.getByTestId('code-error-line').dataset.line).toBe(String(urlLine));
    expect(validation.textContent).toContain(`(line ${urlLine})`);
  });

  it('says where the JSON itself is broken, without asking main', async () => {
    const { client } = setup();
    await screen.findAllByTestId('flow-item');
    await waitFor(() => expect(screen.getByTestId('flow-validation').dataset.valid).toBe('true'));
    const asked = client.paramsOf('flows.validate').length;
    fireEvent.change(editor(), { target: { value: '{\n  "name": "x",\n  "enabled": true,,\n}' } });
    await waitFor(() => expect(screen.getByTestId('flow-validation').dataset.valid).toBe('false'));
    expect(screen.getByTestId('flow-validation').textContent).toMatch(/^✗ Not JSON: /);
    expect(screen.getByTestId('code-error-line').dataset.line).toBe('3');
    expect(client.paramsOf('flows.validate')).toHaveLength(asked);
    expect((screen.getByTestId('flow-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('saves the edited definition with flows.update', async () => {
    const { client } = setup([echo, hook], { 'flows.update': ({ id, definition }) => ({ ...echo, ...(definition as object), id, updatedAt: 2 }) });
    await screen.findAllByTestId('flow-item');
    expect((screen.getByTestId('flow-save') as HTMLButtonElement).disabled).toBe(true);

    const edited = editor().value.replace('You said {{trigger.text}}', 'Echo: {{trigger.text}}');
    fireEvent.change(editor(), { target: { value: edited } });
    expect(screen.getByTestId('flow-editor').textContent).toContain('unsaved');
    fireEvent.click(screen.getByTestId('flow-save'));
    await waitFor(() => expect(client.paramsOf('flows.update')).toHaveLength(1));
    expect(client.paramsOf('flows.update')[0]).toEqual({
      id: 'f1',
      definition: { name: 'Identity echo', enabled: true, trigger: echo.trigger, actions: [{ type: 'send', text: 'Echo: {{trigger.text}}' }] },
    });
    await waitFor(() => expect(screen.getByTestId('flow-editor').textContent).not.toContain('unsaved'));
    expect(editor().value).toContain('Echo: {{trigger.text}}');
  });

  it('starts a new flow from a template, with a request bin as the back end, and creates it', async () => {
    const created = makeFlow({ id: 'f3', name: 'Call my back end with metadata' });
    const { client, store } = setup([echo], { 'flows.create': () => created });
    act(() => store.getState().applyBin(makeBin({ id: 'bin9', url: 'http://127.0.0.1:4010/bin/bin9' })));
    await screen.findAllByTestId('flow-item');
    fireEvent.click(screen.getByTestId('flow-new'));
    fireEvent.click(screen.getByTestId('flow-template-backend'));
    await waitFor(() => expect(editor().value).toContain('http://127.0.0.1:4010/bin/bin9?user={{metadata.myUserId}}'));
    expect(screen.getByTestId('flow-item-draft').textContent).toContain('not saved yet');

    fireEvent.click(screen.getByTestId('flow-save'));
    await waitFor(() => expect(client.paramsOf('flows.create')).toHaveLength(1));
    expect(client.paramsOf('flows.create')[0]).toMatchObject({ botId: BOT_ID, definition: { name: 'Call my back end with metadata' } });
    await waitFor(() => expect(screen.queryByTestId('flow-item-draft')).toBeNull());
    expect(screen.getByTestId('flow-editor').dataset.flowId).toBe('f3');
  });

  it('deletes a flow only after the confirmation', async () => {
    const { client } = setup([echo, hook], { 'flows.delete': ({ id }) => (id === 'f1' ? echo : hook) });
    await screen.findAllByTestId('flow-item');
    fireEvent.click(screen.getByTestId('flow-delete'));
    expect(client.paramsOf('flows.delete')).toEqual([]);
    fireEvent.click(within(screen.getByTestId('flow-delete-dialog')).getByTestId('flow-delete-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('flow-item').map((i) => i.dataset.flowId)).toEqual(['f2']));
    expect(client.paramsOf('flows.delete')).toEqual([{ id: 'f1' }]);
  });

  it('updates the list live from a flows event', async () => {
    const { client } = setup([echo]);
    await screen.findAllByTestId('flow-item');
    act(() => client.emit({ type: 'flows', botId: BOT_ID, flows: [echo, makeFlow({ id: 'f9', name: 'Added elsewhere', enabled: false })] }));
    const items = screen.getAllByTestId('flow-item');
    expect(items.map((i) => i.textContent?.includes('Added elsewhere'))).toEqual([false, true]);
    expect((within(items[1]!).getByRole('switch') as HTMLInputElement).checked).toBe(false);
  });

  it('refuses a bad import file whole and shows the platform’s message', async () => {
    const { client } = setup([echo], {
      'flows.import': ({ flows }) => {
        flows.forEach((flow, index) => parseFlowDefinition(flow, `flows[${index}]`));
        return [];
      },
    });
    await screen.findAllByTestId('flow-item');
    const file = new File(
      [
        JSON.stringify([
          { name: 'ok', trigger: { type: 'conversation' }, actions: [{ type: 'send', text: 'hi' }] },
          { name: 'bad', trigger: { type: 'conversation' }, actions: [] },
        ]),
      ],
      'flows.json',
      {
        type: 'application/json',
      },
    );
    fireEvent.change(screen.getByTestId('flow-import-file'), { target: { files: [file] } });
    const dialog = await screen.findByTestId('flow-import-dialog');
    expect(dialog.textContent).toContain('Replace the 1 flow of Support bot with the 2 flows in flows.json?');
    fireEvent.click(within(dialog).getByTestId('flow-import-confirm'));

    const error = await screen.findByTestId('flow-import-error');
    expect(error.textContent).toContain('Import refused: nothing was changed.');
    expect(error.textContent).toContain('BOTBENCH_ERR_FLOW');
    expect(error.textContent).toContain('flows[1].actions: a flow needs at least one action.');
    expect(client.paramsOf('flows.import')).toHaveLength(1);
    expect(screen.getAllByTestId('flow-item').map((i) => i.dataset.flowId)).toEqual(['f1']);
  });

  it('refuses a file that is not JSON before asking main', async () => {
    const { client } = setup([echo], { 'flows.import': () => [] });
    await screen.findAllByTestId('flow-item');
    fireEvent.change(screen.getByTestId('flow-import-file'), { target: { files: [new File(['{ nope'], 'notes.txt')] } });
    const error = await screen.findByTestId('flow-import-error');
    expect(error.textContent).toContain('notes.txt: The file is not JSON');
    expect(client.paramsOf('flows.import')).toEqual([]);
  });

  describe('Export', () => {
    const { createObjectURL, revokeObjectURL } = URL;
    afterEach(() => {
      vi.restoreAllMocks();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
    });

    it('downloads what flows.list answers now, as JSON', async () => {
      const saved: Blob[] = [];
      URL.createObjectURL = (blob: Blob) => (saved.push(blob), 'blob:flows');
      URL.revokeObjectURL = () => undefined;
      const names: string[] = [];
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        names.push(this.download);
      });
      const { client } = setup();
      await screen.findAllByTestId('flow-item');
      const before = client.paramsOf('flows.list').length;
      fireEvent.click(screen.getByTestId('flow-export'));
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(client.paramsOf('flows.list')).toHaveLength(before + 1);
      expect(JSON.parse(await saved[0]!.text())).toEqual([echo, hook]);
      expect(names[0]).toMatch(/^botbench-flows-support-bot-.*\.json$/);
    });
  });
});

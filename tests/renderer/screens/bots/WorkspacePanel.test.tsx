// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../../../main/api/contract.ts';
import { BotsScreen } from '../../../../renderer/src/screens/bots/BotsScreen.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const preview = (action: 'add' | 'replace' | 'skip'): ImportPreview => ({
  bots: [{ botId: BOT_ID, name: 'Shop', action, flows: 3, users: 0, messages: 0, logEntries: 0, secrets: false }],
  bins: [{ id: 'bin_12345678', name: 'Back end', action: 'add' }],
  persons: [],
  collections: [{ name: 'Orders', action: 'add', requests: 2 }],
  environments: [],
  sites: [],
  webhookHistory: 0,
  includes: { secrets: false, transcripts: false, log: false, webhookHistory: false },
  notes: [
    'The file has no secrets: imported bots get new webhook and identity secrets and a new webhook URL (sites and back ends must use the new ones).',
  ],
});

describe('<WorkspacePanel> on the Bots screen', () => {
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => {
    vi.restoreAllMocks();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('exports with the parts ticked, warning before secrets go into the file', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => (saved.push(blob), 'blob:workspace');
    URL.revokeObjectURL = () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const client = new FakeClient({
      'workspace.export': () => ({ fileName: 'botbench-workspace.json', content: '{"format":"botbench-workspace"}\n' }),
    });
    renderWithStore(<BotsScreen />, client);
    expect(screen.queryByTestId('workspace-secrets-warning')).toBeNull();
    fireEvent.click(screen.getByTestId('workspace-include-secrets'));
    expect(screen.getByTestId('workspace-secrets-warning').textContent).toContain(
      'Anyone with this file can sign webhooks and identities as these bots.',
    );
    fireEvent.click(screen.getByTestId('workspace-include-transcripts'));
    fireEvent.click(screen.getByTestId('workspace-export'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(client.paramsOf('workspace.export')).toEqual([{ transcripts: true, log: false, webhookHistory: false, secrets: true }]);
    expect(await saved[0]!.text()).toBe('{"format":"botbench-workspace"}\n');
  });

  it('previews an import, again for the other conflict choice, and imports only when confirmed', async () => {
    const client = new FakeClient({
      'workspace.previewImport': ({ onConflict }) => preview(onConflict === 'replace' ? 'replace' : 'skip'),
      'workspace.import': ({ onConflict }) => preview(onConflict === 'replace' ? 'replace' : 'skip'),
    });
    const { store } = renderWithStore(<BotsScreen />, client);
    const file = new File(['{"format":"botbench-workspace"}'], 'team.json', { type: 'application/json' });
    await act(async () => {
      fireEvent.change(screen.getByTestId('workspace-file'), { target: { files: [file] } });
    });
    const dialog = await screen.findByTestId('workspace-import-dialog');
    await waitFor(() => expect(within(dialog).getAllByRole('row')).toHaveLength(4));
    expect(
      within(dialog)
        .getAllByRole('row')
        .map((row) => row.dataset.action),
    ).toEqual([undefined, 'skip', 'add', 'add']);
    expect(within(dialog).getAllByRole('row')[3]!.textContent).toContain('Orders');
    expect(dialog.textContent).toContain('The file has no secrets');
    expect(client.paramsOf('workspace.previewImport')).toEqual([
      { fileName: 'team.json', text: '{"format":"botbench-workspace"}', onConflict: 'skip' },
    ]);
    expect(client.paramsOf('workspace.import')).toEqual([]);

    fireEvent.click(within(dialog).getByTestId('workspace-conflict-replace'));
    await waitFor(() => expect(within(dialog).getAllByRole('row')[1]!.dataset.action).toBe('replace'));
    fireEvent.click(within(dialog).getByTestId('workspace-import-confirm'));
    await waitFor(() => expect(screen.queryByTestId('workspace-import-dialog')).toBeNull());
    expect(client.paramsOf('workspace.import')).toEqual([{ fileName: 'team.json', text: '{"format":"botbench-workspace"}', onConflict: 'replace' }]);
    expect(store.getState().toasts.at(-1)).toMatchObject({ title: 'Workspace imported', message: '2 added, 1 replaced, 0 skipped' });
  });
});

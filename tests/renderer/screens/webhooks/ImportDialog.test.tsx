// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CollectionImportPreview } from '../../../../main/api/contract.ts';
import { ImportDialog } from '../../../../renderer/src/screens/webhooks/ImportDialog.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const preview: CollectionImportPreview = {
  format: 'postman-2.1',
  draft: {
    name: 'From Postman',
    description: '',
    items: [
      { kind: 'folder', name: 'F', items: [{ kind: 'request', name: 'Send', request: { botId: BOT_ID, responsePath: '', body: '', headers: {} } }] },
    ],
  },
  folders: 1,
  requests: 1,
  warnings: ['Send: its test script is not run by Botbench and was left out.'],
};

describe('<ImportDialog>', () => {
  it('previews first (nothing written), then imports on confirmation', async () => {
    let closed = false;
    const client = new FakeClient({
      'collections.previewImport': () => preview,
      'collections.import': () => ({ collections: [], id: 'c1' }),
    });
    renderWithStore(<ImportDialog onClose={() => (closed = true)} />, client);
    expect((screen.getByTestId('import-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('import-text'), { target: { value: '{"info":{}}' } });
    fireEvent.click(screen.getByTestId('import-preview'));
    const shown = await screen.findByTestId('import-preview-result');
    expect(shown.textContent).toContain('From Postman');
    expect(shown.textContent).toContain('1 request in 1 folder');
    expect(screen.getByTestId('import-warnings').textContent).toContain('test script');
    expect(client.paramsOf('collections.import')).toEqual([]);
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(closed).toBe(true));
    expect(client.paramsOf('collections.import')).toEqual([{ text: '{"info":{}}' }]);
  });

  it('shows why a file is refused and offers no import', async () => {
    const client = new FakeClient().fail('collections.previewImport', {
      code: 'BOTBENCH_ERR_IMPORT_EMPTY',
      message: 'The HAR file has no entries: there is no request to import.',
      expected: 'a HAR with at least one entry in log.entries',
    });
    renderWithStore(<ImportDialog onClose={() => undefined} />, client);
    fireEvent.change(screen.getByTestId('import-text'), { target: { value: '{"log":{}}' } });
    fireEvent.click(screen.getByTestId('import-preview'));
    expect((await screen.findByTestId('import-error')).textContent).toContain('BOTBENCH_ERR_IMPORT_EMPTY');
    expect((screen.getByTestId('import-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});

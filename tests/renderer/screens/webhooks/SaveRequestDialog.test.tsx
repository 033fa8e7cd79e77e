// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RequestCollection } from '../../../../main/api/contract.ts';
import { SaveRequestDialog } from '../../../../renderer/src/screens/webhooks/SaveRequestDialog.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const shop: RequestCollection = { id: 'c1', name: 'Shop', description: '', items: [{ kind: 'folder', id: 'f1', name: 'Orders', items: [] }] };

describe('<SaveRequestDialog>', () => {
  it('saves the composed request under a name in a folder, and Save then updates it', async () => {
    const client = new FakeClient({
      'collections.list': () => [shop],
      'collections.saveRequest': () => ({ collections: [shop], id: 'r1' }),
    });
    let closed = false;
    const { store } = renderWithStore(<SaveRequestDialog onClose={() => (closed = true)} />, client);
    act(() => store.getState().applyBot(makeBot()));
    await act(() => store.getState().loadCollections());
    fireEvent.change(screen.getByTestId('save-request-name'), { target: { value: 'Order shipped' } });
    fireEvent.change(screen.getByTestId('save-request-folder'), { target: { value: 'f1' } });
    fireEvent.click(screen.getByTestId('save-request-submit'));
    await waitFor(() => expect(closed).toBe(true));
    expect(client.paramsOf('collections.saveRequest')[0]).toMatchObject({
      collectionId: 'c1',
      parentId: 'f1',
      name: 'Order shipped',
      request: { botId: BOT_ID },
    });
    expect(store.getState().webhookDraft.saved).toEqual({ id: 'r1', collectionId: 'c1', name: 'Order shipped' });

    await act(() => store.getState().updateSavedDraft());
    expect(client.paramsOf('collections.saveRequest')[1]).toMatchObject({ id: 'r1', name: 'Order shipped' });
  });

  it('creates the first collection when there is none', async () => {
    const client = new FakeClient({
      'collections.create': ({ name }) => ({ collections: [{ id: 'c9', name, description: '', items: [] }], id: 'c9' }),
      'collections.saveRequest': () => ({ collections: [], id: 'r1' }),
    });
    const { store } = renderWithStore(<SaveRequestDialog onClose={() => undefined} />, client);
    act(() => store.getState().applyBot(makeBot()));
    expect((screen.getByTestId('save-request-new-collection') as HTMLInputElement).value).toBe('My webhooks');
    fireEvent.change(screen.getByTestId('save-request-name'), { target: { value: 'Ping' } });
    fireEvent.click(screen.getByTestId('save-request-submit'));
    await waitFor(() => expect(client.paramsOf('collections.saveRequest')).toHaveLength(1));
    expect(client.paramsOf('collections.create')).toEqual([{ name: 'My webhooks' }]);
    expect(client.paramsOf('collections.saveRequest')[0]).toMatchObject({ collectionId: 'c9', parentId: null });
  });
});

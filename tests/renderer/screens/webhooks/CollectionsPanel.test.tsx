// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RequestCollection } from '../../../../main/api/contract.ts';
import { CollectionsPanel } from '../../../../renderer/src/screens/webhooks/CollectionsPanel.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const request = (text: string, method?: 'PUT') => ({
  botId: BOT_ID,
  responsePath: `${BOT_ID}/c/U1`,
  body: `{"text":"${text}"}`,
  headers: {},
  ...(method ? { method } : {}),
});
const shop: RequestCollection = {
  id: 'c1',
  name: 'Shop',
  description: '',
  items: [
    { kind: 'folder', id: 'f1', name: 'Orders', items: [{ kind: 'request', id: 'r1', name: 'Shipped', request: request('shipped', 'PUT') }] },
    { kind: 'request', id: 'r2', name: 'Ping', request: { ...request('ping'), environmentId: 'e1' } },
  ],
};

async function setup(client = new FakeClient({ 'collections.list': () => [shop] })) {
  const rendered = renderWithStore(<CollectionsPanel />, client);
  await act(() => rendered.store.getState().loadCollections());
  return rendered;
}
const item = (name: string) => screen.getAllByTestId('collection-item').find((i) => i.dataset.name === name)!;

describe('<CollectionsPanel>', () => {
  it('shows collections as a tree of folders and requests with their methods', async () => {
    await setup();
    expect(screen.getAllByTestId('collection-item').map((i) => `${i.dataset.kind}:${i.dataset.name}`)).toEqual([
      'folder:Orders',
      'request:Shipped',
      'request:Ping',
    ]);
    expect(within(item('Shipped')).getByText('PUT')).toBeTruthy();
  });

  it('opens a saved request in the composer, with the environment it was saved with', async () => {
    const { store } = await setup();
    fireEvent.click(within(item('Ping')).getByTestId('collection-item-open'));
    const state = store.getState();
    expect(state.webhookDraft.saved).toEqual({ id: 'r2', collectionId: 'c1', name: 'Ping' });
    expect(state.webhookDraft.body).toBe('{"text":"ping"}');
    expect(state.selectedEnvironmentId).toBe('e1');
    expect(within(item('Ping')).getByTestId('collection-item-open').getAttribute('aria-current')).toBe('true');
  });

  it('reorders, duplicates and deletes through main, and shows what main answers', async () => {
    const moved: RequestCollection = { ...shop, items: [shop.items[1]!, shop.items[0]!] };
    const client = new FakeClient({
      'collections.list': () => [shop],
      'collections.moveItem': () => [moved],
      'collections.duplicateItem': () => ({ collections: [shop], id: 'r3' }),
      'collections.deleteItem': () => [shop],
    });
    await setup(client);
    expect((within(item('Orders')).getAllByRole('button', { name: 'Move Orders up' })[0] as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Move Ping up' }));
    await waitFor(() => expect(screen.getAllByTestId('collection-item')[0]!.dataset.name).toBe('Ping'));
    expect(client.paramsOf('collections.moveItem')).toEqual([{ id: 'r2', parentId: null, index: 0 }]);
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate Shipped' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete Shipped' }));
    await waitFor(() => expect(client.paramsOf('collections.deleteItem')).toEqual([{ id: 'r1' }]));
    expect(client.paramsOf('collections.duplicateItem')).toEqual([{ id: 'r1' }]);
  });

  it('creates a collection and a folder, and names every icon button', async () => {
    const client = new FakeClient({
      'collections.list': () => [shop],
      'collections.create': ({ name }) => ({ collections: [shop, { id: 'c2', name, description: '', items: [] }], id: 'c2' }),
      'collections.addFolder': () => ({ collections: [shop], id: 'f9' }),
    });
    await setup(client);
    fireEvent.change(screen.getByTestId('collection-new-name'), { target: { value: 'Payments' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create collection' }));
    await waitFor(() => expect(screen.getAllByTestId('collection').map((c) => c.dataset.name)).toEqual(['Shop', 'Payments']));
    fireEvent.click(screen.getByRole('button', { name: 'New folder in Shop' }));
    fireEvent.change(screen.getByLabelText('Folder name'), { target: { value: 'Refunds' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(client.paramsOf('collections.addFolder')).toEqual([{ collectionId: 'c1', parentId: null, name: 'Refunds' }]));
    for (const button of screen.getAllByRole('button')) expect(button.getAttribute('aria-label') ?? button.textContent).toBeTruthy();
  });
});

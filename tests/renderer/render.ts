import { cleanup, render, type RenderResult } from '@testing-library/react';
import { createElement, type ReactElement } from 'react';
import { afterEach } from 'vitest';
import { StoreProvider } from '../../renderer/src/store/context.tsx';
import { connectEvents, createAppStore, type AppStore } from '../../renderer/src/store/index.ts';
import { FakeClient } from '../mocks/fake-client.ts';

// Vitest runs without globals, so Testing Library cannot switch React's act() mode on by itself.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(cleanup);

/** Renders a component inside a fresh store over a FakeClient (or the one given), fed by its events as main.tsx does. */
export function renderWithStore(element: ReactElement, client = new FakeClient()): RenderResult & { store: AppStore; client: FakeClient } {
  const store = createAppStore(client);
  connectEvents(store);
  const result = render(createElement(StoreProvider, { store }, element));
  return { ...result, store, client };
}

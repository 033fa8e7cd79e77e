import { cleanup, render, type RenderResult } from '@testing-library/react';
import { act, createElement, type ComponentType, type ReactElement } from 'react';
import type { Bot } from '../../main/platform/model.ts';
import { afterEach } from 'vitest';
import { StoreProvider, useApp } from '../../renderer/src/store/context.tsx';
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

/**
 * Renders one of a bot's panels as the Bots screen does: for the bot the store holds now (`bot`,
 * applied first), so a change the panel saves reaches it again.
 */
export function renderBotPanel(Panel: ComponentType<{ bot: Bot }>, bot: Bot, client = new FakeClient()): ReturnType<typeof renderWithStore> {
  function Current() {
    const current = useApp((s) => s.bots.find((b) => b.botId === bot.botId));
    return current ? createElement(Panel, { bot: current }) : null;
  }
  const rendered = renderWithStore(createElement(Current), client);
  act(() => rendered.store.getState().applyBot(bot));
  return rendered;
}

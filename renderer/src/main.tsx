import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { pickTransport } from './boot.ts';
import { connectEvents, createAppStore, loadAll } from './store/index.ts';
import { StoreProvider } from './store/context.tsx';

const transport = pickTransport();
const store = createAppStore(transport.client);
store.setState({ livePages: transport.kind === 'electron' });
connectEvents(store);
// Load everything on each (re)connection: events missed while disconnected are not replayed.
transport.onConnection((state) => {
  const wasConnected = store.getState().connection.status === 'connected';
  store.getState().setConnection(state);
  if (state.status === 'connected' && !wasConnected) void loadAll(store);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App onRetry={transport.reconnectNow} />
    </StoreProvider>
  </StrictMode>,
);

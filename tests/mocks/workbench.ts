import { afterEach, beforeEach } from 'vitest';
import type { WorkbenchEvent } from '../../main/api/contract.ts';
import type { Bot } from '../../main/platform/model.ts';
import { startWorkbench, type Workbench } from '../../main/workbench.ts';
import { FakeProfileHost } from './fake-host.ts';

/**
 * A fresh in-memory workbench per test, with one bot ("Shop") and every event it emits, for tests
 * of the contract over the real platform. Call inside a describe; read the fields in tests.
 */
export function useWorkbench(): {
  readonly workbench: Workbench;
  readonly bot: Bot;
  readonly events: WorkbenchEvent[];
  call<T>(method: string, params?: unknown): Promise<T>;
} {
  const state = { workbench: undefined as unknown as Workbench, bot: undefined as unknown as Bot, events: [] as WorkbenchEvent[] };
  beforeEach(async () => {
    state.workbench = await startWorkbench({ dataDir: null, mode: 'browser', createHost: () => new FakeProfileHost(), demoBot: false });
    state.bot = state.workbench.server.platform.createBot({ name: 'Shop' });
    state.events.length = 0;
    state.workbench.services.subscribe((event) => state.events.push(event));
  });
  afterEach(() => state.workbench.close());
  return {
    get workbench() {
      return state.workbench;
    },
    get bot() {
      return state.bot;
    },
    events: state.events,
    call: <T>(method: string, params?: unknown) => state.workbench.services.dispatch(method, params) as Promise<T>,
  };
}

import type { ApiErrorPayload, ApiMethod, ApiParams, ApiResult, WorkbenchClient, WorkbenchEvent } from '../../main/api/contract.ts';

type Handler<M extends ApiMethod> = (params: ApiParams<M>) => ApiResult<M> | Promise<ApiResult<M>>;
export type FakeHandlers = { [M in ApiMethod]?: Handler<M> };

/** What a method answers when a test gives no handler: empty lists, a browser-mode info. */
const DEFAULTS: FakeHandlers = {
  'workbench.info': () => ({
    version: '0.0.0-test',
    mode: 'browser',
    platformUrl: 'http://127.0.0.1:4010',
    dataDir: null,
    browser: { ready: true, browser: '/usr/bin/chromium' },
  }),
  'bots.list': () => [],
  'profiles.list': () => [],
  'users.list': () => [],
  'log.query': () => [],
  'webhooks.history': () => [],
  'collections.list': () => [],
  'environments.list': () => [],
  'flows.list': () => [],
  'bins.list': () => [],
  'scenarios.list': () => [],
  'persons.list': () => [],
  'persons.identities': () => [],
  'recording.status': () => ({ recording: false, startedAt: null, steps: 0, recent: [] }),
};

/**
 * A WorkbenchClient for renderer tests: records every call, answers from per-method handlers,
 * and lets the test push events as main would.
 */
export class FakeClient implements WorkbenchClient {
  readonly calls: Array<{ method: ApiMethod; params: unknown }> = [];
  readonly #handlers: FakeHandlers;
  readonly #listeners = new Set<(event: WorkbenchEvent) => void>();

  constructor(handlers: FakeHandlers = {}) {
    this.#handlers = { ...DEFAULTS, ...handlers };
  }

  call = (async (method: ApiMethod, params?: unknown) => {
    this.calls.push({ method, params });
    const handler = this.#handlers[method] as ((params: unknown) => unknown) | undefined;
    if (!handler) throw { code: 'BOTBENCH_ERR_METHOD_UNKNOWN', message: `FakeClient has no handler for ${method}.` } satisfies ApiErrorPayload;
    return handler(params);
  }) as WorkbenchClient['call'];

  onEvent(listener: (event: WorkbenchEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sets or replaces the handler of one method. */
  handle<M extends ApiMethod>(method: M, handler: Handler<M>): this {
    (this.#handlers as Record<string, unknown>)[method] = handler;
    return this;
  }

  /** Makes a method reject as main would, with a code and message. */
  fail(method: ApiMethod, error: ApiErrorPayload): this {
    (this.#handlers as Record<string, unknown>)[method] = () => Promise.reject(error);
    return this;
  }

  /** Pushes an event to every subscriber, as main does. */
  emit(event: WorkbenchEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** The params of every call to one method, oldest first. */
  paramsOf<M extends ApiMethod>(method: M): Array<ApiParams<M>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.params as ApiParams<M>);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}

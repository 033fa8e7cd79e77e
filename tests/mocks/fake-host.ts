import { WebSocket } from 'ws';
import type { ProfileInput } from '../../main/api/contract.ts';
import type { PageHooks, PageSpec, ProfileHost, ProfilePage } from '../../main/profiles/profile-host.ts';
import type { ServerFrame } from '../../main/platform/widget-protocol.ts';

/**
 * A ProfileHost without a browser: each "page" is a real widget WebSocket client of the
 * platform, with "storage" kept in a Map (persistent per profile id, ephemeral per page).
 * Fast enough for service tests; the Chromium adapter has its own real-browser tests.
 */
export class FakeProfileHost implements ProfileHost {
  readonly name = 'chromium' as const;
  readonly storage = new Map<string, Map<string, string>>();
  readonly pages = new Set<FakePage>();
  readonly inputs: Array<{ id: string; input: ProfileInput }> = [];

  async open(spec: PageSpec, hooks: PageHooks): Promise<ProfilePage> {
    const page = new FakePage(this, spec, hooks);
    this.pages.add(page);
    await page.load();
    return page;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.pages].map((page) => page.close()));
  }
}

class FakePage implements ProfilePage {
  readonly #host: FakeProfileHost;
  readonly #spec: PageSpec;
  readonly #hooks: PageHooks;
  #socket: WebSocket | undefined;
  #ephemeral = new Map<string, string>();
  #kind: string | null = null;

  constructor(host: FakeProfileHost, spec: PageSpec, hooks: PageHooks) {
    this.#host = host;
    this.#spec = spec;
    this.#hooks = hooks;
  }

  #store(): Map<string, string> {
    if (this.#spec.storage === 'ephemeral') return this.#ephemeral;
    let store = this.#host.storage.get(this.#spec.id);
    if (!store) this.#host.storage.set(this.#spec.id, (store = new Map()));
    return store;
  }

  #loadId = '';

  async load(): Promise<void> {
    this.#loadId = Math.random().toString(36).slice(2);
    const url = new URL(this.#spec.url);
    const botId = url.pathname.split('/')[2]!;
    const externalUserId = url.searchParams.get('externalUserId') ?? undefined;
    const metadataText = url.searchParams.get('metadata');
    const socket = new WebSocket(`ws://${url.host}/widget`);
    this.#socket = socket;
    this.#hooks.onWidget({ loadId: this.#loadId, state: 'connecting', channelId: null, responsePath: null, kind: null });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'welcome') {
        this.#kind = frame.kind;
        if (frame.kind === 'anonymous') this.#store().set(`fxo:${botId}`, frame.channelId);
        this.#hooks.onWidget({
          loadId: this.#loadId,
          state: 'connected',
          channelId: frame.channelId,
          responsePath: frame.responsePath,
          kind: frame.kind,
        });
      }
      if (frame.type === 'message') socket.send(JSON.stringify({ type: 'ack', ids: [frame.message.id] }));
      if (frame.type === 'error' && frame.code === 'BOTBENCH_ERR_RESET_EXTERNAL') this.#resetResult?.({ ok: false, message: frame.message });
      if (frame.type === 'reset') this.#resetResult?.({ ok: true });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const stored = this.#store().get(`fxo:${botId}`);
    socket.send(
      JSON.stringify({
        type: 'hello',
        v: 1,
        botId,
        ...(externalUserId ? { externalUserId } : stored ? { channelId: stored } : {}),
        ...(metadataText ? { metadata: JSON.parse(metadataText) } : {}),
      }),
    );
  }

  #resetResult: ((result: { ok: boolean; message?: string }) => void) | undefined;

  async reload(): Promise<void> {
    await this.#disconnect();
    await this.load();
  }

  async restart(): Promise<void> {
    await this.#disconnect();
    this.#ephemeral = new Map();
    await this.load();
  }

  async clearSiteData(): Promise<void> {
    this.#store().clear();
  }

  async evaluate<T>(expression: string): Promise<T> {
    if (expression.includes('resetConversation')) {
      const result = new Promise<{ ok: boolean; message?: string }>((resolve) => (this.#resetResult = resolve));
      this.#socket!.send(JSON.stringify({ type: 'reset' }));
      return (await result) as T;
    }
    const send = /sendMessage\((".*")\)/.exec(expression);
    if (send) {
      this.#socket!.send(JSON.stringify({ type: 'message', clientId: String(Date.now()), text: JSON.parse(send[1]!) }));
      return true as T;
    }
    throw new Error(`FakeProfileHost cannot evaluate ${expression}`);
  }

  async input(input: ProfileInput): Promise<void> {
    this.#host.inputs.push({ id: this.#spec.id, input });
  }

  async capture(): Promise<string> {
    return `data:image/png;base64,${Buffer.from(`picture of ${this.#spec.id} (${this.#kind})`).toString('base64')}`;
  }

  async close(): Promise<void> {
    await this.#disconnect();
    this.#host.pages.delete(this);
  }

  async #disconnect(): Promise<void> {
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    });
  }
}

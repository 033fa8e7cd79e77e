import { WebSocket } from 'ws';
import type { ProfileInput } from '../../main/api/contract.ts';
import type { PageCommand } from '../../main/profiles/types.ts';
import { pageStepError, resolvePageUrl } from '../../main/profiles/page-commands.ts';
import { channelStorageKey } from '../../main/common/storage-key.ts';
import type { PageHooks, PageSpec, ProfileHost, ProfilePage, StorageSeed } from '../../main/profiles/profile-host.ts';
import type { PageAction } from '../../main/profiles/types.ts';
import type { ServerFrame } from '../../main/common/widget-frames.ts';
import {
  SETTLE_MARKER,
  WAIT_ARGS_MARKER,
  type MessageMatch,
  type MessageWait,
  type SettledWidget,
  type VisibleMessage,
} from '../../main/scenarios/profiles.ts';

/**
 * A ProfileHost without a browser: each "page" is a real widget WebSocket client of the
 * platform, with "storage" kept in a Map (persistent per profile id, ephemeral per page).
 * Fast enough for service tests; the Chromium adapter has its own real-browser tests.
 * Its pages keep the bubbles a widget would show (welcome transcript, messages, sent messages),
 * so the scenario runner's in-page wait (WAIT_ARGS_MARKER) can be answered without a browser.
 */
export class FakeProfileHost implements ProfileHost {
  readonly name = 'chromium' as const;
  readonly storage = new Map<string, Map<string, string>>();
  readonly pages = new Set<FakePage>();
  readonly inputs: Array<{ id: string; input: ProfileInput }> = [];
  /**
   * The page steps' "DOM", the same on every page: selectors (or `text=…` for waitFor's text)
   * that find something, each with where clicking it goes (a URL relative to the page, e.g.
   * "?externalUserId=ada", as a login form's redirect would), or null. Anything else matches nothing.
   */
  readonly elements = new Map<string, string | null>();
  /** Every page step done, in order. */
  readonly commands: Array<{ id: string; command: PageCommand }> = [];

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
  /** The bubbles the widget would show, in order. */
  #shown: VisibleMessage[] = [];
  #shownListeners = new Set<() => void>();
  #sendWaiters = new Map<string, () => void>();
  #clientSeq = 0;
  /** The page it shows: the spec's, until a goto or a click that navigates. */
  #url: string;
  /** The widget's last state, for the settle script. */
  #state: Omit<SettledWidget, 'url'> = { state: null, channelId: null };

  constructor(host: FakeProfileHost, spec: PageSpec, hooks: PageHooks) {
    this.#host = host;
    this.#spec = spec;
    this.#url = spec.url;
    this.#hooks = {
      ...hooks,
      onWidget: (report) => {
        this.#state = { state: report.state, channelId: report.channelId };
        hooks.onWidget(report);
      },
    };
  }

  /** The profile this page belongs to. */
  get profileId(): string {
    return this.#spec.id;
  }

  /** What the page recorder would report after the tester clicked or typed in the page. */
  $pageAction(action: PageAction): void {
    this.#hooks.onPageAction?.(action);
  }

  #store(): Map<string, string> {
    // Blocked storage keeps nothing: every read finds it empty.
    if (this.#spec.storage === 'blocked') return new Map();
    if (this.#spec.storage === 'ephemeral') return this.#ephemeral;
    let store = this.#host.storage.get(this.#spec.id);
    if (!store) this.#host.storage.set(this.#spec.id, (store = new Map()));
    return store;
  }

  #loadId = '';

  async load(): Promise<void> {
    this.#loadId = Math.random().toString(36).slice(2);
    const url = new URL(this.#url);
    const botId = url.pathname.split('/')[2]!;
    const externalUserId = url.searchParams.get('externalUserId') ?? undefined;
    // The site page passes on the userHash its server put in the URL, as the real page's setConfig does.
    const userHash = url.searchParams.get('userHash') ?? undefined;
    const metadataText = url.searchParams.get('metadata');
    // An own site's page asks for Flow XO's script, as a browser's would: the workbench checks its snippet (and imports its bot) first.
    if (this.#spec.flowxo && this.#hooks.onFlowXOScript) {
      const embedCode = Buffer.from(JSON.stringify({ web: { botId } })).toString('base64');
      const answered = await this.#hooks.onFlowXOScript({
        script: 'embed',
        url: 'https://widget.flowxo.com/embed.js?callback=messengerReady',
        snippets: { pageUrl: this.#url, embedCodes: [embedCode], connections: [] },
      });
      if (!answered) return;
    }
    const socket = new WebSocket(`ws://${url.host}/widget`);
    this.#socket = socket;
    this.#hooks.onWidget({ loadId: this.#loadId, state: 'connecting', channelId: null, responsePath: null, kind: null });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'welcome') {
        this.#kind = frame.kind;
        this.#shown = frame.transcript.map((m) => ({ id: m.id, source: m.source, text: m.text }));
        if (frame.kind === 'anonymous') this.#store().set(channelStorageKey(botId), frame.channelId);
        this.#hooks.onWidget({
          loadId: this.#loadId,
          state: 'connected',
          channelId: frame.channelId,
          responsePath: frame.responsePath,
          kind: frame.kind,
        });
      }
      if (frame.type === 'message') {
        socket.send(JSON.stringify({ type: 'ack', ids: [frame.message.id] }));
        this.#show({ id: frame.message.id, source: frame.message.source, text: frame.message.text });
      }
      if (frame.type === 'sent') {
        this.#show({ id: frame.message.id, source: 'widget', text: frame.message.text });
        this.#sendWaiters.get(frame.clientId)?.();
        this.#sendWaiters.delete(frame.clientId);
      }
      if (frame.type === 'error' && frame.code === 'BOTBENCH_ERR_RESET_EXTERNAL') this.#resetResult?.({ ok: false, message: frame.message });
      // A refused hello (e.g. identity verification) leaves the widget refused, as the real one reports it.
      if (frame.type === 'error' && frame.ref === 'hello') {
        this.#hooks.onWidget({
          loadId: this.#loadId,
          state: 'refused',
          channelId: null,
          responsePath: null,
          kind: null,
          error: frame.message,
          errorCode: frame.code,
        });
      }
      if (frame.type === 'reset') this.#resetResult?.({ ok: true });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const stored = this.#store().get(channelStorageKey(botId));
    socket.send(
      JSON.stringify({
        type: 'hello',
        v: 1,
        botId,
        ...(externalUserId ? { externalUserId, ...(userHash ? { userHash } : {}) } : stored ? { channelId: stored } : {}),
        ...(metadataText ? { metadata: JSON.parse(metadataText) } : {}),
      }),
    );
  }

  #resetResult: ((result: { ok: boolean; message?: string }) => void) | undefined;

  async reload(): Promise<void> {
    await this.#disconnect();
    await this.load();
  }

  async restart(seed?: StorageSeed): Promise<void> {
    await this.#disconnect();
    this.#url = this.#spec.url;
    this.#ephemeral = new Map();
    if (seed) {
      if (seed.value === null) this.#store().delete(seed.key);
      else this.#store().set(seed.key, seed.value);
    }
    await this.load();
  }

  /** identify()/logout() as the widget does them: a second hello on the same socket. */
  #rehello(externalUserId: string | null, userHash?: string): void {
    const botId = new URL(this.#url).pathname.split('/')[2]!;
    const stored = this.#store().get(channelStorageKey(botId));
    const identity = externalUserId ? { externalUserId, ...(userHash ? { userHash } : {}) } : stored ? { channelId: stored } : {};
    this.#socket!.send(JSON.stringify({ type: 'hello', v: 1, botId, ...identity }));
  }

  async clearSiteData(): Promise<void> {
    this.#store().clear();
  }

  #show(message: VisibleMessage): void {
    if (!this.#shown.some((m) => m.id === message.id)) this.#shown.push(message);
    for (const listener of [...this.#shownListeners]) listener();
  }

  /** Answers the scenario runner's in-page wait from the bubbles this page keeps. */
  #waitForMessage(args: MessageMatch & { timeoutMs: number }): Promise<MessageWait> {
    const matches = (m: VisibleMessage): boolean =>
      (args.id === undefined || m.id === args.id) &&
      (args.text === undefined || m.text === args.text) &&
      (args.contains === undefined || m.text.includes(args.contains)) &&
      (args.source === undefined || m.source === args.source) &&
      !(args.exclude ?? []).includes(m.id);
    const now = (): MessageWait => ({ found: this.#shown.find(matches) ?? null, shown: [...this.#shown] });
    const first = now();
    if (first.found || args.timeoutMs <= 0) return Promise.resolve(first);
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.#shownListeners.delete(check);
        resolve(now());
      };
      const check = (): void => {
        if (this.#shown.some(matches)) finish();
      };
      const timer = setTimeout(finish, args.timeoutMs);
      this.#shownListeners.add(check);
    });
  }

  /** Page steps over `elements`: a goto or a navigating click loads the new URL (only the platform's own origin answers). */
  async drive(command: PageCommand, timeoutMs: number): Promise<void> {
    this.#host.commands.push({ id: this.#spec.id, command });
    if (command.type === 'goto') {
      const url = resolvePageUrl(command.url, this.#url);
      if (url === null || new URL(url).origin !== new URL(this.#spec.url).origin)
        throw pageStepError(command, timeoutMs, { reason: 'unreachable', url: url ?? command.url, detail: 'net::ERR_CONNECTION_REFUSED' }, this.#url);
      return this.#navigate(url);
    }
    const key = command.type === 'waitFor' && command.text !== undefined ? `text=${command.text}` : command.selector;
    if (key === undefined) return;
    if (!this.#host.elements.has(key)) {
      await new Promise((resolve) => setTimeout(resolve, timeoutMs));
      throw pageStepError(command, timeoutMs, { reason: 'none' }, this.#url);
    }
    const goes = this.#host.elements.get(key);
    if (command.type === 'click' && goes) await this.#navigate(new URL(goes, this.#url).toString());
  }

  async #navigate(url: string): Promise<void> {
    await this.#disconnect();
    this.#url = url;
    await this.load();
  }

  async evaluate<T>(expression: string): Promise<T> {
    const settle = expression.indexOf(SETTLE_MARKER);
    if (settle >= 0) {
      // As the in-page script: until the widget is connected or refused, or the time is up.
      const deadline = Date.now() + Number.parseInt(expression.slice(settle + SETTLE_MARKER.length), 10);
      while (this.#state.state !== 'connected' && this.#state.state !== 'refused' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      return { ...this.#state, url: this.#url } as T;
    }
    const marker = expression.indexOf(WAIT_ARGS_MARKER);
    if (marker >= 0) return (await this.#waitForMessage(JSON.parse(expression.slice(marker + WAIT_ARGS_MARKER.length, -1)))) as T;
    if (expression.includes('resetConversation')) {
      const result = new Promise<{ ok: boolean; message?: string }>((resolve) => (this.#resetResult = resolve));
      this.#socket!.send(JSON.stringify({ type: 'reset' }));
      return (await result) as T;
    }
    const identify = /identify\((".*?")(?:, (\{.*\}))?\)/.exec(expression);
    if (identify) {
      this.#rehello(JSON.parse(identify[1]!) as string, identify[2] ? (JSON.parse(identify[2]) as { userHash?: string }).userHash : undefined);
      return undefined as T;
    }
    if (expression.includes('.logout()')) {
      this.#rehello(null);
      return undefined as T;
    }
    const send = /sendMessage\((".*")\)/.exec(expression);
    if (send) {
      // Like the widget, resolves once the platform confirmed (stored) the message.
      const clientId = `c${Date.now()}-${++this.#clientSeq}`;
      const sent = new Promise<void>((resolve) => this.#sendWaiters.set(clientId, resolve));
      this.#socket!.send(JSON.stringify({ type: 'message', clientId, text: JSON.parse(send[1]!) }));
      await sent;
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

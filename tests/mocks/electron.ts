import { EventEmitter } from 'node:events';

/**
 * A recording fake of the Electron API the desktop app uses, for `vi.mock('electron', …)`:
 * the main process (main/index.ts, main/api/ipc-transport.ts, main/profiles/electron-host.ts)
 * and the preload run against it on machines without Electron's binary.
 *
 * Typed against Electron's own declarations (node_modules/electron/electron.d.ts ships without
 * the binary): each fake `implements Pick<Electron.X, …>` of the members the app uses, so a
 * member whose real signature changes, or that Electron drops, breaks `npm run typecheck`.
 * Members that return other Electron objects take the real parameter types (`Parameters<…>`)
 * and return the fakes. Test-only members start with `$` (`OnlyDeclared` below checks that
 * everything else is declared by Electron). Every call is recorded in `calls`, in order.
 */

export interface Call {
  /** Which object: "app", "window#1", "webContents#3", "session:persist:…", "debugger#3", "ipcMain", … */
  target: string;
  method: string;
  args: unknown[];
}

/** Every call the code under test made on the fake, in order (reset with `resetElectronFake`). */
export const calls: Call[] = [];

function record(target: string, method: string, args: unknown[]): void {
  calls.push({ target, method, args });
}

/** Compile-time check: the fake has no member Electron does not declare, besides `$` test helpers. */
type OnlyDeclared<Fake, Real> = [Exclude<keyof Fake, keyof Real | `$${string}`>] extends [never]
  ? true
  : Exclude<keyof Fake, keyof Real | `$${string}`>;

/** An Electron event object: `preventDefault()` is how handlers refuse. */
export function electronEvent<P extends object>(params: P = {} as P): Electron.Event<P> {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    },
    params,
  ) as Electron.Event<P>;
}

/** EventEmitter that records every listener registered, by event name. */
class RecordingEmitter extends EventEmitter {
  readonly $label: string;

  constructor(label: string) {
    super();
    this.$label = label;
  }

  override on(eventName: string | symbol, listener: (...args: any[]) => void): this {
    record(this.$label, 'on', [eventName]);
    return super.on(eventName, listener);
  }

  override once(eventName: string | symbol, listener: (...args: any[]) => void): this {
    record(this.$label, 'once', [eventName]);
    return super.once(eventName, listener);
  }
}

// ——— sessions ———

/** onBeforeRequest's listener (the filter overload's). */
type BeforeRequestListener = (details: Electron.OnBeforeRequestListenerDetails, callback: (response: Electron.CallbackResponse) => void) => void;

/** A session's webRequest: one onBeforeRequest listener with its URL filter, as Electron keeps it (a new one replaces the old). */
export class FakeWebRequest implements Pick<Electron.WebRequest, 'onBeforeRequest'> {
  readonly $label: string;
  $filter: Electron.WebRequestFilter | null = null;
  $listener: BeforeRequestListener | null = null;

  constructor(label: string) {
    this.$label = label;
  }

  onBeforeRequest(filterOrListener: Electron.WebRequestFilter | BeforeRequestListener | null, listener?: BeforeRequestListener | null): void {
    record(this.$label, 'onBeforeRequest', listener === undefined ? [filterOrListener] : [filterOrListener, listener]);
    if (typeof filterOrListener === 'function' || filterOrListener === null) {
      this.$filter = null;
      this.$listener = filterOrListener;
    } else {
      this.$filter = filterOrListener;
      this.$listener = listener ?? null;
    }
  }

  /**
   * The page requests `url` from `frame`: what the listener answered, or `{}` (the request goes
   * on untouched) when none is set or its filter's URL patterns do not match, as Chromium does.
   */
  $request(url: string, frame: Pick<Electron.WebFrameMain, 'executeJavaScript'> | null = null): Promise<Electron.CallbackResponse> {
    const listener = this.$listener;
    const patterns = this.$filter?.urls ?? ['<all_urls>'];
    // Chrome match patterns: "*" is any run of characters ("<all_urls>" matches everything).
    const matches = patterns.some(
      (pattern) =>
        pattern === '<all_urls>' ||
        new RegExp(
          `^${pattern
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
            .join('.*')}$`,
        ).test(url),
    );
    if (!listener || !matches) return Promise.resolve({});
    return new Promise((resolve) =>
      listener(
        {
          id: 1,
          url,
          method: 'GET',
          resourceType: 'script',
          referrer: '',
          timestamp: Date.now(),
          uploadData: [],
          frame,
        } as unknown as Electron.OnBeforeRequestListenerDetails,
        resolve,
      ),
    );
  }
}

type CertificateVerifyProc = Parameters<Electron.Session['setCertificateVerifyProc']>[0];

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

export class FakeSession
  extends RecordingEmitter
  implements
    Pick<
      Electron.Session,
      'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'clearData' | 'clearStorageData' | 'setCertificateVerifyProc'
    >
{
  readonly webRequest: FakeWebRequest;
  $certificateVerifyProc: CertificateVerifyProc = null;
  $permissionRequestHandler: PermissionRequestHandler = null;
  $permissionCheckHandler: PermissionCheckHandler = null;
  /** Site data by origin, as far as the fake keeps it: clearData drops it (all of it, or the given origins'). */
  readonly $storage = new Map<string, Map<string, string>>();

  readonly $partition: string;

  constructor(partition: string) {
    super(`session:${partition}`);
    this.$partition = partition;
    this.webRequest = new FakeWebRequest(`webRequest:${partition}`);
  }

  setCertificateVerifyProc(...args: Parameters<Electron.Session['setCertificateVerifyProc']>): void {
    record(this.$label, 'setCertificateVerifyProc', args);
    this.$certificateVerifyProc = args[0];
  }

  /** Chromium verifies `hostname`'s certificate, which its own check says is `chromiumResult` (0 trusted, negative an error): what the session decides. */
  $verifyCertificate(hostname: string, chromiumResult: number): Promise<number> {
    const proc = this.$certificateVerifyProc;
    if (!proc) return Promise.resolve(chromiumResult);
    return new Promise((resolve) =>
      proc(
        {
          hostname,
          verificationResult: chromiumResult === 0 ? 'net::OK' : 'net::ERR_CERT_AUTHORITY_INVALID',
          errorCode: chromiumResult,
        } as Electron.Request,
        (result) => resolve(result === -3 ? chromiumResult : result),
      ),
    );
  }

  setPermissionRequestHandler(...args: Parameters<Electron.Session['setPermissionRequestHandler']>): void {
    record(this.$label, 'setPermissionRequestHandler', args);
    this.$permissionRequestHandler = args[0];
  }

  setPermissionCheckHandler(...args: Parameters<Electron.Session['setPermissionCheckHandler']>): void {
    record(this.$label, 'setPermissionCheckHandler', args);
    this.$permissionCheckHandler = args[0];
  }

  async clearData(...args: Parameters<Electron.Session['clearData']>): Promise<void> {
    record(this.$label, 'clearData', args);
    const origins = args[0]?.origins;
    if (!origins) this.$storage.clear();
    else for (const origin of origins) this.$storage.delete(origin);
  }

  async clearStorageData(...args: Parameters<Electron.Session['clearStorageData']>): Promise<void> {
    record(this.$label, 'clearStorageData', args);
    const origin = args[0]?.origin;
    if (origin === undefined) this.$storage.clear();
    else this.$storage.delete(origin);
  }

  /** A page asks for a permission, as Chromium would: true when the session's handler grants it (no handler: Electron grants). */
  $requestPermission(permission: Parameters<NonNullable<PermissionRequestHandler>>[1], contents: FakeWebContents): Promise<boolean> {
    const handler = this.$permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) =>
      handler(contents as unknown as Electron.WebContents, permission, resolve, {
        requestingUrl: contents.$url,
        isMainFrame: true,
      } as Electron.PermissionRequest),
    );
  }

  /** A synchronous permission check (e.g. navigator.permissions.query): true when granted (no handler: Electron grants). */
  $checkPermission(permission: Parameters<NonNullable<PermissionCheckHandler>>[1], origin: string): boolean {
    const handler = this.$permissionCheckHandler;
    if (!handler) return true;
    return handler(null, permission, origin, { requestingUrl: origin, isMainFrame: true } as Electron.PermissionCheckHandlerHandlerDetails);
  }
}

const sessions = new Map<string, FakeSession>();

export const session = {
  fromPartition(...args: Parameters<typeof Electron.Session.fromPartition>): FakeSession {
    record('session', 'fromPartition', args);
    const [partition] = args;
    let found = sessions.get(partition);
    if (!found) sessions.set(partition, (found = new FakeSession(partition)));
    return found;
  },
  get defaultSession(): FakeSession {
    let found = sessions.get('');
    if (!found) sessions.set('', (found = new FakeSession('')));
    return found;
  },
  /** Every session made so far, by partition ('' is the default session). */
  $all: sessions,
};

// ——— web contents ———

type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

export class FakeDebugger extends RecordingEmitter implements Pick<Electron.Debugger, 'attach' | 'isAttached' | 'detach' | 'sendCommand'> {
  #attached = false;
  /** What the page was given through Page.addScriptToEvaluateOnNewDocument and Runtime.addBinding. */
  readonly $initScripts: string[] = [];
  readonly $bindings: string[] = [];
  /** What a command answers, by method (e.g. Fetch.getResponseBody, as Chromium would); `{}` for any other. */
  readonly $answers: Record<string, (params: Record<string, unknown> | undefined) => unknown> = {};

  attach(...args: Parameters<Electron.Debugger['attach']>): void {
    record(this.$label, 'attach', args);
    if (this.#attached) throw new Error('Another debugger is already attached to this WebContents.');
    this.#attached = true;
  }

  isAttached(): boolean {
    return this.#attached;
  }

  detach(): void {
    record(this.$label, 'detach', []);
    this.#attached = false;
  }

  async sendCommand(...args: Parameters<Electron.Debugger['sendCommand']>): Promise<any> {
    record(this.$label, 'sendCommand', args);
    if (!this.#attached) throw new Error('No target available');
    const [method, params] = args as [string, Record<string, unknown> | undefined];
    if (method === 'Page.addScriptToEvaluateOnNewDocument') this.$initScripts.push(String(params?.source));
    if (method === 'Runtime.addBinding') this.$bindings.push(String(params?.name));
    return this.$answers[method]?.(params) ?? {};
  }

  /** Chromium sends the page a protocol event (e.g. Fetch.requestPaused). */
  $event(method: string, params: unknown): void {
    this.emit('message', electronEvent(), method, params);
  }

  /** The page calls a binding, as Chromium reports it to the debugger. */
  $bindingCalled(name: string, payload: string): void {
    this.emit('message', electronEvent(), 'Runtime.bindingCalled', { name, payload, executionContextId: 1 });
  }
}

let nextWebContentsId = 1;

export class FakeWebContents
  extends RecordingEmitter
  implements
    Pick<
      Electron.WebContents,
      | 'id'
      | 'session'
      | 'loadURL'
      | 'getURL'
      | 'reload'
      | 'isDestroyed'
      | 'close'
      | 'setWindowOpenHandler'
      | 'executeJavaScript'
      | 'send'
      | 'sendInputEvent'
      | 'insertText'
      | 'getZoomFactor'
      | 'isLoading'
    >
{
  readonly id: number;
  readonly debugger: FakeDebugger;
  $url = '';
  $destroyed = false;
  $windowOpenHandler: WindowOpenHandler | null = null;
  /** Messages sent to the page (webContents.send). */
  readonly $sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly $executed: string[] = [];
  $zoomFactor = 1;
  /** Runs what executeJavaScript is given, e.g. in a jsdom window (`(code) => dom.window.eval(code)`); without it, the page answers undefined. */
  $evaluate: ((code: string) => unknown) | null = null;
  /** Makes the next loads fail as Chromium's would, e.g. "ERR_CONNECTION_REFUSED (-102)". */
  $loadError: string | null = null;
  $loading = false;

  readonly $webPreferences: Electron.WebPreferences;
  readonly session: Electron.Session;

  constructor(webPreferences: Electron.WebPreferences, ses: Electron.Session) {
    const id = nextWebContentsId++;
    super(`webContents#${id}`);
    this.id = id;
    this.$webPreferences = webPreferences;
    this.session = ses;
    this.debugger = new FakeDebugger(`debugger#${id}`);
  }

  async loadURL(...args: Parameters<Electron.WebContents['loadURL']>): Promise<void> {
    record(this.$label, 'loadURL', args);
    this.#assertLive();
    if (this.$loadError !== null) throw new Error(`${this.$loadError} loading '${args[0]}'`);
    this.$url = args[0];
    this.emit('did-start-navigation', electronEvent({ url: args[0], isSameDocument: false, isMainFrame: true, frame: null }), args[0], false, true);
    this.emit('dom-ready', electronEvent());
    this.emit('did-finish-load', electronEvent());
  }

  getURL(): string {
    return this.$url;
  }

  reload(): void {
    record(this.$label, 'reload', []);
    setImmediate(() => {
      this.emit(
        'did-start-navigation',
        electronEvent({ url: this.$url, isSameDocument: false, isMainFrame: true, frame: null }),
        this.$url,
        false,
        true,
      );
      this.emit('did-finish-load', electronEvent());
    });
  }

  isDestroyed(): boolean {
    return this.$destroyed;
  }

  close(...args: Parameters<Electron.WebContents['close']>): void {
    record(this.$label, 'close', args);
    this.$destroyed = true;
    this.emit('destroyed', electronEvent());
  }

  setWindowOpenHandler(...args: Parameters<Electron.WebContents['setWindowOpenHandler']>): void {
    record(this.$label, 'setWindowOpenHandler', args);
    this.$windowOpenHandler = args[0];
  }

  async executeJavaScript(...args: Parameters<Electron.WebContents['executeJavaScript']>): Promise<any> {
    record(this.$label, 'executeJavaScript', args);
    this.#assertLive();
    this.$executed.push(args[0]);
    return this.$evaluate ? await this.$evaluate(args[0]) : undefined;
  }

  isLoading(): boolean {
    return this.$loading;
  }

  send(...args: Parameters<Electron.WebContents['send']>): void {
    record(this.$label, 'send', args);
    const [channel, ...rest] = args;
    this.$sent.push({ channel, args: rest });
  }

  sendInputEvent(...args: Parameters<Electron.WebContents['sendInputEvent']>): void {
    record(this.$label, 'sendInputEvent', args);
  }

  async insertText(...args: Parameters<Electron.WebContents['insertText']>): Promise<void> {
    record(this.$label, 'insertText', args);
  }

  getZoomFactor(): number {
    return this.$zoomFactor;
  }

  async capturePage(...args: Parameters<Electron.WebContents['capturePage']>): Promise<Pick<Electron.NativeImage, 'toDataURL'>> {
    record(this.$label, 'capturePage', args);
    return { toDataURL: () => 'data:image/png;base64,iVBORw0KGgo=' };
  }

  #assertLive(): void {
    if (this.$destroyed) throw new Error('Object has been destroyed');
  }

  // ——— what a page or Chromium does, driven by a test ———

  /** The page navigates (a link, a form, location.href): true when a handler refused it. */
  $navigate(url: string): boolean {
    const event = electronEvent({ url, isSameDocument: false, isMainFrame: true, frame: null });
    this.emit('will-navigate', event, url, false, true);
    return event.defaultPrevented;
  }

  /** The page calls window.open (or a target=_blank link): what the handler answered (no handler: Electron allows). */
  $windowOpen(url: string): ReturnType<NonNullable<WindowOpenHandler>> {
    const handler = this.$windowOpenHandler;
    if (!handler) return { action: 'allow' };
    return handler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: this.$url, policy: 'default' } });
  }

  /** The page adds a <webview>: true when a handler refused to attach it. */
  $attachWebview(src: string): boolean {
    const event = electronEvent();
    this.emit('will-attach-webview', event, { nodeIntegration: true, preload: '/tmp/evil.js' } as Electron.WebPreferences, { src });
    return event.defaultPrevented;
  }

  /** The page logs to its console. */
  $consoleMessage(message: string, level: 'info' | 'debug' = 'debug'): void {
    this.emit('console-message', electronEvent({ message, level, lineNumber: 1, sourceId: this.$url, frame: null }));
  }

  /** The renderer process goes away. */
  $crash(reason: Electron.RenderProcessGoneDetails['reason'] = 'crashed'): void {
    this.emit('render-process-gone', electronEvent(), { reason, exitCode: 139 });
  }
}

// ——— views and windows ———

let nextWindowId = 1;

export class FakeView
  extends RecordingEmitter
  implements Pick<Electron.View, 'addChildView' | 'removeChildView' | 'setBounds' | 'setVisible' | 'children'>
{
  children: Electron.View[] = [];
  $bounds: Electron.Rectangle | null = null;
  $visible = true;

  addChildView(...args: Parameters<Electron.View['addChildView']>): void {
    record(this.$label, 'addChildView', args);
    this.children = [...this.children.filter((child) => child !== args[0]), args[0]];
  }

  removeChildView(...args: Parameters<Electron.View['removeChildView']>): void {
    record(this.$label, 'removeChildView', args);
    this.children = this.children.filter((child) => child !== args[0]);
  }

  setBounds(...args: Parameters<Electron.View['setBounds']>): void {
    record(this.$label, 'setBounds', args);
    this.$bounds = args[0];
  }

  setVisible(...args: Parameters<Electron.View['setVisible']>): void {
    record(this.$label, 'setVisible', args);
    this.$visible = args[0];
  }
}

/** Every WebContentsView and BrowserWindow made, in order. */
export const views: FakeWebContentsView[] = [];
export const windows: FakeBrowserWindow[] = [];

export class FakeWebContentsView extends FakeView {
  readonly webContents: FakeWebContents;

  readonly $options: Electron.WebContentsViewConstructorOptions;

  constructor(options: Electron.WebContentsViewConstructorOptions = {}) {
    const preferences = options.webPreferences ?? {};
    const contents = new FakeWebContents(preferences, session.fromPartition(preferences.partition ?? '') as unknown as Electron.Session);
    super(`view(webContents#${contents.id})`);
    record('WebContentsView', 'constructor', [options]);
    this.$options = options;
    this.webContents = contents;
    views.push(this);
    app.$webContentsCreated(contents);
  }
}

export class FakeBrowserWindow
  extends RecordingEmitter
  implements Pick<Electron.BrowserWindow, 'id' | 'loadURL' | 'show' | 'isDestroyed' | 'isVisible' | 'close' | 'getContentSize'>
{
  readonly id: number;
  readonly webContents: FakeWebContents;
  readonly contentView = new FakeView('window.contentView');
  $visible = false;
  $destroyed = false;
  $contentSize: [number, number] = [1500, 950];

  readonly $options: Electron.BrowserWindowConstructorOptions;

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    const id = nextWindowId++;
    super(`window#${id}`);
    record('BrowserWindow', 'constructor', [options]);
    this.id = id;
    this.$options = options;
    this.webContents = new FakeWebContents(options.webPreferences ?? {}, session.defaultSession as unknown as Electron.Session);
    this.$visible = options.show ?? true;
    windows.push(this);
    app.$webContentsCreated(this.webContents);
  }

  loadURL(...args: Parameters<Electron.BrowserWindow['loadURL']>): Promise<void> {
    record(this.$label, 'loadURL', args);
    const done = this.webContents.loadURL(...args);
    this.emit('ready-to-show', electronEvent());
    return done;
  }

  show(): void {
    record(this.$label, 'show', []);
    this.$visible = true;
  }

  isVisible(): boolean {
    return this.$visible;
  }

  isDestroyed(): boolean {
    return this.$destroyed;
  }

  close(): void {
    record(this.$label, 'close', []);
    this.$destroyed = true;
    this.webContents.close();
    this.emit('closed', electronEvent());
    windows.splice(windows.indexOf(this), 1);
    if (windows.length === 0) app.emit('window-all-closed', electronEvent());
  }

  getContentSize(): number[] {
    return [...this.$contentSize];
  }
}

// ——— app, IPC, shell ———

class FakeApp extends RecordingEmitter implements Pick<Electron.App, 'whenReady' | 'isReady' | 'getPath' | 'setPath' | 'quit' | 'exit'> {
  #ready = Promise.withResolvers<void>();
  #isReady = false;
  readonly $paths = new Map<string, string>();
  /** The exit code the app asked for, once it exited. */
  $exitCode: number | null = null;

  constructor() {
    super('app');
  }

  whenReady(): Promise<void> {
    record('app', 'whenReady', []);
    return this.#ready.promise;
  }

  isReady(): boolean {
    return this.#isReady;
  }

  getPath(...args: Parameters<Electron.App['getPath']>): string {
    record('app', 'getPath', args);
    const path = this.$paths.get(args[0]);
    if (path === undefined) throw new Error(`The fake app has no "${args[0]}" path; set app.$paths in the test.`);
    return path;
  }

  setPath(...args: Parameters<Electron.App['setPath']>): void {
    record('app', 'setPath', args);
    this.$paths.set(args[0], args[1]);
  }

  /** As Electron's: before-quit (which a handler may prevent), then the app ends. */
  quit(): void {
    record('app', 'quit', []);
    const event = electronEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.$exitCode = 0;
  }

  exit(...args: Parameters<Electron.App['exit']>): void {
    record('app', 'exit', args);
    this.$exitCode = args[0] ?? 0;
  }

  /** Electron finished starting: whenReady resolves and "ready" fires. */
  $ready(): void {
    this.#isReady = true;
    this.emit('ready', electronEvent(), {});
    this.#ready.resolve();
  }

  $webContentsCreated(contents: FakeWebContents): void {
    this.emit('web-contents-created', electronEvent(), contents);
  }

  $reset(): void {
    this.removeAllListeners();
    this.#ready = Promise.withResolvers<void>();
    this.#isReady = false;
    this.$paths.clear();
    this.$exitCode = null;
  }
}

export const app = new FakeApp();

type InvokeHandler = Parameters<Electron.IpcMain['handle']>[1];

/** Who sends an IPC message: a webContents and the frame in it. */
export interface FakeSender {
  sender: FakeWebContents;
  /** The sending frame; `parent: null` is a top frame. null: the frame navigated away or is gone. */
  frame: { url: string; parent: object | null } | null;
}

class FakeIpcMain extends RecordingEmitter implements Pick<Electron.IpcMain, 'handle' | 'removeHandler'> {
  readonly $handlers = new Map<string, InvokeHandler>();

  constructor() {
    super('ipcMain');
  }

  handle(...args: Parameters<Electron.IpcMain['handle']>): void {
    record('ipcMain', 'handle', args);
    // As Electron does: a second handler for one channel is an error.
    if (this.$handlers.has(args[0])) throw new Error(`Attempted to register a second handler for '${args[0]}'`);
    this.$handlers.set(args[0], args[1]);
  }

  removeHandler(...args: Parameters<Electron.IpcMain['removeHandler']>): void {
    record('ipcMain', 'removeHandler', args);
    this.$handlers.delete(args[0]);
  }

  /** A renderer calls ipcRenderer.invoke(channel, …args) from `from`; rejects as Electron does when no handler is registered. */
  async $invoke(channel: string, from: FakeSender, ...args: unknown[]): Promise<unknown> {
    const handler = this.$handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = {
      ...electronEvent(),
      type: 'frame',
      frameId: 1,
      processId: 1,
      sender: from.sender,
      senderFrame: from.frame,
    } as unknown as Electron.IpcMainInvokeEvent;
    return handler(event, ...args);
  }

  $reset(): void {
    this.$handlers.clear();
    this.removeAllListeners();
  }
}

export const ipcMain = new FakeIpcMain();

class FakeShell implements Pick<Electron.Shell, 'openExternal'> {
  readonly $opened: string[] = [];

  async openExternal(...args: Parameters<Electron.Shell['openExternal']>): Promise<void> {
    record('shell', 'openExternal', args);
    this.$opened.push(args[0]);
  }
}

export const shell = new FakeShell();

// ——— the preload's side ———

class FakeContextBridge implements Pick<Electron.ContextBridge, 'exposeInMainWorld'> {
  /** What the preload put on the page's window, by key. */
  readonly $exposed = new Map<string, unknown>();

  exposeInMainWorld(...args: Parameters<Electron.ContextBridge['exposeInMainWorld']>): void {
    record('contextBridge', 'exposeInMainWorld', args);
    if (this.$exposed.has(args[0])) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${args[0]}`);
    this.$exposed.set(args[0], args[1]);
  }
}

export const contextBridge = new FakeContextBridge();

/** on/removeListener keep Electron's parameter types; they return the fake (Electron's return the real IpcRenderer). */
class FakeIpcRenderer extends RecordingEmitter implements Pick<Electron.IpcRenderer, 'invoke'> {
  /** Answers invoke(channel, …args); by default, the main process of `ipcMain` above as the top frame of `$sender`. */
  $answer: (channel: string, args: unknown[]) => Promise<unknown> = (channel, args) => ipcMain.$invoke(channel, this.$sender(), ...args);
  $sender: () => FakeSender = () => {
    throw new Error('Set ipcRenderer.$sender (or $answer) in the test.');
  };

  constructor() {
    super('ipcRenderer');
  }

  invoke(...args: Parameters<Electron.IpcRenderer['invoke']>): Promise<any> {
    record('ipcRenderer', 'invoke', args);
    const [channel, ...rest] = args;
    return this.$answer(channel, rest);
  }

  override on(...args: Parameters<Electron.IpcRenderer['on']>): this {
    return super.on(...args);
  }

  override removeListener(...args: Parameters<Electron.IpcRenderer['removeListener']>): this {
    record('ipcRenderer', 'removeListener', [args[0]]);
    return super.removeListener(...args);
  }

  /** The main process sends on a channel (webContents.send). */
  $receive(channel: string, ...args: unknown[]): void {
    this.emit(channel, electronEvent({ sender: this, ports: [] }), ...args);
  }
}

export const ipcRenderer = new FakeIpcRenderer();

// ——— the module ———

/** Starts a test file afresh: no calls, windows, views, sessions, handlers or listeners. */
export function resetElectronFake(): void {
  calls.length = 0;
  windows.length = 0;
  views.length = 0;
  sessions.clear();
  app.$reset();
  ipcMain.$reset();
  ipcRenderer.removeAllListeners();
  shell.$opened.length = 0;
  contextBridge.$exposed.clear();
}

/** What `vi.mock('electron', () => electronFake)` gives the code under test in place of `import … from 'electron'`. */
export const electronFake = {
  app,
  BrowserWindow: FakeBrowserWindow,
  WebContentsView: FakeWebContentsView,
  session,
  ipcMain,
  shell,
  contextBridge,
  ipcRenderer,
} satisfies Partial<Record<keyof typeof Electron.CrossProcessExports, unknown>>;

// The compile-time half of "cannot drift": each fake declares nothing Electron does not.
export const declared: Array<true> = [
  true satisfies OnlyDeclared<FakeSession, Electron.Session>,
  true satisfies OnlyDeclared<FakeWebRequest, Electron.WebRequest>,
  true satisfies OnlyDeclared<typeof session, typeof Electron.Session>,
  true satisfies OnlyDeclared<FakeDebugger, Electron.Debugger>,
  true satisfies OnlyDeclared<FakeWebContents, Electron.WebContents>,
  true satisfies OnlyDeclared<FakeView, Electron.View>,
  true satisfies OnlyDeclared<FakeWebContentsView, Electron.WebContentsView>,
  true satisfies OnlyDeclared<FakeBrowserWindow, Electron.BrowserWindow>,
  true satisfies OnlyDeclared<FakeApp, Electron.App>,
  true satisfies OnlyDeclared<FakeIpcMain, Electron.IpcMain>,
  true satisfies OnlyDeclared<FakeShell, Electron.Shell>,
  true satisfies OnlyDeclared<FakeContextBridge, Electron.ContextBridge>,
  true satisfies OnlyDeclared<FakeIpcRenderer, Electron.IpcRenderer>,
];

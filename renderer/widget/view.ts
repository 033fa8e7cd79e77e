import type { WireMessage } from '../../main/common/widget-frames.ts';
import type { DisplayConfig, MessengerState, View, ViewModel, WidgetCore } from './core.ts';
import { styles } from './styles.ts';

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';
const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6L6 18"/></svg>';

const PANEL = `
<header>
  <div class="who"><div class="name" data-testid="bot-name"></div><div class="sub" data-testid="channel-id"></div></div>
  <button type="button" class="reset" data-testid="reset" title="Start a new conversation with a new Channel ID">Reset conversation</button>
</header>
<div class="status" data-testid="status" role="status"></div>
<div class="log" data-testid="transcript" role="log" aria-live="polite"></div>
<div class="notice" data-testid="notice" role="alert" hidden><span></span><button type="button" class="x" aria-label="Dismiss">×</button></div>
<form>
  <input data-testid="input" type="text" autocomplete="off" maxlength="4000" placeholder="Type a message…" aria-label="Message">
  <button type="submit" data-testid="send">Send</button>
</form>`;

const STATUS: Record<MessengerState['state'], string> = {
  idle: '',
  connecting: 'Connecting…',
  connected: '',
  disconnected: 'Offline — reconnecting…',
  refused: 'Chat is unavailable',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function bubble(message: WireMessage): HTMLElement {
  const node = el('div', {
    class: `msg ${message.source === 'widget' ? 'me' : 'them'}`,
    'data-testid': 'message',
    'data-source': message.source,
    'data-id': message.id,
  });
  if (message.source === 'webhook') node.append(el('span', { class: 'tag' }, 'webhook'));
  node.append(el('div', { class: 'text' }, message.text));
  node.title = new Date(message.createdAt).toLocaleString();
  return node;
}

/**
 * The stylesheet as a constructed sheet where the browser has them: a site's Content-Security-Policy
 * governs `<style>` elements (style-src) but not constructed sheets, so a site whose policy allows
 * the widget's script and socket gets a styled widget too. Elsewhere, a `<style>` in the shadow root.
 */
function adoptStyles(shadow: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    shadow.append(el('style', {}, styles));
  }
}

/** The chat UI: a launcher and a panel inside an open shadow root on `<div id="fxo-messenger-root">`. */
export function createView(messenger: WidgetCore, defaultTheme: string): View {
  let host: HTMLElement | null = null;
  let waitForBody: (() => void) | null = null;
  const root = el('div', { class: 'root' });
  root.innerHTML = `<div class="panel" data-testid="panel" role="dialog" aria-label="Chat" hidden>${PANEL}</div><button type="button" class="launcher" data-testid="launcher" aria-label="Open chat"></button>`;
  const q = <T extends HTMLElement>(id: string): T => root.querySelector<T>(`[data-testid="${id}"]`)!;
  const panel = q('panel');
  const launcher = q<HTMLButtonElement>('launcher');
  const name = q('bot-name');
  const channel = q('channel-id');
  const reset = q<HTMLButtonElement>('reset');
  const status = q('status');
  const log = q('transcript');
  const notice = q('notice');
  const noticeText = notice.firstElementChild as HTMLElement;
  const input = q<HTMLInputElement>('input');
  const sendButton = q<HTMLButtonElement>('send');
  const form = root.querySelector('form')!;

  /** Ids of the message bubbles on screen, in order. */
  let shown: string[] = [];
  let shownPending = '';
  let greeting = '';
  let noticeSeq = -1;
  let wasOpen: boolean | null = null;

  let display: DisplayConfig = {};
  let lastModel: { state: MessengerState; model: ViewModel } | null = null;
  launcher.onclick = () => {
    messenger.setOpen(!messenger.getState().open);
    if (messenger.getState().open && !input.disabled) input.focus({ preventScroll: true });
  };
  (notice.lastElementChild as HTMLElement).onclick = () => {
    notice.hidden = true;
  };
  reset.onclick = () => {
    reset.disabled = true;
    void messenger.resetConversation().finally(() => {
      reset.disabled = messenger.getState().state !== 'connected';
    });
  };
  form.onsubmit = (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    messenger.sendMessage(text).catch(() => {
      // Not stored: give the visitor their text back unless they already typed something new.
      if (!input.value) input.value = text;
    });
  };

  function renderTranscript(model: ViewModel): boolean {
    const ids = model.transcript.map((message) => message.id);
    const pendingKey = model.pending.map((item) => item.clientId).join(' ');
    const welcome = display.welcomeText ?? model.bot?.greeting ?? '';
    const nextGreeting = ids.length === 0 && model.pending.length === 0 ? welcome : '';
    const isPrefix = shown.length <= ids.length && shown.every((id, i) => ids[i] === id);
    if (isPrefix && shown.length === ids.length && pendingKey === shownPending && nextGreeting === greeting) return false;
    for (const node of log.querySelectorAll('.pending,.greeting')) node.remove();
    if (!isPrefix) {
      log.textContent = '';
      shown = [];
    }
    for (const message of model.transcript.slice(shown.length)) log.append(bubble(message));
    shown = ids;
    for (const item of model.pending)
      log.append(el('div', { class: 'msg me pending', 'data-testid': 'pending', 'data-source': 'widget' }, item.text));
    shownPending = pendingKey;
    greeting = nextGreeting;
    if (greeting) log.prepend(el('div', { class: 'msg them greeting', 'data-testid': 'greeting' }, greeting));
    return true;
  }

  // Reading scrollHeight lays out the whole transcript: do it once per frame, not once per message.
  let scrollQueued = false;
  const scrollToEnd = (): void => {
    if (scrollQueued) return;
    scrollQueued = true;
    const run = (): void => {
      scrollQueued = false;
      log.scrollTop = log.scrollHeight;
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else run();
  };

  return {
    mount() {
      if (host) return;
      const attach = (): void => {
        waitForBody = null;
        host = el('div', { id: 'fxo-messenger-root' });
        host.style.setProperty('--fxo-theme', display.theme ?? defaultTheme);
        const shadow = host.attachShadow({ mode: 'open' });
        adoptStyles(shadow);
        shadow.append(root);
        document.body.append(host);
        scrollToEnd();
      };
      if (document.body) attach();
      else {
        // An async script in <head> can run before <body> exists.
        waitForBody = attach;
        document.addEventListener('DOMContentLoaded', () => waitForBody?.(), { once: true });
      }
    },

    unmount() {
      waitForBody = null;
      host?.remove();
      host = null;
    },

    display(config) {
      display = { ...config };
      host?.style.setProperty('--fxo-theme', display.theme ?? defaultTheme);
      panel.classList.toggle('fullscreen', display.fullscreen === true);
      if (lastModel) this.update(lastModel.state, lastModel.model);
    },

    update(state, model) {
      lastModel = { state, model };
      const opened = state.open && !wasOpen;
      if (state.open !== wasOpen) {
        wasOpen = state.open;
        panel.hidden = !state.open;
        launcher.setAttribute('aria-label', state.open ? 'Close chat' : 'Open chat');
        launcher.setAttribute('aria-expanded', String(state.open));
        launcher.innerHTML = state.open ? CLOSE_ICON : CHAT_ICON;
      }
      name.textContent = display.title ?? model.bot?.name ?? 'Chat';
      channel.textContent = state.channelId ? `You are ${state.channelId}` : '';
      channel.title = state.responsePath ? `Response path: ${state.responsePath}` : '';
      reset.hidden = state.kind === 'external';
      reset.disabled = state.state !== 'connected';
      status.textContent = STATUS[state.state];
      status.hidden = !status.textContent;
      const refused = state.state === 'refused';
      input.disabled = sendButton.disabled = refused;
      if (model.noticeSeq !== noticeSeq) {
        // A new notice (even with the same text as a dismissed one) shows again.
        noticeSeq = model.noticeSeq;
        noticeText.textContent = model.notice;
        notice.hidden = !model.notice;
      }
      if (renderTranscript(model) || opened) scrollToEnd();
    },
  };
}

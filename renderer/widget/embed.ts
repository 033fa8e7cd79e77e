/**
 * embed.js: the entry a customer site loads with
 *   <script src="{platform}/embed.js?callback=messengerReady" data-fxo-widget="{embedCode}" async defer></script>
 * It installs `window.FxoMessenger` (its only global), calls the page's ready callback, then
 * renders the UI and connects to `{platform origin}/widget` over WebSocket.
 */
import { decodeEmbedCode } from '../../main/common/embed-code.ts';
import { themeOrDefault } from '../../main/common/theme-colour.ts';
import { createMessenger, type FxoMessengerApi } from './messenger.ts';
import { createStorage } from './storage.ts';
import { createView } from './view.ts';

type WidgetWindow = Window & { FxoMessenger?: FxoMessengerApi } & Record<string, unknown>;

const EXPECTED = 'data-fxo-widget must be base64 of JSON like {"web":{"botId":"<24 hex>"},"theme":"#1f6feb"}';

function start(): void {
  const win = window as unknown as WidgetWindow;
  // Included twice: the first copy owns the page.
  if (win.FxoMessenger) return;
  const current = document.currentScript;
  const script =
    current instanceof HTMLScriptElement && current.hasAttribute('data-fxo-widget')
      ? current
      : document.querySelector<HTMLScriptElement>('script[data-fxo-widget]');
  const decoded = decodeEmbedCode(script?.getAttribute('data-fxo-widget') ?? '');
  if (!script || !decoded.ok) {
    console.error(`FxoMessenger: ${EXPECTED}; the chat widget is not started.`);
    return;
  }
  const src = new URL(script.src || location.href, location.href);
  const socketUrl = `${src.protocol === 'https:' ? 'wss:' : 'ws:'}//${src.host}/widget`;
  const config = decoded.config;
  const theme = themeOrDefault(config.theme);

  const messenger = createMessenger({
    botId: config.web.botId,
    socketUrl,
    storage: createStorage(),
    page: () => location.href,
    view: (api) => createView(api, theme),
  });
  let destroyedEarly = false;
  const api: FxoMessengerApi = {
    ...messenger,
    destroy() {
      destroyedEarly = true;
      messenger.destroy();
    },
    create() {
      destroyedEarly = false;
      messenger.create();
    },
  };
  // The widget's only global. Methods are closures, so they work however the page calls them.
  win.FxoMessenger = api;

  const callbackName = src.searchParams.get('callback');
  const callback = callbackName ? win[callbackName] : undefined;
  if (typeof callback === 'function') {
    try {
      (callback as (messenger: FxoMessengerApi) => void).call(win, api);
    } catch (error) {
      console.error(`FxoMessenger: the ready callback "${callbackName}" threw; the widget starts anyway.`, error);
    }
  }
  // A page that destroyed the widget in its callback does not want it; create() starts it later.
  if (!destroyedEarly) messenger.create();
}

start();

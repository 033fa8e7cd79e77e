/**
 * embed.js, Flow XO's legacy script, loaded either way its article documents:
 *   <script src="{platform}/embed.js?callback=messengerReady" data-fxo-widget="{embedCode}" async defer></script>
 * (the page's global `messengerReady` is called once FxoMessenger is ready), or synchronously,
 * without async defer and without a callback, with the page's own code in a script after it.
 * It installs `window.FxoMessenger` (its only global), calls the callback, then creates the
 * messenger: the UI and a WebSocket to `{platform origin}/widget`.
 */
import { decodeEmbedCode } from '../../main/common/embed-code.ts';
import { themeOrDefault } from '../../main/common/theme-colour.ts';
import { createCallLog, errorOf } from './call-log.ts';
import { createWidgetCore } from './core.ts';
import { createFxoMessenger, type FxoMessengerApi } from './legacy-api.ts';
import { platformOrigin, widgetSocketUrl } from './platform-origin.ts';
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
  const socketUrl = widgetSocketUrl(platformOrigin(src));
  const config = decoded.config;
  const theme = themeOrDefault(config.theme);

  const core = createWidgetCore({
    botId: config.web.botId,
    socketUrl,
    storage: createStorage(),
    page: () => location.href,
    view: (widget) => createView(widget, theme),
    label: 'FxoMessenger',
  });
  const log = createCallLog('legacy', () => core.getState().state);
  const api = createFxoMessenger(core, log);
  // A page that calls create, destroy or toggle before the widget starts itself has decided.
  let decided = false;
  for (const method of ['create', 'destroy', 'toggle'] as const) {
    const call = api[method];
    api[method] = () => {
      decided = true;
      call();
    };
  }
  // The widget's only global. Methods are closures, so they work however the page calls them.
  win.FxoMessenger = api;

  const callbackName = src.searchParams.get('callback');
  if (callbackName !== null) {
    const callback = win[callbackName];
    if (typeof callback !== 'function') {
      log.record({
        by: 'page',
        method: 'ready-callback',
        args: [callbackName],
        error: { code: 'MISSING', message: `embed.js?callback=${callbackName} names no global function (found ${typeof callback}).` },
      });
      console.error(
        `FxoMessenger: embed.js?callback=${callbackName} names no function; expected a global function ${callbackName}() defined before the script runs (e.g. function ${callbackName}() { … }). The widget starts without it.`,
      );
    } else {
      try {
        (callback as (messenger: FxoMessengerApi) => void).call(win, api);
        log.record({ by: 'page', method: 'ready-callback', args: [callbackName] });
      } catch (error) {
        log.record({ by: 'page', method: 'ready-callback', args: [callbackName], error: { code: 'THREW', message: errorOf(error).message } });
        console.error(`FxoMessenger: the ready callback "${callbackName}" threw; the widget starts anyway.`, error);
      }
    }
  }
  const autoStart = (): void => {
    if (!decided) core.create();
  };
  // Loaded without async defer (the synchronous option), the page's inline code after the tag
  // runs before DOMContentLoaded: starting then lets it subscribe to `created` first.
  if (callbackName === null && document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoStart, { once: true });
  else autoStart();
}

start();

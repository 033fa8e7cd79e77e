/**
 * loader.js, Flow XO's current script:
 *   <script src="{platform}/loader.js" data-connection="{connection ID}"></script>
 * It installs `window.FlowXO` (its only global) synchronously, so code after the tag can call
 * FlowXO.on; then it awaits `window.onFlowXOInit(connectionId)` (at most a few seconds), asks the
 * platform for the connection's bot, connects, and dispatches `flowxo:ready` on the document.
 */
import { addLoaderScript, type WidgetWindow } from './current-api.ts';

const current = document.currentScript;
addLoaderScript(
  window as unknown as WidgetWindow,
  current instanceof HTMLScriptElement ? current : document.querySelector<HTMLScriptElement>('script[data-connection][src*="loader.js"]'),
);

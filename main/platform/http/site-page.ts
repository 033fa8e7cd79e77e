/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside an inline <script>: no "</script>" or HTML comment can close it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface SitePageInput {
  platformUrl: string;
  botName: string;
  embedCode: string;
  externalUserId?: string | undefined;
  /** Sent with externalUserId (identity verification). */
  userHash?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** A page that starts anonymous and offers "Log in as …" / "Log out" (FxoMessenger.identify / logout). */
  loginAs?: { externalUserId: string; userHash?: string | undefined } | undefined;
  open: boolean;
}

/**
 * A customer site that embeds the widget exactly as the seed shows: the script tag with
 * `data-fxo-widget`, and a `messengerReady` callback that calls `FxoMessenger.setConfig`.
 */
export function renderSitePage(input: SitePageInput): string {
  const config: Record<string, unknown> = {};
  if (input.externalUserId !== undefined) config.externalUserId = input.externalUserId;
  if (input.userHash !== undefined) config.userHash = input.userHash;
  if (input.metadata !== undefined) config.metadata = input.metadata;
  const configured = Object.keys(config).length > 0;
  const described = configured ? escapeHtml(JSON.stringify(config, null, 2)) : 'nothing: an anonymous visitor';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Acme Store · ${escapeHtml(input.botName)}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1b1f24; background: #f6f8fa; }
  header { background: #24292f; color: #fff; padding: 12px 20px; font-weight: 600; }
  main { padding: 16px 20px; max-width: 560px; }
  code, pre { font: 12px/1.4 ui-monospace, monospace; background: #eaeef2; border-radius: 4px; padding: 2px 4px; }
  pre { padding: 8px; white-space: pre-wrap; word-break: break-all; }
  dt { font-weight: 600; margin-top: 8px; }
  dd { margin: 0; word-break: break-all; }
</style>
</head>
<body>
<header>Acme Store <small style="font-weight:400;opacity:.7">· demo customer site for ${escapeHtml(input.botName)}</small></header>
<main>
  <p>This page embeds the chat widget the way a customer site does.</p>
  <dl>
    <dt>setConfig</dt><dd><pre>${described}</pre></dd>
    <dt>Widget state</dt><dd id="bb-state">loading…</dd>
    <dt>Response path</dt><dd><code id="bb-response-path">–</code></dd>
  </dl>
  ${
    input.loginAs
      ? `<p><button id="bb-login" type="button">Log in as ${escapeHtml(input.loginAs.externalUserId)}</button> <button id="bb-logout" type="button">Log out</button></p>`
      : ''
  }
</main>
<script>
  function messengerReady() {
    ${configured ? `FxoMessenger.setConfig(${scriptJson(config)});` : ''}
    FxoMessenger.on('stateChanged', function () {
      var s = FxoMessenger.getState();
      document.getElementById('bb-state').textContent = s.state;
      document.getElementById('bb-response-path').textContent = s.responsePath || '–';
    });
    ${input.open ? 'FxoMessenger.toggle(true);' : ''}
    ${
      input.loginAs
        ? `document.getElementById('bb-login').onclick = function () { FxoMessenger.identify(${scriptJson(input.loginAs.externalUserId)}, ${scriptJson(
            input.loginAs.userHash ? { userHash: input.loginAs.userHash } : {},
          )}); };
    document.getElementById('bb-logout').onclick = function () { FxoMessenger.logout(); };`
        : ''
    }
  }
</script>
<script src="${escapeHtml(input.platformUrl)}/embed.js?callback=messengerReady" data-fxo-widget="${escapeHtml(input.embedCode)}" async defer></script>
</body>
</html>
`;
}

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
  /** loader.js `data-connection`. */
  connectionId: string;
  /** Which script generation the page embeds: legacy embed.js (FxoMessenger) or current loader.js (FlowXO). */
  script: 'embed' | 'loader';
  externalUserId?: string | undefined;
  /** Sent with externalUserId (identity verification). */
  userHash?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** A page that starts anonymous and offers "Log in as …" / "Log out" (FxoMessenger.identify / logout). */
  loginAs?: { externalUserId: string; userHash?: string | undefined } | undefined;
  open: boolean;
}

/** The legacy embed, as the seed shows: a `messengerReady` callback calling `FxoMessenger.setConfig`, then the tag. */
function legacyEmbed(input: SitePageInput, config: Record<string, unknown>): string {
  const configured = Object.keys(config).length > 0;
  return `<script>
  function messengerReady() {
    ${configured ? `FxoMessenger.setConfig(${scriptJson(config)});` : ''}
    FxoMessenger.botbench.on('state', showState);
    ${input.open ? 'FxoMessenger.botbench.setOpen(true);' : ''}
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
<script src="${escapeHtml(input.platformUrl)}/embed.js?callback=messengerReady" data-fxo-widget="${escapeHtml(input.embedCode)}" async defer></script>`;
}

/** The current embed, as Flow XO's "Web Messenger Javascript Api" shows: onFlowXOInit, then the loader tag. */
function currentEmbed(input: SitePageInput): string {
  const member: Record<string, unknown> | null =
    input.externalUserId === undefined
      ? null
      : {
          id: input.externalUserId,
          ...(input.userHash ? { userHash: input.userHash } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
        };
  const init: Record<string, unknown> = {};
  if (member) init.member = member;
  else if (input.metadata) init.metadata = input.metadata;
  return `<script>
  window.onFlowXOInit = async (connectionId) => (${scriptJson(init)});
  document.addEventListener('flowxo:ready', (event) => {
    FlowXO.botbench.on('state', showState);
    ${input.open ? 'FlowXO.open(event.detail.connectionId);' : ''}
  });
</script>
<script src="${escapeHtml(input.platformUrl)}/loader.js" data-connection="${escapeHtml(input.connectionId)}"></script>
${
  input.loginAs
    ? `<script>
  document.getElementById('bb-login').onclick = () => FlowXO.identify(${scriptJson({
    id: input.loginAs.externalUserId,
    ...(input.loginAs.userHash ? { userHash: input.loginAs.userHash } : {}),
  })});
  document.getElementById('bb-logout').onclick = () => FlowXO.logout();
</script>`
    : ''
}`;
}

/**
 * A customer site that embeds the widget as Flow XO documents it: the legacy embed.js tag with
 * `data-fxo-widget` and a `messengerReady` callback, or the current loader.js tag with `data-connection`
 * and `window.onFlowXOInit`. It shows the widget's state through Botbench's own handle.
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
    <dt>${input.script === 'loader' ? 'loader.js · onFlowXOInit' : 'embed.js · setConfig'}</dt><dd><pre>${described}</pre></dd>
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
  function showState(s) {
    document.getElementById('bb-state').textContent = s.state;
    document.getElementById('bb-response-path').textContent = s.responsePath || '–';
  }
</script>
${input.script === 'loader' ? currentEmbed(input) : legacyEmbed(input, config)}
</body>
</html>
`;
}

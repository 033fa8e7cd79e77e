import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A customer's own site on another origin (another loopback port) that embeds the widget.
 * Loopback matters: Chromium's Local Network Access checks block a page from a public origin
 * (or a route fulfilled by the test) from opening a socket to 127.0.0.1.
 */
export async function startCustomerSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The seed's embed: a ready callback (given as JS source) and the script tag. */
export function embedPage(platformUrl: string, embedCode: string, readyBody: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Customer site</title><h1>Customer site</h1>
<script>
  window.received = [];
  function messengerReady() { ${readyBody} }
</script>
<script src="${platformUrl}/embed.js?callback=messengerReady" data-fxo-widget="${embedCode}" async defer></script>`;
}

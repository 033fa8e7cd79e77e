import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny customer site of two pages on its own loopback origin, for the pane's address bar and
 * for clicking and typing into a site: `/` embeds Flow XO's published legacy snippet (the
 * profiles answer its script from the platform) and, for a logged-in
 * visitor (a session cookie), sets their external user ID in the ready callback; `/login` is a
 * plain form (no widget) whose POST logs the visitor in and redirects home. The login field sits
 * at a fixed place (LOGIN_FIELD), so a test can click it as a tester would click the picture.
 */
export const LOGIN_FIELD = { x: 160, y: 120 };

export async function startLoginSite(embedCode: string): Promise<{ url: string; close: () => Promise<void> }> {
  const sessions = new Map<string, string>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    const sid = /(?:^|;\s*)sid=(\w+)/.exec(request.headers.cookie ?? '')?.[1];
    const user = sid === undefined ? undefined : sessions.get(sid);
    const html = (body: string) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><meta charset="utf-8"><title>Login site</title>${body}`);
    };
    if (request.method === 'POST' && path === '/login') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const name = new URLSearchParams(body).get('user')?.trim();
        const id = Math.random().toString(36).slice(2);
        if (name) sessions.set(id, name);
        response.writeHead(303, { location: '/', 'set-cookie': `sid=${id}; Path=/; HttpOnly` });
        response.end();
      });
      return;
    }
    if (path === '/login') {
      html(`<h1>Log in</h1>
<form method="post" action="/login">
  <input id="user" name="user" aria-label="User" autocomplete="off"
    style="position:absolute;left:${LOGIN_FIELD.x - 140}px;top:${LOGIN_FIELD.y - 20}px;width:280px;height:40px;font-size:18px">
</form>`);
      return;
    }
    if (path === '/') {
      const config = user === undefined ? '' : `FxoMessenger.setConfig({ externalUserId: ${JSON.stringify(user)} });`;
      html(`<h1>${user === undefined ? 'Welcome, visitor' : `Hello ${user}`}</h1><a href="/login">Log in</a>
<script>function messengerReady() { ${config} }</script>
<script src="https://widget.flowxo.com/embed.js?callback=messengerReady" data-fxo-widget="${embedCode}" async defer></script>`);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The baseline every platform figure is compared with: a bare `node:http` + `ws` server that
 * does the least the same job needs, with nothing to persist and nothing to validate.
 *
 * - `POST /hooks/<anything>` with `{"response_path","text"}`: parses the JSON, sends
 *   `{"type":"message","message":{…}}` to every socket that said hello with that response path,
 *   and answers the same JSON as the platform's webhook (`delivered` or `queued`).
 * - `/widget` (WebSocket): `{"type":"hello","botId","externalUserId"|"channelId"}` is answered
 *   with `{"type":"welcome","responsePath"}`; other frames (acks) are ignored.
 * - `GET /page`: a minimal page that connects to `/widget` and appends each message to a list
 *   in a shadow root, the bare counterpart of the widget for the DOM latency benchmark.
 *
 * Prints `Bare server listening on http://127.0.0.1:<port>` like the platform does.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const byPath = new Map<string, Set<WebSocket>>();
let sequence = 0;

const PAGE = `<!doctype html><meta charset="utf-8"><title>Bare page</title><body><div id="host"></div><script>
  const params = new URLSearchParams(location.search);
  const shadow = document.getElementById('host').attachShadow({ mode: 'open' });
  const log = document.createElement('div');
  log.setAttribute('data-testid', 'transcript');
  shadow.append(log);
  const socket = new WebSocket(location.origin.replace('http', 'ws') + '/widget');
  window.bareState = 'connecting';
  socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', v: 1, botId: '0123456789abcdef01234567', externalUserId: params.get('externalUserId') || 'page' }));
  socket.onmessage = (event) => {
    const frame = JSON.parse(event.data);
    if (frame.type === 'welcome') window.bareState = 'connected';
    if (frame.type !== 'message') return;
    const node = document.createElement('div');
    node.setAttribute('data-testid', 'message');
    node.setAttribute('data-id', frame.message.id);
    const text = document.createElement('div');
    text.textContent = frame.message.text;
    node.append(text);
    log.append(node);
  };
</script>`;

function answer(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

function webhook(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let body: { response_path?: unknown; text?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return answer(response, 400, { error: { code: 'BOTBENCH_ERR_JSON', message: 'The body is not valid JSON.' } });
    }
    if (typeof body.response_path !== 'string' || typeof body.text !== 'string') {
      return answer(response, 400, { error: { code: 'BOTBENCH_ERR_VALIDATION', message: 'response_path and text are required.' } });
    }
    const messageId = `${randomBytes(8).toString('hex')}${++sequence}`;
    const sockets = byPath.get(body.response_path);
    if (sockets) {
      const frame = JSON.stringify({
        type: 'message',
        message: { id: messageId, direction: 'out', source: 'webhook', text: body.text, createdAt: Date.now() },
      });
      for (const socket of sockets) socket.send(frame);
    }
    answer(response, 200, { status: sockets ? 'delivered' : 'queued', responsePath: body.response_path, messageId, delivered: sockets?.size ?? 0 });
  });
}

const server = createServer((request, response) => {
  if (request.method === 'POST' && request.url?.startsWith('/hooks/')) return webhook(request, response);
  if (request.method === 'GET' && request.url?.startsWith('/page')) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return response.end(PAGE);
  }
  answer(response, 404, { error: { code: 'BOTBENCH_ERR_NOT_FOUND', message: 'No such route.' } });
});

const wss = new WebSocketServer({ server, path: '/widget', perMessageDeflate: false });
wss.on('connection', (socket) => {
  let path: string | undefined;
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; botId?: string; externalUserId?: string; channelId?: string };
    if (frame.type !== 'hello') return;
    path = `${frame.botId}/c/${frame.externalUserId ?? frame.channelId ?? `n_${randomBytes(6).toString('base64url')}`}`;
    let set = byPath.get(path);
    if (!set) byPath.set(path, (set = new Set()));
    set.add(socket);
    socket.send(JSON.stringify({ type: 'welcome', responsePath: path }));
  });
  socket.on('close', () => {
    if (path === undefined) return;
    const set = byPath.get(path);
    set?.delete(socket);
    if (set?.size === 0) byPath.delete(path);
  });
  socket.on('error', () => socket.terminate());
});

// fastify's default, so a webhook client's keep-alive connection lives as long on both sides.
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`Bare server listening on http://127.0.0.1:${address.port}`);
});
const stop = (): void => {
  for (const socket of wss.clients) socket.terminate();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

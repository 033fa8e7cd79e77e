import { describe, expect, it } from 'vitest';
import { FlowRunner, type FlowEffects, type RunInput } from '../../../../main/platform/flows/flow-runner.ts';
import { parseFlowDefinition, type FlowDefinitionInput } from '../../../../main/platform/flows/schema.ts';
import { InteractionLog } from '../../../../main/platform/interaction-log.ts';
import type { LogEntry } from '../../../../main/platform/model.ts';
import { openDatabase } from '../../../../main/platform/storage/database.ts';

const botId = '5852754509ac70000c104b80';
const path = `${botId}/c/User123`;

function setup(fetchImpl: typeof fetch = async () => new Response('{"name":"Jane"}', { status: 200 }), maxResponseBytes?: number) {
  const sent: Array<{ to: string; text: string; source: string }> = [];
  const attributes: Record<string, string> = {};
  const entries: LogEntry[] = [];
  const effects: FlowEffects = {
    send: (to, text, source) => {
      sent.push({ to, text, source });
      return { status: 'delivered', responsePath: to, messageId: `m${sent.length}`, delivered: 1, channel: 'web' };
    },
    setAttribute: (_path, name, value) => void (attributes[name] = value),
    log: new InteractionLog(openDatabase(null), (entry) => entries.push(entry)),
    fetch: fetchImpl,
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
  };
  return { runner: new FlowRunner(effects), sent, attributes, entries };
}

const input = (definition: FlowDefinitionInput, change: Partial<RunInput> = {}): RunInput => ({
  flow: { ...parseFlowDefinition(definition), id: 'f1', botId, webhookUrl: null, createdAt: 0, updatedAt: 0 },
  trigger: { type: 'message', botId, text: 'hello', responsePath: path, channelId: 'User123' },
  metadata: { myUserId: '123' },
  user: null,
  webhook: null,
  ...change,
});

describe('FlowRunner', () => {
  it('runs actions in order with templates over the trigger and metadata, and logs Success', async () => {
    const { runner, sent, entries } = setup();
    const outcome = await runner.run(
      input({ name: 'Echo', trigger: { type: 'message' }, actions: [{ type: 'send', text: '{{trigger.text}} from {{metadata.myUserId}}' }] }),
    );
    expect(outcome.status).toBe('success');
    expect(sent).toEqual([{ to: path, text: 'hello from 123', source: 'bot' }]);
    expect(entries.at(-1)).toMatchObject({ kind: 'flow', status: 'success', summary: 'Flow "Echo": Success', responsePath: path });
  });

  it('lets a send that ends the run write the run’s entry in its own commit, and then writes none of its own', async () => {
    const entries: LogEntry[] = [];
    const written: unknown[] = [];
    const runner2 = new FlowRunner({
      send: (to, _text, _source, _detail, runEntry) => {
        const result = { status: 'queued' as const, responsePath: to, messageId: 'm1', delivered: 0, channel: 'web' as const };
        written.push(runEntry?.(result));
        return result;
      },
      setAttribute: () => undefined,
      log: new InteractionLog(openDatabase(null), (entry) => entries.push(entry)),
      fetch,
    });
    const flow = input({ name: 'Echo', trigger: { type: 'message' }, actions: [{ type: 'send', text: 'hi' }] });
    const outcome = await runner2.run(flow);
    expect(outcome.status).toBe('success');
    expect(written).toEqual([expect.objectContaining({ kind: 'flow', status: 'success', summary: 'Flow "Echo": Success', responsePath: path })]);
    expect((written[0] as { detail: { steps: unknown[] } }).detail.steps).toEqual([
      expect.objectContaining({ type: 'send', status: 'success', output: expect.objectContaining({ messageId: 'm1' }) }),
    ]);
    expect(entries).toEqual([]);
    // A send that is not the last action gets no entry to write: the run logs itself once it ends.
    const sends: unknown[] = [];
    const runner3 = new FlowRunner({
      send: (to, _text, _source, _detail, runEntry) => {
        sends.push(runEntry);
        return { status: 'queued', responsePath: to, messageId: `m${sends.length}`, delivered: 0, channel: 'web' };
      },
      setAttribute: () => undefined,
      log: new InteractionLog(openDatabase(null), (entry) => entries.push(entry)),
      fetch,
    });
    await runner3.run(
      input({
        name: 'Two',
        trigger: { type: 'message' },
        actions: [
          { type: 'send', text: 'a' },
          { type: 'send', text: 'b' },
        ],
      }),
    );
    expect(sends.map((entry) => typeof entry)).toEqual(['undefined', 'function']);
    // This send never called it (as a send outside the platform's commit may not): the runner wrote the entry itself.
    expect(entries).toEqual([expect.objectContaining({ kind: 'flow', status: 'success', summary: 'Flow "Two": Success' })]);
  });

  it('logs Failed itself when a send that took the run’s entry then fails (its commit rolled both back)', async () => {
    const entries: LogEntry[] = [];
    const runner = new FlowRunner({
      send: (to, _text, _source, _detail, runEntry) => {
        runEntry?.({ status: 'queued', responsePath: to, messageId: 'm1', delivered: 0, channel: 'web' });
        throw new Error('disk full');
      },
      setAttribute: () => undefined,
      log: new InteractionLog(openDatabase(null), (entry) => entries.push(entry)),
      fetch,
    });
    const outcome = await runner.run(input({ name: 'Echo', trigger: { type: 'message' }, actions: [{ type: 'send', text: 'hi' }] }));
    expect(outcome.status).toBe('failed');
    expect(entries).toEqual([expect.objectContaining({ kind: 'flow', status: 'failed', summary: expect.stringContaining('disk full') })]);
  });

  it('passes an HTTP response to later actions through saveAs', async () => {
    const calls: string[] = [];
    const { runner, sent } = setup(async (url) => {
      calls.push(String(url));
      return new Response('{"name":"Jane"}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
    await runner.run(
      input({
        name: 'Lookup',
        trigger: { type: 'message' },
        actions: [
          { type: 'http', url: 'http://backend.test/users?user={{metadata.myUserId}}', saveAs: 'backend' },
          { type: 'send', text: 'Hi {{steps.backend.body.name}} ({{steps.backend.status}})' },
        ],
      }),
    );
    expect(calls).toEqual(['http://backend.test/users?user=123']);
    expect(sent[0]!.text).toBe('Hi Jane (200)');
  });

  // Reproduced before the fix: the value below made /api/users/{{…}} a request to http://backend.test/internal/x?,
  // carrying the flow's Authorization header.
  it('URL-encodes a webhook value placed in the URL’s path or query, so it cannot move the request elsewhere', async () => {
    const calls: Array<{ url: string; authorization: string | null }> = [];
    const { runner } = setup(async (url, init) => {
      calls.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization') });
      return new Response('{}', { status: 200 });
    });
    const outcome = await runner.run(
      input(
        {
          name: 'Sync',
          trigger: { type: 'webhook' },
          actions: [
            {
              type: 'http',
              url: 'http://backend.test/api/users/{{webhook.body.id}}?q={{webhook.body.id}}',
              headers: { authorization: 'Bearer flow-secret' },
            },
          ],
        },
        { webhook: { body: { id: '../../internal/x?' }, query: {}, headers: {} }, trigger: { type: 'webhook', botId } },
      ),
    );
    expect(outcome.status).toBe('success');
    expect(calls).toEqual([
      { url: 'http://backend.test/api/users/..%2F..%2Finternal%2Fx%3F?q=..%2F..%2Finternal%2Fx%3F', authorization: 'Bearer flow-secret' },
    ]);
    expect(new URL(calls[0]!.url).pathname).toBe('/api/users/..%2F..%2Finternal%2Fx%3F');
  });

  it('prints a value as is with the raw filter, and says so when an encoded value cannot make a URL', async () => {
    const calls: string[] = [];
    const { runner } = setup(async (url) => {
      calls.push(String(url));
      return new Response('{}', { status: 200 });
    });
    const webhook = { body: { base: 'http://backend.test/v2' }, query: {}, headers: {} };
    const raw = input(
      { name: 'Raw', trigger: { type: 'webhook' }, actions: [{ type: 'http', url: '{{webhook.body.base | raw}}/users' }] },
      { webhook },
    );
    expect((await runner.run(raw)).status).toBe('success');
    expect(calls).toEqual(['http://backend.test/v2/users']);
    const encoded = input(
      { name: 'Encoded', trigger: { type: 'webhook' }, actions: [{ type: 'http', url: '{{webhook.body.base}}/users' }] },
      { webhook },
    );
    const failed = await runner.run(encoded);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'BOTBENCH_ERR_FLOW', expected: expect.stringContaining('| raw') });
  });

  /** A response of `total` bytes of "x" in 64 KiB chunks, made as they are read; `pulled()` says how many were. */
  function endlessResponse(total: number) {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        const chunk = new Uint8Array(Math.min(64 * 1024, total - pulled)).fill(0x78);
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { response: new Response(body, { status: 200, headers: { 'content-type': 'text/plain' } }), pulled: () => pulled };
  }

  // Reproduced before the fix: the task read a 300 MB answer whole (RSS 2 GB) and logged all of it (+590 MB of database).
  it('stops reading a response past the cap, fails the step with the reason, and logs only its first part', async () => {
    const big = endlessResponse(64 * 1024 * 1024);
    const { runner, entries } = setup(async () => big.response, 256 * 1024);
    const outcome = await runner.run(
      input({ name: 'Huge', trigger: { type: 'message' }, actions: [{ type: 'http', url: 'http://backend.test/dump' }] }),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.steps[0]).toMatchObject({
      status: 'failed',
      error:
        'HTTP GET http://backend.test/dump answered more than 262144 bytes; Botbench stopped reading there (the limit is flowHttpMaxResponseBytes)',
      output: { status: 200, truncated: true, bytesRead: 262144 },
    });
    expect(big.pulled()).toBeLessThanOrEqual(256 * 1024 + 3 * 64 * 1024);
    const logged = JSON.stringify(entries.at(-1));
    expect(logged.length).toBeLessThan(24 * 1024);
    expect((outcome.steps[0]!.output as { body: string }).body).toBe('x'.repeat(16 * 1024));
  });

  it('reads a response under the cap whole for later actions, and logs a bounded copy', async () => {
    const { runner, sent, entries } = setup(async () => new Response(JSON.stringify({ name: 'Jane', pad: 'p'.repeat(100_000) }), { status: 200 }));
    const outcome = await runner.run(
      input({
        name: 'Big but fine',
        trigger: { type: 'message' },
        actions: [
          { type: 'http', url: 'http://backend.test/user', saveAs: 'backend' },
          { type: 'send', text: '{{steps.backend.body.name}} {{steps.backend.body.pad | size}}' },
        ],
      }),
    );
    expect(outcome.status).toBe('success');
    expect(sent[0]!.text).toBe('Jane 100000');
    expect(outcome.steps[0]!.output).toMatchObject({ truncated: true });
    expect(JSON.stringify(entries.at(-1)).length).toBeLessThan(24 * 1024);
  });

  it('stops as Filtered when a condition does not hold, marking the rest skipped', async () => {
    const { runner, sent, entries } = setup();
    const outcome = await runner.run(
      input({
        name: 'Gold only',
        trigger: { type: 'message' },
        actions: [
          { type: 'condition', left: '{{metadata.plan}}', op: 'equals', right: 'gold' },
          { type: 'send', text: 'VIP' },
        ],
      }),
    );
    expect(outcome.status).toBe('filtered');
    expect(outcome.steps.map((s) => s.status)).toEqual(['filtered', 'skipped']);
    expect(sent).toEqual([]);
    expect(entries.at(-1)).toMatchObject({ status: 'filtered', summary: 'Flow "Gold only": Filtered' });
  });

  it('fails the run with the failing action and the reason when an HTTP task answers an error', async () => {
    const { runner, entries } = setup(async () => new Response('boom', { status: 500 }));
    const outcome = await runner.run(
      input({
        name: 'Backend',
        trigger: { type: 'message' },
        actions: [
          { type: 'http', url: 'http://backend.test/' },
          { type: 'send', text: 'never' },
        ],
      }),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.steps.map((s) => s.status)).toEqual(['failed', 'skipped']);
    expect(entries.at(-1)!.summary).toBe('Flow "Backend": Failed at action 1 (http): HTTP GET http://backend.test/ answered 500: boom');
  });

  it('fails an HTTP task to a host that never answers after its bounded timeout', async () => {
    const { runner } = setup(
      (_url, init) => new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason))),
    );
    const started = Date.now();
    const outcome = await runner.run(
      input({ name: 'Slow', trigger: { type: 'message' }, actions: [{ type: 'http', url: 'http://10.255.255.1/', timeoutMs: 200 }] }),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toBe('HTTP GET http://10.255.255.1/ failed: timed out after 200 ms');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers In Progress at a delay and finishes later', async () => {
    const { runner, sent, entries } = setup();
    const outcome = await runner.run(
      input({
        name: 'Later',
        trigger: { type: 'message' },
        actions: [
          { type: 'delay', ms: 50 },
          { type: 'send', text: 'done' },
        ],
      }),
    );
    expect(outcome.status).toBe('in_progress');
    expect(sent).toEqual([]);
    expect(entries.at(-1)).toMatchObject({ status: 'in_progress', summary: 'Flow "Later": In Progress' });
    const final = await outcome.finished;
    expect(final.status).toBe('success');
    expect(sent.map((s) => s.text)).toEqual(['done']);
  });

  it('sets a user attribute that later actions can read', async () => {
    const { runner, sent, attributes } = setup();
    await runner.run(
      input({
        name: 'Remember',
        trigger: { type: 'message' },
        actions: [
          { type: 'set_attribute', name: 'lastWord', value: '{{trigger.text}}' },
          { type: 'send', text: 'saved {{user.attributes.lastWord}}' },
        ],
      }),
    );
    expect(attributes).toEqual({ lastWord: 'hello' });
    expect(sent[0]!.text).toBe('saved hello');
  });

  it('fails with the template error, not a crash, when a template is broken', async () => {
    const { runner } = setup();
    const outcome = await runner.run(
      input({ name: 'Broken', trigger: { type: 'message' }, actions: [{ type: 'send', text: '{{ trigger.text | nosuchfilter }}' }] }),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'BOTBENCH_ERR_FLOW', field: 'actions[0].text' });
  });

  it('refuses to send when the target renders empty', async () => {
    const { runner } = setup();
    const outcome = await runner.run(
      input(
        { name: 'Hook', trigger: { type: 'webhook' }, actions: [{ type: 'send', to: '{{webhook.body.response_path}}', text: 'x' }] },
        {
          trigger: { type: 'webhook', botId },
          webhook: { body: {}, query: {}, headers: {} },
        },
      ),
    );
    expect(outcome.error).toMatchObject({ code: 'BOTBENCH_ERR_RESPONSE_PATH' });
  });
});

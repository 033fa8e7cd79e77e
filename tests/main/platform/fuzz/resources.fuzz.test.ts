import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closed, openTcp, RawWidgetSocket } from '../../../mocks/hostile-clients.ts';
import { WidgetClient } from '../../../mocks/platform.ts';

/**
 * Issue #17, the resource property: for every surface of the platform, a hostile client (one
 * that never reads, floods, or sends half a request) leaves the platform's memory, open files
 * and database within stated bounds, and `/api/health` answers throughout. The platform runs
 * as `npm run serve` does, in its own process with an open-files limit of 2,048, so what it holds
 * is measured from /proc, apart from this process. Every attack is bounded in count and time,
 * on loopback. Figures are printed (RSS before / during / after each attack).
 *
 * RESOURCES_SERVE=<path of another checkout's out/main/serve.js> runs the same attacks against
 * that build (e.g. before a fix), to compare the printed figures.
 */

const SERVE = resolve(process.env.RESOURCES_SERVE ?? 'out/main/serve.js');
const TOKEN = 'resources-token-0123456789';
const OPEN_FILES = 2048;
const MB = 1024 * 1024;

/** The stated bounds (SECURITY.md, Limits). */
const BOUNDS = {
  /** RSS above the baseline while an attack runs, and once its clients have left. */
  rssDuringMb: 200,
  rssAfterMb: 80,
  /** Open files above the baseline once the attack's clients have left (or its sockets timed out). */
  filesAfter: 20,
  /** Open files while 3,000 half-sent requests are attempted: the HTTP cap (a quarter of 2,048) and some slack. */
  filesDuringHalfSent: 512 + 64,
  /** Bytes on disk (database and WAL) per junk webhook: a refusal's log row, and the WAL pages of its commit. */
  dbBytesPerJunk: 16 * 1024,
};

interface Metrics {
  rss: number;
  files: number;
  dbBytes: number;
}

let child: ChildProcess;
let url: string;
let dataDir: string;
let botId: string;
let webhookUrl: string;
const figures: string[] = [];

function metrics(): Metrics {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) * 1024;
  const files = readdirSync(`/proc/${child.pid}/fd`).length;
  // The database and its WAL (reused in place: its size is a high-water mark of what awaited a checkpoint).
  const dbBytes = readdirSync(dataDir)
    .filter((name) => /\.sqlite(-wal)?$/.test(name))
    .reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0);
  return { rss, files, dbBytes };
}

/** One health check on a connection of its own (as a monitor would make): the status, or 0 if none within 3 s. */
function health(): Promise<number> {
  return new Promise((done) => {
    const req = request(`${url}/api/health`, { agent: false, timeout: 3000 }, (response) => {
      response.resume();
      done(response.statusCode ?? 0);
    });
    req.once('timeout', () => {
      req.destroy();
      done(0);
    });
    req.once('error', () => done(0));
    req.end();
  });
}

/** Checks health every 200 ms while an attack runs, and samples the platform's peak memory and files. */
function watch(): { stop(): Promise<{ checks: number; failed: number; peak: Metrics }> } {
  let running = true;
  let checks = 0;
  let failed = 0;
  const peak = metrics();
  const loop = (async () => {
    while (running) {
      const status = await health();
      checks++;
      if (status !== 200) failed++;
      const now = metrics();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.files = Math.max(peak.files, now.files);
      peak.dbBytes = Math.max(peak.dbBytes, now.dbBytes);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { checks, failed, peak };
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (up to `ms`) for the platform's memory and files to come back near where they were. */
async function settle(before: Metrics, ms: number): Promise<Metrics> {
  const start = Date.now();
  let now = metrics();
  while (Date.now() - start < ms) {
    if (now.rss - before.rss <= BOUNDS.rssAfterMb * MB && now.files - before.files <= BOUNDS.filesAfter) break;
    await sleep(250);
    now = metrics();
  }
  return now;
}

function record(attack: string, before: Metrics, peak: Metrics, after: Metrics, health: { checks: number; failed: number }, note = ''): void {
  const mb = (bytes: number): string => (bytes / MB).toFixed(0);
  figures.push(
    `| ${attack} | ${mb(before.rss)} / ${mb(peak.rss)} / ${mb(after.rss)} | ${before.files} / ${peak.files} / ${after.files} | ${health.checks - health.failed}/${health.checks} | ${note} |`,
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'botbench-resources-'));
  child = spawn('sh', ['-c', `ulimit -n ${OPEN_FILES} && exec "${process.execPath}" "${SERVE}" --port 0 --data-dir "${dataDir}" --token ${TOKEN}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) done(match[1]!);
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}`)));
  });
  const created = await fetch(`${url}/api/bots`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Resources' }),
  });
  ({ botId, webhookUrl } = (await created.json()) as { botId: string; webhookUrl: string });
  // A long conversation (200 messages of 4,000 three-byte characters: a welcome of ~2.4 MB) to ask for again and again.
  const { client } = await WidgetClient.connectUrl(url, { botId, externalUserId: 'Hoarded' });
  for (let i = 0; i < 200; i++) {
    const sent = client.next('sent');
    client.send({ type: 'message', clientId: `m${i}`, text: `${i} ${'€'.repeat(3990)}` });
    await sent;
    if (i % 40 === 39) await sleep(1000);
  }
  await client.close();
}, 120_000);

afterAll(async () => {
  console.log(
    [
      `Resource property against ${SERVE} (open-files limit ${OPEN_FILES}; RSS in MB; files = open descriptors; health = answered/checked)`,
      '| attack | RSS before / peak / after | files before / peak / after | health | note |',
      '| --- | --- | --- | --- | --- |',
      ...figures,
    ].join('\n'),
  );
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('resource property: hostile clients leave the platform within bounds, and health answers throughout', () => {
  it('widget socket: 20 clients that never read, each asking 10 times for a 2.4 MB welcome', async () => {
    const before = metrics();
    const watcher = watch();
    const sockets: RawWidgetSocket[] = [];
    for (let i = 0; i < 20; i++) {
      const socket = await RawWidgetSocket.open(url);
      socket.pause();
      for (let h = 0; h < 10; h++) socket.send({ type: 'hello', v: 1, botId, externalUserId: 'Hoarded' });
      sockets.push(socket);
    }
    await sleep(3000);
    const result = await watcher.stop();
    for (const socket of sockets) socket.destroy();
    // The garbage of 200 welcomes goes back to the system when V8 next collects: allow it time to.
    const after = await settle(before, 40_000);
    record('widget: never reads, repeated hellos', before, result.peak, after, result);
    expect(result.failed, 'health checks that failed').toBe(0);
    expect(result.peak.rss - before.rss).toBeLessThanOrEqual(BOUNDS.rssDuringMb * MB);
    expect(after.rss - before.rss).toBeLessThanOrEqual(BOUNDS.rssAfterMb * MB);
    expect(after.files - before.files).toBeLessThanOrEqual(BOUNDS.filesAfter);
  }, 90_000);

  it('widget socket: one client flooding frames without reading the answers', async () => {
    const before = metrics();
    const watcher = watch();
    const socket = await RawWidgetSocket.open(url);
    socket.pause();
    socket.send({ type: 'hello', v: 1, botId, externalUserId: 'Hoarded' });
    for (let i = 0; i < 20_000; i++) socket.send({ type: 'message', clientId: `f${i}`, text: 'x'.repeat(2000) });
    await sleep(3000);
    const result = await watcher.stop();
    socket.destroy();
    const after = await settle(before, 15_000);
    record('widget: frame flood, never reads', before, result.peak, after, result);
    expect(result.failed).toBe(0);
    expect(result.peak.rss - before.rss).toBeLessThanOrEqual(BOUNDS.rssDuringMb * MB);
    expect(after.rss - before.rss).toBeLessThanOrEqual(BOUNDS.rssAfterMb * MB);
    expect(after.files - before.files).toBeLessThanOrEqual(BOUNDS.filesAfter);
  }, 60_000);

  it('widget socket: 1,500 sockets that never say hello are closed at the hello timeout', async () => {
    const before = metrics();
    const watcher = watch();
    const sockets: Socket[] = [];
    for (let i = 0; i < 1500; i++) {
      try {
        const socket = (await RawWidgetSocket.open(url)).socket;
        socket.on('error', () => {});
        sockets.push(socket);
      } catch {
        break;
      }
    }
    const held = sockets.length;
    // The clients stay; the platform lets go of them (10 s hello timeout).
    const after = await settle(before, 20_000);
    const result = await watcher.stop();
    record('widget: silent sockets (no hello)', before, result.peak, after, result, `${held} opened; the clients kept them open throughout`);
    for (const socket of sockets) socket.destroy();
    expect(result.failed).toBe(0);
    expect(after.files - before.files).toBeLessThanOrEqual(BOUNDS.filesAfter);
  }, 60_000);

  it('HTTP: 3,000 half-sent requests, health answering after each 100 (connections held before it fails)', async () => {
    const before = metrics();
    const watcher = watch();
    const sockets: Socket[] = [];
    const { host } = new URL(url);
    let firstFailureAt: number | null = null;
    for (let i = 0; i < 3000; i++) {
      try {
        const socket = await openTcp(url);
        socket.on('error', () => {});
        socket.write(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nX-Half: `);
        sockets.push(socket);
      } catch {
        // Refused: the platform is at its limit.
      }
      if (i % 100 === 99 && firstFailureAt === null && (await health()) !== 200) firstFailureAt = i + 1;
    }
    await sleep(1000);
    const result = await watcher.stop();
    for (const socket of sockets) socket.destroy();
    const after = await settle(before, 15_000);
    record(
      'HTTP: half-sent requests',
      before,
      result.peak,
      after,
      result,
      firstFailureAt === null ? 'health never failed (3,000 attempted)' : `health failed at ${firstFailureAt} connections`,
    );
    expect(firstFailureAt).toBeNull();
    expect(result.failed).toBe(0);
    expect(result.peak.files - before.files).toBeLessThanOrEqual(BOUNDS.filesDuringHalfSent);
    expect(after.files - before.files).toBeLessThanOrEqual(BOUNDS.filesAfter);
  }, 90_000);

  it('HTTP: 700 webhook uploads that never finish; health and the admin API answer', async () => {
    const before = metrics();
    const watcher = watch();
    const sockets: Socket[] = [];
    const { host, pathname } = new URL(webhookUrl);
    for (let i = 0; i < 700; i++) {
      try {
        const socket = await openTcp(url);
        socket.on('error', () => {});
        socket.write(`POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"text":"`);
        sockets.push(socket);
      } catch {
        // Refused.
      }
    }
    await sleep(500);
    const admin = await fetch(`${url}/api/bots`, { headers: { authorization: `Bearer ${TOKEN}` } }).then(
      (r) => r.status,
      () => 0,
    );
    const result = await watcher.stop();
    for (const socket of sockets) socket.destroy();
    const after = await settle(before, 15_000);
    record('HTTP: slow uploads', before, result.peak, after, result, `admin API answered ${admin}`);
    expect(admin).toBe(200);
    expect(result.failed).toBe(0);
    expect(after.files - before.files).toBeLessThanOrEqual(BOUNDS.filesAfter);
  }, 60_000);

  it('HTTP: 2,000 junk webhooks add a bounded number of bytes to the database', async () => {
    const before = metrics();
    const watcher = watch();
    let refused = 0;
    for (let i = 0; i < 2000; i += 50) {
      const batch = Array.from({ length: 50 }, (_, j) =>
        fetch(`${url}/hooks/junk-${i + j}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"junk":true}' }).then((r) => {
          if (r.status >= 400 && r.status < 500) refused++;
          return r.arrayBuffer();
        }),
      );
      await Promise.all(batch);
    }
    const result = await watcher.stop();
    const after = await settle(before, 5000);
    const rows = await fetch(`${url}/api/log?kind=webhook&status=refused&limit=5000`, { headers: { authorization: `Bearer ${TOKEN}` } })
      .then((r) => r.json() as Promise<{ entries: unknown[] }>)
      .then((body) => body.entries.length);
    const kib = ((after.dbBytes - before.dbBytes) / 1024).toFixed(0);
    record('HTTP: junk webhooks', before, result.peak, after, result, `${refused} refused; ${rows} log rows; database and WAL +${kib} KiB`);
    expect(refused).toBe(2000);
    expect(result.failed).toBe(0);
    expect(after.dbBytes - before.dbBytes).toBeLessThanOrEqual(2000 * BOUNDS.dbBytesPerJunk);
  }, 60_000);

  it('the platform is still whole: a widget connects and gets its paged history', async () => {
    const client = await WidgetClient.openUrl(url);
    const last = client.nextWhere((frame) => frame.type === 'transcript' && !frame.more, 10_000);
    client.send({ type: 'hello', v: 1, botId, externalUserId: 'Hoarded' });
    await last;
    await client.close();
    await closed(await openTcp(url).then((s) => (s.end(), s)), 5000);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot, User } from '../../../main/platform/model.ts';
import { eventually, WidgetClient } from '../../mocks/platform.ts';

/**
 * Issue #10, durability: the headless platform is SIGKILLed in the middle of a burst of webhooks
 * to offline users and restarted on the same data dir. A webhook answered 2xx must reach its
 * user exactly once and in order; one that got no answer (in flight at the kill) may or may not
 * have been committed, but is never delivered twice. The rounds run one after the other on the
 * same data dir, so each restart also recovers the database the previous kill left behind.
 */

const TOKEN = 'durability-test-token';
const USERS = 6;
/** When the platform is killed, counted from the start of each round's burst. */
const KILL_AFTER_MS = [150, 400, 900, 1500];
/** A safety net: a burst never sends more than this per user, even if the kill went wrong. */
const MAX_PER_USER = 20_000;
const LISTENING = /^Botbench platform listening on (http:\/\/127\.0\.0\.1:\d+)$/m;

interface Served {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `main/cli/serve.ts` as a child process and resolves with its URL once it prints the listening line. */
async function serve(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, ['main/cli/serve.ts', '--port', '0', '--data-dir', dataDir, '--token', TOKEN], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the platform did not start within 10 s; stderr: ${stderr}`)), 10_000);
    const check = (): void => {
      const match = LISTENING.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the platform exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
  return { child, url, exited };
}

async function admin<T>(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** What one user's sender saw during a burst. */
interface SenderOutcome {
  /** Seqs answered 2xx, in the order sent (0, 1, 2, …). */
  acked: number[];
  /** The seq that was on the wire when the platform died (no answer), if any. */
  inFlight: number | null;
  /** Answers that were neither 2xx nor a dead connection: none expected. */
  unexpected: Array<{ seq: number; status: number; body: unknown }>;
}

const text = (round: number, user: number, seq: number): string => `U${user}-r${round}-${seq}`;

/** One sender per user, all concurrent; each waits for an answer before sending its next webhook, until the connection dies. */
async function burst(hookUrl: string, botId: string, round: number): Promise<SenderOutcome[]> {
  return Promise.all(
    Array.from({ length: USERS }, async (_, user): Promise<SenderOutcome> => {
      const outcome: SenderOutcome = { acked: [], inFlight: null, unexpected: [] };
      for (let seq = 0; seq < MAX_PER_USER; seq++) {
        let status: number;
        let body: unknown;
        try {
          const response = await fetch(hookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ response_path: `${botId}/c/U${user}`, text: text(round, user, seq) }),
            signal: AbortSignal.timeout(5000),
          });
          status = response.status;
          body = await response.json();
        } catch {
          // The platform died with this one on the wire (or refused the connection): no answer.
          outcome.inFlight = seq;
          return outcome;
        }
        if (status >= 200 && status < 300 && (body as { status?: unknown }).status === 'queued') outcome.acked.push(seq);
        else {
          outcome.unexpected.push({ seq, status, body });
          return outcome;
        }
      }
      return outcome;
    }),
  );
}

/** Everything a user's widget receives on connecting: the queued messages, after the welcome. */
async function receiveQueued(
  url: string,
  botId: string,
  user: number,
): Promise<{ client: WidgetClient; messages: Array<{ id: string; text: string }> }> {
  const { client } = await WidgetClient.connectUrl(url, { botId, externalUserId: `U${user}` });
  await client.sync();
  const messages = client.frames.flatMap((frame) => (frame.type === 'message' ? [{ id: frame.message.id, text: frame.message.text }] : []));
  return { client, messages };
}

describe('durability of webhooks across SIGKILL (headless platform in a child process)', () => {
  let dataDir: string;
  let served: Served | undefined;
  let bot: Bot;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'botbench-durability-'));
    served = await serve(dataDir);
    const created = await admin<Bot>(served.url, 'POST', '/api/bots', { name: 'Durability bot' });
    expect(created.status).toBe(201);
    bot = created.body;
    // Each user exists once its widget has said hello; closing the widget leaves it offline.
    for (let user = 0; user < USERS; user++) {
      const { client } = await WidgetClient.connectUrl(served.url, { botId: bot.botId, externalUserId: `U${user}` });
      await client.close();
    }
  }, 20_000);

  afterAll(async () => {
    if (served && served.child.exitCode === null && served.child.signalCode === null) {
      served.child.kill('SIGKILL');
      await served.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every webhook answered 2xx exactly once and in order per user, and never an unanswered one twice, at several kill points', async () => {
    const summary: string[] = [];
    const totals = { acked: 0, delivered: 0, duplicated: 0, inFlight: 0, inFlightDelivered: 0 };
    for (const [round, killAfter] of KILL_AFTER_MS.entries()) {
      const platform = served!;
      // Everybody offline, so every webhook of the burst is queued.
      await eventually(async () => {
        const { body } = await admin<{ users: User[] }>(platform.url, 'GET', `/api/users?botId=${bot.botId}`);
        return body.users.length === USERS && body.users.every((user) => user.online === 0);
      });

      const hookUrl = `${platform.url}${new URL(bot.webhookUrl).pathname}`;
      const kill = setTimeout(() => platform.child.kill('SIGKILL'), killAfter);
      const outcomes = await burst(hookUrl, bot.botId, round);
      // Every sender stops at its first failure; should they all stop before the kill (a bug), kill now rather than hang.
      clearTimeout(kill);
      if (platform.child.exitCode === null && platform.child.signalCode === null) platform.child.kill('SIGKILL');
      expect(await platform.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(outcomes.flatMap((outcome) => outcome.unexpected)).toEqual([]);

      // Restart on the same data dir and let each user's widget collect its queue.
      served = await serve(dataDir);
      const url = served.url;
      let acked = 0;
      let delivered = 0;
      let duplicated = 0;
      let inFlight = 0;
      let inFlightDelivered = 0;
      for (const [user, outcome] of outcomes.entries()) {
        const expected = outcome.acked.map((seq) => text(round, user, seq));
        const { client, messages } = await receiveQueued(url, bot.botId, user);
        const texts = messages.map((message) => message.text);
        acked += expected.length;
        delivered += texts.length;
        duplicated += texts.length - new Set(texts).size;
        if (outcome.inFlight !== null) inFlight++;
        const inFlightText = outcome.inFlight === null ? null : text(round, user, outcome.inFlight);
        if (inFlightText !== null && texts.includes(inFlightText)) inFlightDelivered++;

        // Exactly the acknowledged ones, in order, optionally followed by the one that was in flight (committed, not answered).
        const allowed = inFlightText !== null && texts.length === expected.length + 1 ? [...expected, inFlightText] : expected;
        expect(texts, `user U${user} after the kill at ${killAfter} ms`).toEqual(allowed);

        // The widget acknowledges what it showed; a later connection gets none of it again.
        const ids = messages.map((message) => message.id);
        for (let start = 0; start < ids.length; start += 500) client.send({ type: 'ack', ids: ids.slice(start, start + 500) });
        await client.sync();
        await client.close();
        const again = await receiveQueued(url, bot.botId, user);
        duplicated += again.messages.length;
        expect(again.messages, `user U${user} reconnecting after acknowledging`).toEqual([]);
        await again.client.close();
      }
      expect(duplicated).toBe(0);
      summary.push(
        `kill after ${killAfter} ms: acknowledged ${acked}, delivered ${delivered}, duplicated ${duplicated}, in flight ${inFlight} (delivered ${inFlightDelivered})`,
      );
      console.log(`durability: ${summary.at(-1)}`);
      totals.acked += acked;
      totals.delivered += delivered;
      totals.duplicated += duplicated;
      totals.inFlight += inFlight;
      totals.inFlightDelivered += inFlightDelivered;
    }
    console.log(
      `durability: across ${KILL_AFTER_MS.length} kills: acknowledged ${totals.acked}, delivered ${totals.delivered}, duplicated ${totals.duplicated}, in flight ${totals.inFlight} (delivered ${totals.inFlightDelivered})`,
    );

    // After the last round the platform still stops cleanly.
    served!.child.kill('SIGTERM');
    expect(await served!.exited).toEqual({ code: 0, signal: null });
    expect(summary).toHaveLength(KILL_AFTER_MS.length);
  }, 30_000);
});

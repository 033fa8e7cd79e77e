import { nanoid } from 'nanoid';
import { outcomeOf, prepareWebhook, sendPrepared } from './webhook-composer.ts';
import type { BulkMode, BulkProgress, LatencySummary } from './webhook-request.ts';
import type { WebhookRequest } from '../workspace/types.ts';
import { BotbenchError } from '../platform/errors.ts';
import type { Bot } from '../platform/model.ts';

/** The bounds of a bulk send: enough for a queue demo or a quick load check, not a load generator. */
export const BULK_LIMITS = { maxCount: 1000, maxPerSecond: 100, maxSeconds: 60, maxTotal: 1000, concurrency: 8 } as const;

/** Checks the mode against BULK_LIMITS and says how many requests it plans. */
export function plannedSends(mode: BulkMode): number {
  const refuse = (message: string) => {
    throw new BotbenchError('BOTBENCH_ERR_BULK_BOUNDS', message, {
      expected: `1 to ${BULK_LIMITS.maxCount} sends, or 1 to ${BULK_LIMITS.maxPerSecond} per second for 1 to ${BULK_LIMITS.maxSeconds} seconds, at most ${BULK_LIMITS.maxTotal} in all`,
      field: 'mode',
    });
  };
  if (mode.kind === 'count') {
    if (!Number.isInteger(mode.count) || mode.count < 1 || mode.count > BULK_LIMITS.maxCount)
      refuse(`A bulk send sends 1 to ${BULK_LIMITS.maxCount} requests, not ${mode.count}.`);
    return mode.count;
  }
  if (!Number.isInteger(mode.perSecond) || mode.perSecond < 1 || mode.perSecond > BULK_LIMITS.maxPerSecond) {
    refuse(`A bulk send runs at 1 to ${BULK_LIMITS.maxPerSecond} requests per second, not ${mode.perSecond}.`);
  }
  if (!Number.isInteger(mode.seconds) || mode.seconds < 1 || mode.seconds > BULK_LIMITS.maxSeconds) {
    refuse(`A bulk send at a rate lasts 1 to ${BULK_LIMITS.maxSeconds} seconds, not ${mode.seconds}.`);
  }
  const total = mode.perSecond * mode.seconds;
  if (total > BULK_LIMITS.maxTotal)
    refuse(`${mode.perSecond} per second for ${mode.seconds} s is ${total} requests; a bulk send makes at most ${BULK_LIMITS.maxTotal}.`);
  return total;
}

/** Nearest-rank percentiles. */
export function latencySummary(samples: readonly number[]): LatencySummary | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/**
 * Runs one bulk send at a time, through the same preparation as a single send (variables,
 * loopback check, a fresh signature per request), so what it measures is what the composer sends.
 */
export class BulkSender {
  #run: { progress: BulkProgress; abort: AbortController; done: Promise<BulkProgress> } | null = null;
  readonly #emit: (progress: BulkProgress) => void;

  constructor(emit: (progress: BulkProgress) => void) {
    this.#emit = emit;
  }

  /** Starts a run and answers its first progress; the end arrives as a `bulk` event (and from `finished`). */
  start(bot: Bot, request: WebhookRequest, environment: Readonly<Record<string, string>>, mode: BulkMode): BulkProgress {
    if (this.#run?.progress.state === 'running') {
      throw new BotbenchError('BOTBENCH_ERR_BULK_RUNNING', 'A bulk send is already running; stop it first.', { expected: 'one bulk send at a time' });
    }
    const planned = plannedSends(mode);
    // Fails here, before anything is sent, on an unknown variable or a target off loopback.
    prepareWebhook(bot, request, environment);
    const progress: BulkProgress = {
      runId: nanoid(10),
      state: 'running',
      planned,
      sent: 0,
      answered: 0,
      delivered: 0,
      queued: 0,
      refused: 0,
      failed: 0,
      latency: null,
      startedAt: Date.now(),
      elapsedMs: 0,
    };
    const abort = new AbortController();
    const done = this.#execute(bot, request, environment, mode, progress, abort.signal);
    this.#run = { progress, abort, done };
    return { ...progress };
  }

  stop(runId: string): BulkProgress {
    const run = this.#run;
    if (!run || run.progress.runId !== runId) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `No bulk send has run id ${JSON.stringify(runId)}.`, {
        expected: 'the runId webhooks.bulk answered',
        field: 'runId',
      });
    }
    run.abort.abort();
    return { ...run.progress };
  }

  /** The current (or last) run's end; for tests and shutdown. */
  finished(): Promise<BulkProgress> | null {
    return this.#run?.done ?? null;
  }

  dispose(): void {
    this.#run?.abort.abort();
  }

  async #execute(
    bot: Bot,
    request: WebhookRequest,
    environment: Readonly<Record<string, string>>,
    mode: BulkMode,
    progress: BulkProgress,
    signal: AbortSignal,
  ): Promise<BulkProgress> {
    const latencies: number[] = [];
    let lastEmit = 0;
    const publish = (force = false) => {
      const now = Date.now();
      if (!force && now - lastEmit < 100) return;
      lastEmit = now;
      progress.elapsedMs = now - progress.startedAt;
      progress.latency = latencySummary(latencies);
      this.#emit({ ...progress });
    };
    const one = async () => {
      progress.sent++;
      try {
        const prepared = prepareWebhook(bot, request, environment);
        const answer = await sendPrepared(prepared, signal);
        progress.answered++;
        latencies.push(answer.durationMs);
        const outcome = outcomeOf(bot, prepared, answer.status, answer.answer);
        if (outcome === 'refused') progress.refused++;
        else if (outcome === 'queued') progress.queued++;
        else if (outcome === 'delivered') progress.delivered++;
      } catch {
        // Aborted by stop, or no answer: not counted as failed when we stopped it.
        if (!signal.aborted) progress.failed++;
      }
      publish();
    };
    const inFlight = new Set<Promise<void>>();
    const launch = () => {
      const p = one().finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    const interval = mode.kind === 'rate' ? 1000 / mode.perSecond : 0;
    for (let i = 0; i < progress.planned && !signal.aborted; i++) {
      if (interval > 0) {
        const due = progress.startedAt + i * interval - Date.now();
        if (due > 0) await sleep(due, signal);
        if (signal.aborted) break;
      }
      // A rate the target cannot keep up with waits here, and shows as a longer elapsed time.
      while (inFlight.size >= BULK_LIMITS.concurrency * (interval > 0 ? 2 : 1)) await Promise.race(inFlight);
      launch();
    }
    await Promise.allSettled([...inFlight]);
    progress.state = signal.aborted ? 'stopped' : 'done';
    publish(true);
    return { ...progress };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

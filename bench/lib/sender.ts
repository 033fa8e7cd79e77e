/**
 * The open-loop webhook sender of the delivery benchmark, in its own process (`Sender` below
 * forks it), so sending never waits behind the receiving widgets' work nor they behind it. It
 * stamps each POST with `monotonicMs()`, the clock the receiving process stamps frames with,
 * and reports its own event-loop delay: a late sender would add its lateness to every figure.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { monotonicMs, paced, Poster, sleep } from './load.ts';

export interface SendJob {
  url: string;
  /** Response paths, sent to round-robin. */
  paths: readonly string[];
  /** Each text is `${tag} ${index}`, so the receiver can match a frame to its POST. */
  tag: string;
  rate: number;
  count: number;
}

export interface SendReport {
  /** monotonicMs() just before each POST was written, by index. */
  sentAt: number[];
  /** POST → complete answer, ms, of each answered request. */
  answers: number[];
  failed: number;
  /** Webhooks per second actually sent: below the target when the sender fell behind. */
  achieved: number;
  /** How late the sender's own timers fired (p99, ms): its event loop was busy or starved of CPU. */
  loopDelayP99: number;
}

/** The parent's handle on the sender process. */
export class Sender {
  readonly #child: ChildProcess;

  constructor() {
    this.#child = fork(fileURLToPath(import.meta.url), ['--sender'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }

  send(job: SendJob): Promise<SendReport> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`the sender exited (${code}) mid-job`));
      this.#child.once('exit', onExit);
      this.#child.once('message', (report: SendReport) => {
        this.#child.off('exit', onExit);
        resolve(report);
      });
      this.#child.send(job);
    });
  }

  close(): void {
    this.#child.kill();
  }
}

async function run(job: SendJob): Promise<SendReport> {
  const poster = new Poster(job.url);
  const sentAt = new Array<number>(job.count).fill(Number.NaN);
  const answers: number[] = [];
  let failed = 0;
  let errors = 0;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const achieved = await paced(job.rate, job.count, (i) => {
    const body = JSON.stringify({ response_path: job.paths[i % job.paths.length], text: `${job.tag} ${i}` });
    const start = monotonicMs();
    sentAt[i] = start;
    poster.post(body).then(
      (status) => {
        answers.push(monotonicMs() - start);
        if (status !== 200) failed++;
      },
      () => errors++,
    );
  });
  delay.disable();
  const deadline = performance.now() + 5_000;
  while (answers.length + errors < job.count && performance.now() < deadline) await sleep(10);
  poster.close();
  // Refused, broken, or not answered within 5 s.
  failed += job.count - answers.length;
  return { sentAt, answers, failed, achieved, loopDelayP99: Math.max(0, delay.percentile(99) / 1e6 - 1) };
}

if (process.argv.includes('--sender') && process.send) {
  process.on('message', (job: SendJob) => void run(job).then((report) => process.send!(report)));
  process.on('disconnect', () => process.exit(0));
}

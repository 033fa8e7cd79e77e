/**
 * The throughput load generator, in its own process (`LoadClient` below spawns it): autocannon
 * with worker threads, so the client is neither slowed by the bench's own work nor limited to
 * one thread. The parent sends one job at a time over IPC and gets autocannon's result back.
 * Bodies go as a list of fixed requests that each connection cycles through (no setupRequest:
 * a function cannot cross into autocannon's workers, and building a request per call costs the
 * client time the server would then be measured by).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';

export interface LoadJob {
  url: string;
  bodies: readonly string[];
  connections: number;
  /** Worker threads in the client process; 0 runs autocannon on the client's main thread. */
  workers: number;
  seconds: number;
}

export interface LoadResult extends Pick<Result, 'duration' | 'errors' | 'timeouts' | 'non2xx'> {
  requests: { total: number };
  latency: { p50: number; p99: number; max: number };
  /** CPU time the client process used (all its threads), in seconds. */
  clientCpuS: number;
}

type Reply = { ok: true; result: LoadResult } | { ok: false; error: string };

/** The parent's handle on the client process. */
export class LoadClient {
  readonly #child: ChildProcess;
  #queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.#child = fork(fileURLToPath(import.meta.url), ['--load-client'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }

  /** Runs a job; jobs never overlap. */
  run(job: LoadJob): Promise<LoadResult> {
    const next = this.#queue.then(
      () =>
        new Promise<LoadResult>((resolve, reject) => {
          const onExit = (code: number | null): void => reject(new Error(`the load client exited (${code}) mid-job`));
          this.#child.once('exit', onExit);
          this.#child.once('message', (reply: Reply) => {
            this.#child.off('exit', onExit);
            if (reply.ok) resolve(reply.result);
            else reject(new Error(`the load client failed: ${reply.error}`));
          });
          this.#child.send(job);
        }),
    );
    this.#queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.#child.kill();
  }
}

async function serve(job: LoadJob): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: job.bodies.map((body) => ({ method: 'POST', body })),
    ...(job.workers > 0 ? { workers: job.workers } : {}),
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    duration: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    requests: { total: result.requests.total },
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    clientCpuS: (cpu.user + cpu.system) / 1e6,
  };
}

if (process.argv.includes('--load-client') && process.send) {
  process.on('message', (job: LoadJob) => {
    serve(job).then(
      (result) => process.send!({ ok: true, result } satisfies Reply),
      (error: unknown) => process.send!({ ok: false, error: String(error) } satisfies Reply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

import { Agent, request } from 'node:http';

/** Keep-alive HTTP POSTs of JSON, the same client for the platform and the bare baseline. */
export class Poster {
  readonly #agent: Agent;
  readonly #url: URL;

  constructor(url: string, sockets = 64) {
    this.#url = new URL(url);
    this.#agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** Opens `count` keep-alive connections now (with requests that may fail), so later posts need no new connection. */
  async warm(body: string, count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, () => this.post(body).catch(() => 0)));
  }

  /** POSTs `body`; resolves with the status once the whole answer arrived. */
  post(body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.#agent,
          host: this.#url.hostname,
          port: this.#url.port,
          path: this.#url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/**
 * Open-loop load: calls `fire(i)` for i = 0…count-1 at `rate` per second, whatever the server's
 * answers do (a slow answer does not delay the next request, so queueing shows in the latency).
 * Timers fire about once a millisecond; each tick sends everything due by then. Resolves with
 * the rate achieved (below `rate` when the sending process itself could not keep up).
 */
export function paced(rate: number, count: number, fire: (index: number) => void): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    let sent = 0;
    const tick = (): void => {
      const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      while (sent < due) fire(sent++);
      if (sent < count) setTimeout(tick, 0);
      else resolve(count / Math.max((performance.now() - start) / 1000, count / rate));
    };
    tick();
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Milliseconds on CLOCK_MONOTONIC (process.hrtime), the one clock every process on the machine
 * shares: a time stamped by one process can be subtracted from one stamped by another, which
 * performance.now() (counted from each process's own start) cannot.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * Preloaded into a server under test (`node --import ./bench/lib/probe.ts …`) when the bench
 * spawns it with an IPC channel: answers `{ type: 'stats' }` with its heap and its event-loop
 * delay since the previous question (the bench reads RSS from /proc itself). Without an IPC
 * channel it does nothing, so the server runs exactly as it would without it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

export interface ProbeStats {
  type: 'stats';
  /** Filled in by the asking side from /proc: reading it here needs a file descriptor, which a server at its limit has none of. */
  rss: number;
  heapUsed: number;
  /**
   * Event-loop delay in ms since the last question: how late a 10 ms repeating timer fired
   * (monitorEventLoopDelay records the whole interval, so the 10 ms are subtracted).
   */
  loopDelay: { p50: number; p99: number; max: number; mean: number };
}

if (process.send) {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const late = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
  histogram.enable();
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stats') return;
    const stats: ProbeStats = {
      type: 'stats',
      rss: Number.NaN,
      heapUsed: getHeapStatistics().used_heap_size,
      loopDelay: {
        p50: late(histogram.percentile(50)),
        p99: late(histogram.percentile(99)),
        max: late(histogram.max),
        mean: late(histogram.mean),
      },
    };
    histogram.reset();
    process.send?.(stats);
  });
  // The IPC channel must not keep the server alive once it wants to stop.
  process.channel?.unref();
}

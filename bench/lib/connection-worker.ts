/**
 * A child process that holds widget connections for bench/connections.ts, so that no process
 * needs more file descriptors than its limit. Speaks over IPC:
 *   { type: 'open', url, botId, count } → { type: 'opened', held, failed, firstError }
 *   { type: 'held' }                    → { type: 'held', held }
 *   { type: 'close' }                   → closes every socket and exits.
 */
import { BenchWidget } from './widgets.ts';

export type WorkerRequest = { type: 'open'; url: string; botId: string; count: number; concurrency: number } | { type: 'held' } | { type: 'close' };
export type WorkerAnswer = { type: 'opened'; held: number; failed: number; firstError: string | null } | { type: 'held'; held: number };

const widgets = new Set<BenchWidget>();

async function open(url: string, botId: string, count: number, concurrency: number): Promise<WorkerAnswer> {
  let started = 0;
  let failed = 0;
  let firstError: string | null = null;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      try {
        const widget = await BenchWidget.connect(url, { botId }, 20_000);
        widgets.add(widget);
        widget.socket.on('close', () => widgets.delete(widget));
      } catch (error) {
        failed++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { type: 'opened', held: widgets.size, failed, firstError };
}

process.on('message', (request: WorkerRequest) => {
  if (request.type === 'open') void open(request.url, request.botId, request.count, request.concurrency).then((answer) => process.send!(answer));
  else if (request.type === 'held') process.send!({ type: 'held', held: widgets.size } satisfies WorkerAnswer);
  else {
    for (const widget of widgets) widget.close();
    process.exit(0);
  }
});

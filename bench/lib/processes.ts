import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProbeStats } from './probe.ts';

/** The project root (bench/lib/ is two levels down). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOKEN = 'bench-token-0123456789';
const PROBE = join(ROOT, 'bench', 'lib', 'probe.ts');

/** A server in its own process, as a tester runs it: its URL, and ways to watch and stop it. */
export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn() to the "listening" line on stdout. */
  readonly startMs: number;
  /** The server's own RSS and event-loop delay (needs `probe: true`). */
  stats(): Promise<ProbeStats>;
  /** Resident memory of the process, in bytes, read from /proc. */
  rss(): number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Preload bench/lib/probe.ts and open an IPC channel to ask it for stats. */
  probe?: boolean;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: readonly string[];
  timeoutMs?: number;
  /** Called with each stderr chunk; by default stderr is dropped unless the process fails to start. */
  onStderr?: (text: string) => void;
}

/** Spawns `node <script> <args>` and resolves once stdout prints a line with "listening on <url>". */
export function spawnServer(script: string, args: readonly string[], options: SpawnOptions = {}): Promise<ServerProcess> {
  const nodeArgs = [...(options.nodeArgs ?? []), ...(options.probe ? ['--import', PROBE] : [])];
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.probe ? (['ipc'] as const) : [])],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    if (options.onStderr) options.onStderr(text);
    else if (stderr.length < 20_000) stderr += text;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not print its listening line within ${options.timeoutMs ?? 15_000} ms.\n${stderr}`));
    }, options.timeoutMs ?? 15_000);
    let stdout = '';
    const onData = (text: string): void => {
      stdout += text;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      const startMs = performance.now() - started;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({
        url: match[1]!,
        child,
        startMs,
        stats: async () => ({ ...(await askStats(child)), rss: rssOf(child.pid!) }),
        rss: () => rssOf(child.pid!),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(killer);
        },
      });
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before listening.\n${stderr}`));
    });
  });
}

function askStats(child: ChildProcess): Promise<ProbeStats> {
  return new Promise((resolve, reject) => {
    if (!child.send) return reject(new Error('This server was spawned without probe: true.'));
    const done = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error('The probe did not answer within 10 s.'));
    }, 10_000);
    const onMessage = (message: ProbeStats): void => {
      if (message.type !== 'stats') return;
      done();
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      done();
      reject(new Error(`The server exited (${code ?? signal}) before its probe answered.`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) return onExit(child.exitCode, child.signalCode);
    child.send({ type: 'stats' });
  });
}

/** Resident set size of a process, in bytes. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) * 1024;
}

/** A fresh directory under the OS temp dir (on disk here), removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `botbench-bench-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** CPU time a process has used so far (user + system, all threads), in seconds, read from /proc. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Linux's USER_HZ: /proc counts CPU time in these ticks on every architecture Node runs on. */
const CLOCK_TICKS = 100;

/**
 * Runs the benchmarks, each in its own process, one after another:
 *
 *   node bench/run.ts [--quick] [name …]
 *
 * Names: webhook-throughput, delivery-latency, dom-latency, connections, profile-cost, startup
 * (default: these six), or any other bench/<name>.ts. --quick runs each with tiny sizes, only to prove the scripts work (CI); its
 * figures mean nothing. Exits non-zero if a script failed (crashed, or lost or failed requests),
 * never because a goal was missed: goals are for people reading the tables.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/processes.ts';
import { machine } from './lib/report.ts';

const ALL = ['webhook-throughput', 'delivery-latency', 'dom-latency', 'connections', 'profile-cost', 'startup', 'log-view'] as const;

const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith('--'));
const names = args.filter((arg) => !arg.startsWith('--'));
// Any bench/<name>.ts can be named (e.g. scenarios); without names, the platform's six run.
const unknown = names.filter((name) => !/^[\w-]+$/.test(name) || !existsSync(join(ROOT, 'bench', `${name}.ts`)));
if (unknown.length || flags.some((flag) => flag !== '--quick')) {
  console.error(
    `Usage: node bench/run.ts [--quick] [${ALL.join(' | ')} …]\nUnknown: ${[...unknown, ...flags.filter((f) => f !== '--quick')].join(' ')}`,
  );
  process.exit(2);
}

function run(name: string): Promise<{ code: number; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', `${name}.ts`), ...flags], { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), seconds: (performance.now() - started) / 1000 }));
  });
}

console.log(`# Botbench benchmarks${flags.includes('--quick') ? ' (quick)' : ''}\n\n${machine()}; ${new Date().toISOString()}`);
const started = performance.now();
const failures: string[] = [];
for (const name of names.length ? names : ALL) {
  const { code, seconds } = await run(name);
  console.log(`_${name}: ${seconds.toFixed(1)} s${code ? `, exit code ${code}` : ''}_`);
  if (code) failures.push(name);
}
console.log(`\nAll done in ${((performance.now() - started) / 1000).toFixed(1)} s.${failures.length ? ` Failed: ${failures.join(', ')}.` : ''}`);
process.exitCode = failures.length ? 1 : 0;

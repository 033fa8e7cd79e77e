import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { relative } from 'node:path';

/** Whether this run only proves the script works (`--quick`): tiny sizes, figures not meaningful. */
export const QUICK = process.argv.includes('--quick');

/**
 * `--compare <dir>` (repeatable): other checkouts of Botbench (say, a copy with a change) whose
 * platforms are measured as more sides in the same run, to see a change's effect through the noise.
 */
export function compareRoots(): string[] {
  return process.argv.flatMap((arg, i) => (arg === '--compare' && process.argv[i + 1] ? [process.argv[i + 1]!] : []));
}

/** The machine a figure was measured on; printed with every table. */
export function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return `${availableParallelism()} cores (${model}), ${gib} GiB RAM, Node ${process.version}, ${process.platform}; load average at start ${load}`;
}

/** The command that reproduces this script's figures, as typed from the project root. */
export function command(script: string): string {
  const args = process.argv.slice(2).join(' ');
  return `node ${relative(process.cwd(), script) || script}${args ? ` ${args}` : ''}`;
}

/** Prints what is measured, how to reproduce it, where and when. */
export function printHeader(title: string, script: string, what: string): void {
  console.log(`\n## ${title}${QUICK ? ' (quick mode: sizes too small for the figures to mean anything)' : ''}\n`);
  console.log(what);
  console.log(`\n- Command: \`${command(script)}\``);
  console.log(`- Machine: ${machine()}`);
  console.log(`- Date: ${new Date().toISOString()}\n`);
}

export type Cell = string | number;

/** A Markdown table with aligned columns, ready to paste into docs/benchmarks.md. */
export function printTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? fmt(cell) : cell)));
  const widths = headers.map((header, i) => Math.max(header.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(headers));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of text) console.log(line(row));
  console.log('');
}

/** A number with sensible precision: 3 significant digits under 100, integers (with separators) above. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

export function ms(value: number): string {
  return `${fmt(value)} ms`;
}

export function mb(bytes: number): string {
  return `${fmt(bytes / 1024 ** 2)} MB`;
}

/** figure ÷ baseline, as "0.82×". */
export function ratio(figure: number, baseline: number): string {
  return `${fmt(figure / baseline)}×`;
}

/** "met" or "missed" against a goal; quick runs say "n/a (quick)". */
export function verdict(met: boolean): string {
  if (QUICK) return 'n/a (quick)';
  return met ? 'met' : '**missed**';
}

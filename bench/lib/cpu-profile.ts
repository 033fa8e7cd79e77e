import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './processes.ts';
import { fmt, printTable } from './report.ts';

const ROOT_URL = `${pathToFileURL(ROOT).href}/`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a project file, Node itself, or V8's own buckets. */
function area(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : `native: ${name || '(anonymous)'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/(deps\/)?/, 'node:').split('/')[0] ?? url;
  return url.startsWith(ROOT_URL) ? url.slice(ROOT_URL.length) : url;
}

/**
 * Prints the self time of every .cpuprofile in `dir`: by area (package, project file, native
 * call such as node:sqlite's StatementSync methods, GC) and the top functions.
 */
export function summarizeProfile(dir: string, top = 25): void {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<number, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      self.set(id, (self.get(id) ?? 0) + delta);
      total += delta;
    });
    const areas = new Map<string, number>();
    const functions = new Map<string, number>();
    for (const [id, micros] of self) {
      const node = byId.get(id);
      if (!node) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = area(url, functionName);
      areas.set(where, (areas.get(where) ?? 0) + micros);
      const key = `${functionName || '(anonymous)'} ${url ? `${where}:${lineNumber + 1}` : ''}`.trim();
      functions.set(key, (functions.get(key) ?? 0) + micros);
    }
    const busy = total - (areas.get('(idle)') ?? 0);
    const rows = (map: Map<string, number>): (string | number)[][] =>
      [...map]
        .filter(([name]) => name !== '(idle)')
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, micros]) => [name, `${fmt(micros / 1000)} ms`, `${fmt((100 * micros) / busy)} %`]);
    console.log(`${file}: ${fmt(total / 1000)} ms profiled, ${fmt(busy / 1000)} ms busy (not idle).\n`);
    printTable(['Self time by area', 'ms', '% of busy'], rows(areas));
    printTable(['Self time by function', 'ms', '% of busy'], rows(functions));
  }
}

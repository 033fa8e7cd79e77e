import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of every process, from /proc. */
function parents(): Map<number, { ppid: number; name: string }> {
  const map = new Map<number, { ppid: number; name: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so split after the last ')'.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      map.set(Number(entry), { ppid, name });
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

/** Every process below `root` (children, grandchildren, …). */
export function descendants(root = process.pid): { pid: number; name: string }[] {
  const all = parents();
  const found: { pid: number; name: string }[] = [];
  const below = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { ppid, name }] of all) {
      if (below.has(ppid) && !below.has(pid)) {
        below.add(pid);
        found.push({ pid, name });
        grew = true;
      }
    }
  }
  return found;
}

/**
 * Proportional set size of a process in bytes: its private memory plus its share of memory it
 * shares with others, so summing it over Chromium's many processes does not count shared
 * libraries once per process as RSS would.
 */
export function pssOf(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = /^Pss:\s+(\d+)/m.exec(text)?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}

/** PSS summed over this process's descendants whose name matches (e.g. /chrom/). */
export function descendantsPss(match: RegExp): { bytes: number; processes: number } {
  const matching = descendants().filter((p) => match.test(p.name));
  return { bytes: matching.reduce((sum, p) => sum + pssOf(p.pid), 0), processes: matching.length };
}

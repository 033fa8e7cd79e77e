import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG } from '../../main/findings/catalog.ts';

const doc = readFileSync('docs/own-site.md', 'utf8');

describe('docs/own-site.md', () => {
  it('lists every finding code of the catalog with its severity, and no code that does not exist', () => {
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)`\s*\| (error|warning|info)\s*\|/gm)].map((m) => [m[1]!, m[2]!] as const);
    const documented = Object.fromEntries(rows.filter(([code]) => !code.startsWith('CSP_')));
    expect(documented).toEqual(Object.fromEntries(Object.entries(FINDING_CATALOG).map(([code, entry]) => [code, entry.severity])));
    // The CSP helper's codes are in the table too.
    expect(rows.map(([code]) => code)).toEqual(expect.arrayContaining(['CSP_BLOCKS_FLOWXO_SCRIPT', 'CSP_BLOCKS_FLOWXO_SOCKET']));
  });
});

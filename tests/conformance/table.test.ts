import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_ROWS, renderTable } from './rows.ts';

// docs/api.md's conformance table is CONFORMANCE_ROWS, and every row names a test that exists:
// the table cannot claim what the suite does not check.

const START = '<!-- conformance-table:start -->';
const END = '<!-- conformance-table:end -->';

/** The cells of each body row of a Markdown table (prettier may pad them; an escaped \| stays in its cell). */
function tableCells(markdown: string): string[][] {
  return markdown
    .trim()
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\\|/g, '|')),
    );
}

describe('docs/api.md conformance table', () => {
  const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

  it('lists exactly the rows of tests/conformance/rows.ts', () => {
    const start = docs.indexOf(START);
    const end = docs.indexOf(END);
    expect(start, `docs/api.md needs ${START} … ${END} around the table`).toBeGreaterThan(-1);
    const documented = tableCells(docs.slice(start + START.length, end));
    const expected = CONFORMANCE_ROWS.map((row) => [row.article, row.surface, row.status, row.note, row.test]);
    expect(documented, `paste this table into docs/api.md:\n${renderTable()}`).toEqual(expected);
  });

  it('names, for every row, a test the conformance suite runs', () => {
    const sources = ['./conformance.test.ts', '../browser/widget-bad-input.test.ts'].map((file) =>
      readFileSync(new URL(file, import.meta.url), 'utf8'),
    );
    for (const row of CONFORMANCE_ROWS) {
      const quoted = [`'${row.test}'`, `"${row.test}"`];
      expect(
        sources.some((source) => quoted.some((title) => source.includes(title))),
        `no test titled ${JSON.stringify(row.test)}`,
      ).toBe(true);
    }
  });

  it('says why for every row that is not plainly supported', () => {
    for (const row of CONFORMANCE_ROWS.filter((r) => r.status !== 'supported')) expect(row.note, row.surface).not.toBe('');
  });
});

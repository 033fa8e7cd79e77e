import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../main/platform/errors.ts';

const doc = readFileSync('docs/api.md', 'utf8');

describe('docs/api.md', () => {
  it('lists every error code with its status, and no code that does not exist', () => {
    const documented = [...doc.matchAll(/^\| `(BOTBENCH_ERR_[A-Z_]+)`\s*\| (\d{3})/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(Object.entries(errorCodes).map(([code, { status }]) => [code, status])));
  });
});

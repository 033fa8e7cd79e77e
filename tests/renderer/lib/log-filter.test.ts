import { describe, expect, it } from 'vitest';
import { EMPTY_LOG_FILTER, filterLog, indexOfSeq, narrows, type LogFilterState } from '../../../renderer/src/lib/log-filter.ts';
import { BOT_ID, makeLogEntry } from '../fixtures.ts';

const OTHER_BOT = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const entries = [
  makeLogEntry(5, { kind: 'webhook', status: 'refused', summary: 'Webhook refused: no such user', responsePath: `${BOT_ID}/c/User123` }),
  makeLogEntry(4, {
    kind: 'connect',
    status: 'success',
    summary: 'New anonymous visitor connected',
    detail: { page: 'https://shop.example/Checkout' },
  }),
  makeLogEntry(3, { kind: 'message_in', botId: OTHER_BOT, responsePath: `${OTHER_BOT}/c/n_x`, summary: 'Hello there' }),
  makeLogEntry(2, { kind: 'reset', status: 'refused', responsePath: null, summary: 'Reset refused' }),
];

describe('filterLog()', () => {
  it('returns the very same array when nothing filters', () => {
    expect(filterLog(entries, EMPTY_LOG_FILTER)).toBe(entries);
  });

  it('keeps order and matches bot, kind and status exactly', () => {
    expect(filterLog(entries, { ...EMPTY_LOG_FILTER, status: 'refused' }).map((e) => e.seq)).toEqual([5, 2]);
    expect(filterLog(entries, { ...EMPTY_LOG_FILTER, botId: OTHER_BOT }).map((e) => e.seq)).toEqual([3]);
    expect(filterLog(entries, { ...EMPTY_LOG_FILTER, kind: 'connect' }).map((e) => e.seq)).toEqual([4]);
  });

  it('matches the response path as a case-insensitive substring, leaving out entries without one', () => {
    expect(filterLog(entries, { ...EMPTY_LOG_FILTER, responsePath: 'user123' }).map((e) => e.seq)).toEqual([5]);
    expect(filterLog(entries, { ...EMPTY_LOG_FILTER, responsePath: '/c/' }).map((e) => e.seq)).toEqual([5, 4, 3]);
  });

  it('finds every free-text word in summary, path or detail, in any order and case', () => {
    expect(filterLog(entries, { ...EMPTY_LOG_FILTER, text: 'checkout ANONYMOUS' }).map((e) => e.seq)).toEqual([4]);
    expect(filterLog(entries, { ...EMPTY_LOG_FILTER, text: 'refused user' }).map((e) => e.seq)).toEqual([5]);
    expect(filterLog(entries, { ...EMPTY_LOG_FILTER, text: 'nowhere' })).toEqual([]);
  });

  // How fast is measured in bench/log-view.ts (no timing assertions in npm test); this checks the 100k case is right.
  it('filters 100k entries in one pass, finding every match', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => makeLogEntry(100_000 - i, { summary: i % 1000 === 0 ? 'needle here' : 'hay' }));
    filterLog(many, { ...EMPTY_LOG_FILTER, text: 'warm' }); // builds the lowercase haystacks once
    const found = filterLog(many, { ...EMPTY_LOG_FILTER, text: 'needle' });
    expect(found).toHaveLength(100);
    expect(found.every((entry) => entry.summary === 'needle here')).toBe(true);
  });
});

describe('narrowing from the last result', () => {
  const f = (text: string, more: Partial<LogFilterState> = {}): LogFilterState => ({ ...EMPTY_LOG_FILTER, text, ...more });

  it('knows which filters can only keep fewer entries', () => {
    expect(narrows(f('en'), f('entry 1'))).toBe(true);
    expect(narrows(f('refused user'), f('user refused checkout'))).toBe(true);
    expect(narrows(f(''), f('x'))).toBe(true);
    expect(narrows(f('entry 12'), f('entry 1'))).toBe(false);
    expect(narrows(f('webhook'), f('refused'))).toBe(false);
    expect(narrows(f('x', { status: 'refused' }), f('x'))).toBe(false);
    expect(narrows(f('x', { responsePath: '/c/' }), f('x', { responsePath: '/c/user' }))).toBe(true);
    expect(narrows(f('x', { responsePath: '/c/user' }), f('x', { responsePath: '/c/' }))).toBe(false);
  });

  it('gives, keystroke after keystroke, exactly what a fresh pass over every entry gives', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      makeLogEntry(300 - i, {
        kind: i % 3 ? 'webhook' : 'connect',
        status: i % 4 ? 'delivered' : 'refused',
        summary: `Entry ${i} for visitor ${i % 17}`,
      }),
    );
    const typed = ['e', 'en', 'entry 1', 'entry 12', 'entry 1', 'visitor', 'visitor 1', 'visitor 16', 'refused', 'refused visitor 3', ''];
    for (const status of ['', 'refused'] as const) {
      for (const text of typed) {
        const filter = f(text, { status });
        const fresh = [...many].filter((entry) => filterLog([entry], filter).length === 1);
        expect(filterLog(many, filter).map((e) => e.seq)).toEqual(fresh.map((e) => e.seq));
      }
    }
  });
});

describe('indexOfSeq()', () => {
  it('finds a seq in newest-first entries, or -1', () => {
    expect(indexOfSeq(entries, 3)).toBe(2);
    expect(indexOfSeq(entries, 5)).toBe(0);
    expect(indexOfSeq(entries, 9)).toBe(-1);
  });
});

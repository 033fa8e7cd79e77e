import { describe, expect, it } from 'vitest';
import { csvField, logToCsv, toCsv } from '../../../renderer/src/lib/csv.ts';
import { makeLogEntry } from '../fixtures.ts';

describe('csvField()', () => {
  it('leaves plain text alone', () => {
    expect(csvField('hello')).toBe('hello');
    expect(csvField(42)).toBe('42');
  });

  it('quotes text with commas, quotes or line breaks, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes null and undefined as empty fields and objects as JSON', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField({ a: 1, b: 'x,y' })).toBe('"{""a"":1,""b"":""x,y""}"');
  });
});

describe('toCsv()', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          ['y, z', null],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n"y, z",\r\n');
  });
});

describe('logToCsv()', () => {
  it('writes one row per entry with ISO time and the detail as JSON', () => {
    const csv = logToCsv([makeLogEntry(7, { summary: 'He said "hi", twice', detail: { text: 'hi\nthere' } })]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('seq,time,kind,status,botId,responsePath,summary,detail');
    expect(row).toContain('7,2023-11-14T22:13:27.000Z,message_in,success,');
    expect(row).toContain('"He said ""hi"", twice"');
    expect(csv).toContain('"{""text"":""hi\\nthere""}"');
  });
});

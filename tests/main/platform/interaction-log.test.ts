import { describe, expect, it } from 'vitest';
import { InteractionLog } from '../../../main/platform/interaction-log.ts';
import type { LogEntry } from '../../../main/platform/model.ts';
import { openDatabase } from '../../../main/platform/storage/database.ts';

describe('InteractionLog.appendAll()', () => {
  it('stores entries in order with one statement, each with its own seq, and tells the listener of each', () => {
    const heard: LogEntry[] = [];
    const log = new InteractionLog(openDatabase(null), (entry) => heard.push(entry));
    log.append({ kind: 'bot', status: 'success', summary: 'before' });
    const stored = log.appendAll(
      [
        { botId: 'b', responsePath: 'b/c/u', kind: 'webhook', status: 'queued', summary: 'first', detail: { n: 1 } },
        { botId: 'b', responsePath: 'b/c/u', kind: 'flow', status: 'success', summary: 'second' },
        { kind: 'reset', status: 'refused', summary: 'third' },
      ],
      1234,
    );
    expect(stored.map((entry) => entry.seq)).toEqual([2, 3, 4]);
    expect(heard.map((entry) => entry.summary)).toEqual(['before', 'first', 'second', 'third']);
    // What a later query reads back is what was handed to the listener.
    expect(log.query({ limit: 3 }).reverse()).toEqual(stored);
    expect(stored[0]).toEqual({
      seq: 2,
      at: 1234,
      botId: 'b',
      responsePath: 'b/c/u',
      kind: 'webhook',
      status: 'queued',
      summary: 'first',
      detail: { n: 1 },
    });
    expect(log.appendAll([])).toEqual([]);
    // A long list goes in several statements, still in order with consecutive seqs.
    const many = log.appendAll(Array.from({ length: 40 }, (_, i) => ({ kind: 'bot' as const, status: 'success' as const, summary: `n${i}` })));
    expect(many.map((entry) => entry.seq)).toEqual(Array.from({ length: 40 }, (_, i) => 5 + i));
    expect(log.query({ limit: 40 }).map((entry) => entry.summary)).toEqual(Array.from({ length: 40 }, (_, i) => `n${39 - i}`));
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { BotStore } from '../../../main/platform/bots.ts';
import { DeliveryQueue } from '../../../main/platform/delivery-queue.ts';
import { openDatabase } from '../../../main/platform/storage/database.ts';
import { TranscriptStore } from '../../../main/platform/transcripts.ts';
import { UserStore } from '../../../main/platform/users.ts';

describe('DeliveryQueue', () => {
  let queue: DeliveryQueue;
  let transcripts: TranscriptStore;
  let path: string;
  let other: string;

  beforeEach(() => {
    const db = openDatabase(null);
    const bot = new BotStore(db, () => 'http://127.0.0.1:1').create({ name: 'Queue bot' });
    const users = new UserStore(db, () => 0);
    path = users.connect(bot.botId, 'n_alice00', 'anonymous', {}).user.responsePath;
    other = users.connect(bot.botId, 'n_bob0000', 'anonymous', {}).user.responsePath;
    queue = new DeliveryQueue(db);
    transcripts = new TranscriptStore(db);
  });

  it('holds outbound messages in the order they were sent, per user', () => {
    for (const text of ['one', 'two', 'three']) transcripts.append(path, 'out', 'webhook', text);
    transcripts.append(other, 'out', 'webhook', 'for bob');
    expect(queue.pending(path).map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect(queue.pending(other).map((m) => m.text)).toEqual(['for bob']);
  });

  it('never queues what the visitor sent', () => {
    transcripts.append(path, 'in', 'widget', 'hello');
    expect(queue.size(path)).toBe(0);
  });

  it('drops a message once acknowledged, and only that one', () => {
    const [a, b] = ['a', 'b'].map((text) => transcripts.append(path, 'out', 'bot', text));
    expect(queue.ack(path, [a!.id])).toBe(1);
    expect(queue.pending(path).map((m) => m.id)).toEqual([b!.id]);
    expect(transcripts.history(path).map((m) => m.text)).toEqual(['a']);
  });

  it('ignores repeated acks and acks for another user’s messages', () => {
    const mine = transcripts.append(path, 'out', 'bot', 'mine');
    const theirs = transcripts.append(other, 'out', 'bot', 'theirs');
    expect(queue.ack(path, [mine.id, mine.id, theirs.id, 'unknown'])).toBe(1);
    expect(queue.size(other)).toBe(1);
  });
});

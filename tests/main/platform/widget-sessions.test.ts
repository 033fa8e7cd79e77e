import { describe, expect, it } from 'vitest';
import { Hub, type WidgetConnection } from '../../../main/platform/hub.ts';
import { WidgetSessions, type Identity } from '../../../main/platform/widget-sessions.ts';

const connection = (id: string): WidgetConnection => ({ id, send: () => undefined });
const identity: Identity = {
  botId: '5852754509ac70000c104b80',
  channelId: 'n_abc',
  responsePath: '5852754509ac70000c104b80/c/n_abc',
  kind: 'anonymous',
  metadata: {},
};

describe('WidgetSessions', () => {
  it('refuses a frame from a connection that has not said hello', () => {
    const sessions = new WidgetSessions(new Hub());
    expect(sessions.get(connection('a'))).toBeUndefined();
    expect(() => sessions.require(connection('a'))).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_NOT_CONNECTED' }));
  });

  it('makes an attached connection reachable by its response path, and forgets it when detached', () => {
    const hub = new Hub();
    const sessions = new WidgetSessions(hub);
    const [a, b] = [connection('a'), connection('b')];
    sessions.attach(a, identity);
    sessions.attach(b, identity);
    expect(sessions.require(a)).toBe(identity);
    expect(hub.count(identity.responsePath)).toBe(2);
    sessions.detach(a, identity);
    expect(sessions.get(a)).toBeUndefined();
    expect(sessions.require(b)).toBe(identity);
    expect(hub.count(identity.responsePath)).toBe(1);
  });
});

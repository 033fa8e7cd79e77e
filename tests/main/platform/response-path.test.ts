import { describe, expect, it } from 'vitest';
import { BotbenchError } from '../../../main/platform/errors.ts';
import { formatResponsePath, parseResponsePath, tryParseResponsePath } from '../../../main/platform/response-path.ts';

const botId = '5852754509ac70000c104b80';

describe('formatResponsePath()', () => {
  it('joins Bot ID and Channel ID with /c/', () => {
    expect(formatResponsePath(botId, 'User123')).toBe('5852754509ac70000c104b80/c/User123');
  });
});

describe('parseResponsePath()', () => {
  it('reads the Bot ID and Channel ID back', () => {
    expect(parseResponsePath(`${botId}/c/n_QVIUyPr`)).toEqual({ botId, channelId: 'n_QVIUyPr' });
  });

  it('round-trips what formatResponsePath() builds', () => {
    for (const channelId of ['User123', 'n_QVIUyPr', 'a@b.example', 'ümlaut-Ω']) {
      expect(parseResponsePath(formatResponsePath(botId, channelId))).toEqual({ botId, channelId });
    }
  });

  it.each([
    ['no /c/ marker', `${botId}/User123`, '"/c/" is missing'],
    ['a short Bot ID', '5852754509ac/c/User123', 'is not 24 lowercase hex'],
    ['an uppercase Bot ID', `${botId.toUpperCase()}/c/User123`, 'is not 24 lowercase hex'],
    ['an empty Channel ID', `${botId}/c/`, 'Channel ID ""'],
    ['a Channel ID with a space', `${botId}/c/User 123`, 'whitespace'],
    ['a Channel ID with a slash', `${botId}/c/a/b`, 'whitespace'],
    ['a Channel ID with a control character', `${botId}/c/a\u0000b`, 'control characters'],
    ['an over-long Channel ID', `${botId}/c/${'x'.repeat(129)}`, 'over 128 characters'],
  ])('rejects %s with a message showing the expected form', (_label, input, reason) => {
    let error: unknown;
    try {
      parseResponsePath(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BotbenchError);
    const botbench = error as BotbenchError;
    expect(botbench.code).toBe('BOTBENCH_ERR_RESPONSE_PATH');
    expect(botbench.status).toBe(400);
    expect(botbench.message).toContain('{Bot ID}/c/{Channel ID}');
    expect(botbench.message).toContain(reason);
  });

  it('rejects a value that is not a string', () => {
    expect(tryParseResponsePath(42)).toEqual({ ok: false, reason: 'expected a string, got 42' });
  });
});

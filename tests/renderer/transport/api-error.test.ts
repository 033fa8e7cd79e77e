import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from '../../../renderer/src/transport/api-error.ts';

describe('toApiError()', () => {
  it('keeps the fields of an error payload', () => {
    const error = toApiError({ code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: 'No bot.', field: 'botId' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: 'No bot.', field: 'botId' });
  });

  it('finds the code in the text of an Electron invoke error', () => {
    const error = toApiError(new Error("Error invoking remote method 'profiles.open': Error: BOTBENCH_ERR_BROWSER: Chromium did not start"));
    expect(error).toMatchObject({ code: 'BOTBENCH_ERR_BROWSER', message: 'Chromium did not start' });
  });

  it('gives an unknown code to anything else', () => {
    expect(toApiError('boom')).toMatchObject({ code: 'BOTBENCH_ERR_UNKNOWN', message: 'boom' });
  });
});

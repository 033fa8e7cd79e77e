import { describe, expect, it } from 'vitest';
import { attempt } from '../../../renderer/src/store/attempt.ts';

describe('attempt()', () => {
  const reporter = () => {
    const reported: Array<{ error: unknown; title: string }> = [];
    return { reported, get: () => ({ reportError: (error: unknown, title: string) => void reported.push({ error, title }) }) };
  };

  it('answers what the action answered, and reports nothing', async () => {
    const { reported, get } = reporter();
    await expect(attempt(get, 'Could not save', async () => 42, null)).resolves.toBe(42);
    expect(reported).toEqual([]);
  });

  it('reports a failure under its title and answers the fallback instead of rejecting', async () => {
    const { reported, get } = reporter();
    const failure = { code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: 'No such bot.' };
    await expect(
      attempt(
        get,
        'Could not save',
        async () => {
          throw failure;
        },
        false,
      ),
    ).resolves.toBe(false);
    expect(reported).toEqual([{ error: failure, title: 'Could not save' }]);
  });
});

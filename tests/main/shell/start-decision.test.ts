import { describe, expect, it } from 'vitest';
import { decideStart, type StartFacts } from '../../../main/shell/start-decision.ts';

const facts = (change: Partial<StartFacts>): StartFacts => ({
  electronExecutable: null,
  installAttempt: null,
  forceBrowser: false,
  hasDisplay: true,
  ...change,
});

describe('decideStart()', () => {
  it('launches Electron when its binary is installed', () => {
    expect(decideStart(facts({ electronExecutable: '/x/electron' }))).toEqual({ mode: 'electron', executable: '/x/electron' });
  });

  it('tries to fetch the binary once when it is missing', () => {
    expect(decideStart(facts({}))).toEqual({ mode: 'install-then-electron' });
  });

  it('falls back to browser mode with the reason when fetching failed', () => {
    expect(decideStart(facts({ installAttempt: { error: 'getaddrinfo ENOTFOUND github.com' } }))).toEqual({
      mode: 'browser',
      reason: 'the Electron binary is not installed and could not be fetched (getaddrinfo ENOTFOUND github.com)',
    });
  });

  it('uses browser mode without a display, or when asked to', () => {
    expect(decideStart(facts({ electronExecutable: '/x/electron', hasDisplay: false })).mode).toBe('browser');
    expect(decideStart(facts({ electronExecutable: '/x/electron', forceBrowser: true }))).toEqual({
      mode: 'browser',
      reason: 'BOTBENCH_BROWSER_MODE is set',
    });
  });
});

/** What `npm start` found, and so what it does. */
export type StartDecision = { mode: 'electron'; executable: string } | { mode: 'install-then-electron' } | { mode: 'browser'; reason: string };

export interface StartFacts {
  /** The Electron binary's path, if the electron package has one installed. */
  electronExecutable: string | null;
  /** Whether an attempt to fetch the binary was already made in this run, and its error. */
  installAttempt: { error: string } | null;
  /** BOTBENCH_BROWSER_MODE=1 forces browser mode. */
  forceBrowser: boolean;
  /** Linux without DISPLAY or WAYLAND_DISPLAY cannot show a window. */
  hasDisplay: boolean;
}

/** Electron when it can run; otherwise browser mode, with the reason in one line. */
export function decideStart(facts: StartFacts): StartDecision {
  if (facts.forceBrowser) return { mode: 'browser', reason: 'BOTBENCH_BROWSER_MODE is set' };
  if (!facts.hasDisplay) return { mode: 'browser', reason: 'no display to show a desktop window on' };
  if (facts.electronExecutable) return { mode: 'electron', executable: facts.electronExecutable };
  if (!facts.installAttempt) return { mode: 'install-then-electron' };
  return { mode: 'browser', reason: `the Electron binary is not installed and could not be fetched (${facts.installAttempt.error})` };
}

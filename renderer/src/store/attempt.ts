/** What attempt() needs of the store: the one way a failure reaches the tester. */
interface Reporter {
  reportError(error: unknown, title: string): void;
}

/**
 * Runs one store action against main: its result, or, when it fails, the failure reported under
 * `title` (a toast with the error's code and message) and `fallback` in its place. The slices'
 * actions use it instead of each repeating try/catch/report.
 */
export async function attempt<T, F>(get: () => Reporter, title: string, work: () => Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await work();
  } catch (error) {
    get().reportError(error, title);
    return fallback;
  }
}

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/setup/global-setup.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/browser/**', 'tests/conformance/conformance.test.ts', 'tests/e2e/**', 'tests/bench/**'],
          environment: 'node',
          // Type-only tests (*.test-d.ts) are checked by the compiler, not run: they fail to compile when a type drifts.
          typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'], tsconfig: 'tsconfig.test.json' },
        },
      },
      {
        extends: true,
        // Real Chromium (and the quick benchmarks): one file at a time so two cores are not shared by several browsers.
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts', 'tests/conformance/conformance.test.ts', 'tests/e2e/**/*.test.ts', 'tests/bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // What a page shows can take seconds on a loaded 2-core machine; a poll still ends as soon as it holds.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});

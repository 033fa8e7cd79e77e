// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'url',
  'util',
  'worker_threads',
];

/**
 * The layers, enforced here rather than by review (see docs/architecture.md):
 * - main/platform runs headless: no electron, nothing from renderer/, profiles/ or api/.
 * - renderer/ is a browser page: no Node, no electron; from main/ only types.
 * - the widget (renderer/widget) imports nothing but its own files and main/common.
 * - preload/ reaches main only through the contract.
 */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Pure: the platform, the workbench UI and the widget bundle all import it.
    files: ['main/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./[\\w-]+\\.ts$)',
              message: 'main/common is pure (no Node, no DOM, no packages): it imports only its own files.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'window', 'document', 'require'],
    },
  },
  {
    files: ['main/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/platform runs headless and in plain Node tests: it must not import electron.' }],
          patterns: [
            { group: ['**/renderer/**'], message: 'main/platform must not import from renderer/.' },
            {
              group: ['**/profiles/**', '**/api/**', '../**/index.ts'],
              message: 'main/platform is the bottom layer: profiles/ and api/ build on it, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/lab/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/lab (the identity lab) runs headless and in plain Node tests: it must not import electron.' }],
          patterns: [
            { group: ['**/renderer/**'], message: 'main/lab must not import from renderer/.' },
            {
              group: ['**/profiles/**', '!**/profiles/types.ts', '**/api/**'],
              message: 'main/lab is given profile snapshots (profiles/types.ts); it builds on the platform, and api/ builds on it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/widget/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches main only through the typed contract (main/api/contract.ts).' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is a browser page: no Node modules.' },
            {
              // Besides the contract's types, the pure ID and response-path rules: one module parses response paths (DESIGN.md).
              regex:
                '(^|/)main/(?!api/contract\\.ts$|platform/model\\.ts$|platform/flows/schema\\.ts$|(scenarios|profiles|lab|workspace)/types\\.ts$|common/[\\w-]+\\.ts$)',
              message: 'The renderer may import only the contract and domain types, and the pure main/common modules, from main/.',
            },
            {
              regex: '(^|/)main/(api/contract|platform/model|platform/flows/schema|(scenarios|profiles|lab|workspace)/types)\\.ts$',
              allowTypeImports: true,
              message: 'Import the contract as types only (import type …).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/widget/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|\\.\\./\\.\\./main/common/[\\w-]+\\.ts$)',
              message:
                'The widget (embed.js) imports nothing but its own files and the pure main/common, so its bundle stays small and self-contained.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/platform/**', '**/profiles/**'],
              message: 'preload exposes the typed client only; it imports electron and main/api, nothing else.',
            },
          ],
        },
      ],
    },
  },
);

// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import { layersRule } from './eslint/layers.js';

/** The types a browser page (the workbench UI) may import from main: types only, never code. */
const domainTypes = [
  'main/api/contract.ts',
  'main/platform/model.ts',
  'main/platform/flows/schema.ts',
  'main/profiles/types.ts',
  'main/lab/types.ts',
  'main/scenarios/types.ts',
  'main/workspace/types.ts',
  'main/findings/types.ts',
].map((path) => ({ path, typeOnly: true }));

/**
 * The layers (docs/architecture.md), as VS Code's code-layering does it: each row names what a
 * folder MAY import, and everything else is refused (eslint/layers.js). Lower rows build on
 * higher ones; nothing imports tests/ or bench/, and no domain folder imports main/api/.
 * @type {Array<import('./eslint/layers.js').Layer & { files: string[], ignores?: string[] }>}
 */
export const LAYERS = [
  // Pure: no Node, no DOM, no packages. The platform, the workbench UI and the widget bundle import it.
  { layer: 'main/common', files: ['main/common/**/*.ts'], own: ['main/common/'], may: [] },
  // Site integration findings: pure rules over what a page did (recorded messenger calls, its CSP); no Node, no DOM.
  { layer: 'main/findings', files: ['main/findings/**/*.ts'], own: ['main/findings/'], may: ['main/common/'] },
  // The mock bot platform runs headless, in plain Node tests too: no electron, nothing above it.
  {
    layer: 'main/platform',
    files: ['main/platform/**/*.ts'],
    own: ['main/platform/'],
    may: ['main/common/'],
    node: true,
    packages: ['zod', 'fastify', 'fastify-type-provider-zod', 'nanoid', 'ws', 'standardwebhooks', 'liquidjs'],
  },
  // Browser profiles: the Chromium and Electron adapters (the latter names its partitions and view bounds through shell/).
  {
    layer: 'main/profiles',
    files: ['main/profiles/**/*.ts'],
    own: ['main/profiles/'],
    may: ['main/findings/', 'main/common/', 'main/platform/', 'main/shell/partitions.ts', 'main/shell/bounds.ts'],
    node: true,
    electron: true,
    packages: ['playwright-core', 'nanoid', 'zod'],
  },
  // The identity lab: given profile snapshots, it builds on the platform; api/ builds on it.
  {
    layer: 'main/lab',
    files: ['main/lab/**/*.ts'],
    own: ['main/lab/'],
    may: ['main/common/', 'main/platform/', { path: 'main/profiles/types.ts', typeOnly: true }],
    node: true,
    packages: ['nanoid'],
  },
  // Identity scenarios: run against the platform and profiles, headless (a scenario may take its bot from a workspace file).
  {
    layer: 'main/scenarios',
    files: ['main/scenarios/**/*.ts'],
    own: ['main/scenarios/'],
    may: ['main/findings/', 'main/common/', 'main/platform/', 'main/profiles/', 'main/workspace/'],
    node: true,
    packages: ['zod', 'yaml', 'nanoid'],
  },
  // The workbench's own storage (workspace SQLite, workspace.json, webhook history) and its one-file export.
  {
    layer: 'main/workspace',
    files: ['main/workspace/**/*.ts'],
    own: ['main/workspace/'],
    may: ['main/common/', 'main/platform/'],
    node: true,
    packages: ['zod', 'yaml', 'nanoid'],
  },
  // The Electron shell's own logic, kept pure for Node tests (electron itself is used by main/index.ts).
  {
    layer: 'main/shell',
    files: ['main/shell/**/*.ts'],
    own: ['main/shell/'],
    may: ['main/common/', { path: 'main/profiles/types.ts', typeOnly: true }],
  },
  // The contract and its implementation: the one door between the UI and everything below.
  {
    layer: 'main/api',
    files: ['main/api/**/*.ts'],
    own: ['main/api/'],
    may: ['main/findings/', 'main/common/', 'main/platform/', 'main/profiles/', 'main/lab/', 'main/scenarios/', 'main/workspace/', 'main/shell/'],
    node: true,
    electron: true,
    // The webhook composer's interchange: Postman's cURL parser, the HAR 1.2 schema and its validator.
    packages: ['zod', 'ws', 'nanoid', 'liquidjs', 'curl-to-postmanv2', 'ajv', 'ajv-formats', 'har-schema'],
  },
  // Browser mode's UI server: serves the built UI and carries the contract over WebSocket.
  {
    layer: 'main/browser-mode',
    files: ['main/browser-mode/**/*.ts'],
    own: ['main/browser-mode/'],
    may: ['main/common/', 'main/platform/', 'main/api/'],
    node: true,
    packages: ['fastify', '@fastify/static', 'ws'],
  },
  // Entry points: they put the house together.
  {
    layer: 'main/cli',
    files: ['main/cli/**/*.ts'],
    own: ['main/cli/'],
    may: [
      'main/findings/',
      'main/common/',
      'main/platform/',
      'main/profiles/',
      'main/lab/',
      'main/scenarios/',
      'main/workspace/',
      'main/shell/',
      'main/api/',
      'main/browser-mode/',
      'main/workbench.ts',
    ],
    node: true,
    packages: '*',
  },
  {
    layer: 'main (entry)',
    files: ['main/*.ts'],
    own: ['main/index.ts', 'main/workbench.ts'],
    may: [
      'main/findings/',
      'main/common/',
      'main/platform/',
      'main/profiles/',
      'main/lab/',
      'main/scenarios/',
      'main/workspace/',
      'main/shell/',
      'main/api/',
    ],
    node: true,
    electron: true,
  },
  // contextBridge: the contract's method list and types, electron's renderer side, nothing raw.
  { layer: 'preload', files: ['preload/**/*.ts'], own: ['preload/'], may: ['main/api/contract.ts'], electron: true },
  // A browser page: no Node, no electron; from main/ the pure common module and types only.
  {
    layer: 'renderer/src',
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    own: ['renderer/src/'],
    may: ['main/common/', ...domainTypes, { path: 'preload/botbench.d.ts', typeOnly: true }, 'docs/samples/'],
    packages: ['react', 'react-dom', 'zustand', '@tanstack/react-virtual'],
  },
  // embed.js on a customer's site: its own files and the pure common module, so the bundle stays small and self-contained.
  { layer: 'renderer/widget', files: ['renderer/widget/**/*.ts'], own: ['renderer/widget/'], may: ['main/common/'] },
  // Benchmarks drive the real platform, profiles and scenarios from outside.
  {
    layer: 'bench',
    files: ['bench/**/*.ts'],
    own: ['bench/'],
    may: ['main/findings/', 'main/common/', 'main/platform/', 'main/profiles/', 'main/scenarios/', 'main/api/', 'main/workspace/', 'main/lab/'],
    node: true,
    packages: '*',
  },
  // Tests import what they test (and their mocks), never the build output.
  {
    layer: 'tests',
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    own: ['tests/'],
    may: ['main/', 'preload/', 'renderer/', 'bench/', 'docs/', 'eslint/', 'eslint.config.js', 'package.json'],
    node: true,
    electron: true,
    packages: '*',
  },
];

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
    // main/common is pure: no Node or DOM globals either.
    files: ['main/common/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'Buffer', 'process', 'window', 'document', 'require'] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { plugins: { botbench: { rules: { layers: layersRule } } } },
  ...LAYERS.map(({ files, ...layer }) => ({ files, rules: { 'botbench/layers': ['error', layer] } })),
);

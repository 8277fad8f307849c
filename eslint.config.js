// Lint rules, including the layering of docs/architecture.md: the engine never sees React, zustand
// or the UI, the engines (cpu/, gpu/, ops/) never use the float64 reference they are tested against,
// and the UI never touches the GPU or the engines directly (only the composition root does); and no
// import cycles among the source files (import-x skips type-only imports by design; there are none
// of those in cycles either, docs/architecture.md says how to check).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const engineOnly = ['**/engine/gpu/**', '**/engine/ops/**', '**/engine/cpu/**', '**/engine/reference/**'];

/** What no engine module imports (rule options replace each other, so the zones below repeat them). */
const enginePatterns = [
  {
    group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'],
    message: 'The engine is plain TypeScript: no React, zustand or charts.',
  },
  {
    group: ['**/ui/**', '**/state/**', '**/app/**'],
    message: 'The engine must not depend on the UI, store or app layers.',
  },
];

/** What neither the store nor the UI imports: engines and the GPU, and the composition root. */
const pagePatterns = [
  { group: engineOnly, message: 'UI and store never touch engines or the GPU; go through the store and src/app.' },
  { group: ['**/app/**'], message: 'Only src/app wires the layers together.' },
];

/** The rooms of src/ui and the rooms each may import besides its own, parts/ and chart/. */
const ROOMS = ['chart', 'parts', 'race', 'setup', 'runs', 'meaning'];
const uiRooms = [
  { room: 'chart', may: [], message: 'The chart kit is generic: it imports no room of the page.' },
  { room: 'parts', may: ['chart'], message: 'Parts are small shared pieces: they import no room of the page.' },
  ...['race', 'setup', 'runs', 'meaning'].map((room) => ({
    room,
    may: ['chart', 'parts'],
    message: 'A room never imports another room (App composes them): move what both need to parts/.',
  })),
];

export default tseslint.config(
  { ignores: ['**/*.tmp.mjs', 'dist', 'node_modules', 'test-results', 'playwright-report', '.shots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.js'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  { files: ['src/engine/**'], rules: { 'no-restricted-imports': ['error', { patterns: enginePatterns }] } },
  {
    // The engines are tested against the float64 reference, so they never run its code: what both
    // need (constants, the update rules, host metrics) lives in engine modules both import. Their
    // tests compare with it.
    files: ['src/engine/cpu/**', 'src/engine/gpu/**', 'src/engine/ops/**'],
    ignores: ['**/*.test.ts', '**/*.deno.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...enginePatterns,
            {
              group: ['**/reference/**', '**/testing/**'],
              message:
                'Engines never import the float64 reference (or the test harness): shared code lives in src/engine.',
            },
          ],
        },
      ],
    },
  },
  // The store and the UI never touch engines or the GPU (src/app wires them); the store never
  // imports exports (an export reads the store's state, not the other way round); state's tests
  // (and their harness, state/testing/) may run the CPU engine and a session.
  {
    files: ['src/state/**'],
    ignores: ['src/state/**/*.test.ts', 'src/state/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...pagePatterns, { group: ['**/export/**'], message: 'The store never imports exports.' }] },
      ],
    },
  },
  // The UI's rooms (docs/architecture.md): each imports parts/ and chart/ and its own room, never
  // another room's panels (App composes them); the chart kit and parts/ see no room.
  ...uiRooms.map(({ room, may, message }) => ({
    files: [`src/ui/${room}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...pagePatterns,
            {
              group: ROOMS.filter((r) => r !== room && !may.includes(r)).map((r) => `**/${r}/**`),
              message,
            },
            ...(room === 'chart'
              ? [
                  {
                    group: ['**/state/store*', '**/state/slices/**', '**/storeContext*'],
                    message: 'The chart kit never reads the store: a chart is given its rows and series.',
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
  { files: ['src/ui/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: pagePatterns }] } },
  {
    // Exports (the PyTorch script) are made from a configuration alone; their tests may run engines.
    files: ['src/export/**'],
    ignores: ['src/export/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'],
              message: 'Exports are plain TypeScript.',
            },
            {
              group: [...engineOnly, '**/ui/**', '**/app/**'],
              message: 'Exports need a configuration, not engines or UI.',
            },
          ],
        },
      ],
    },
  },
);

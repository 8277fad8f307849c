// Lint rules, including the layering of DESIGN §3: the engine never sees React, zustand or the UI,
// and the UI never touches the GPU or the engines directly (only the composition root does); and no
// import cycles among the source files (import-x skips type-only imports by design; there are none
// of those in cycles either, docs/architecture.md says how to check).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const engineOnly = ['**/engine/gpu/**', '**/engine/ops/**', '**/engine/cpu/**', '**/engine/reference/**'];

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
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'],
              message: 'The engine is plain TypeScript: no React, zustand or charts.',
            },
            {
              group: ['**/ui/**', '**/state/**', '**/app/**'],
              message: 'The engine must not depend on the UI, store or app layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**', 'src/state/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: engineOnly,
              message: 'UI and store never touch engines or the GPU; go through the store and src/app.',
            },
            { group: ['**/app/**'], message: 'Only src/app wires the layers together.' },
          ],
        },
      ],
    },
  },
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

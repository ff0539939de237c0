// ESLint 9 flat config. Formatting is Prettier's job (.prettierrc.json); nothing here checks layout.
// The typescript-eslint rules are the syntax-only set: the type-aware set would type-check the
// whole tree a second time on every run, and `tsc --noEmit` already does that in `npm test`.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '.next/',
    '.next-bench/',
    'dist/',
    'public/audit-worker.js',
    'public/elk-worker.js',
    'node_modules/',
    'e2e/artifacts/',
    'test-results/',
    'playwright-report/',
    '.data/',
    '.notes/',
    'next-env.d.ts',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'patchbay/language',
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    name: 'patchbay/browser',
    files: ['app/**', 'components/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The bench scripts drive Chromium: their page.evaluate() callbacks run in the page.
    name: 'patchbay/bench-pages',
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'patchbay/conventions',
    rules: {
      // Every control-character class in the tree ([\x00-\x1f]) is there on purpose: it is how
      // names, paths and agent messages refuse control characters.
      'no-control-regex': 'off',
      // Prettier wraps code at 120; what it cannot wrap is text. Messages, test names and regular
      // expressions stay on one line so they can be found with grep; comments are wrapped by
      // scripts/wrap-comments.mjs.
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
      // Prettier prints from the syntax tree, so a line break can no longer change what code means;
      // this rule then only objects to Prettier's own breaks (`document\n  .querySelectorAll(…)\n  [i]`).
      'no-unexpected-multiline': 'off',
      // A leading underscore is this codebase's way of saying "unused on purpose"
      // (`const { mac: _mac, ...rest } = i`, `(_, index) => ...`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    name: 'patchbay/react-hooks',
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    ...nextPlugin.configs['core-web-vitals'],
    files: ['app/**', 'components/**', 'proxy.ts', 'next.config.mjs'],
  },
);

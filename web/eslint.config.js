// ESLint for the web client: the recommended JavaScript and typescript-eslint rules, type-aware
// where that catches real bugs (a promise nobody awaits or catches). Formatting is Prettier's job
// (`npm run format`), so eslint-config-prettier turns off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'target/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A `let` assigned once after a closure that reads it is declared (a timer cleared by
      // `stop`) cannot become a const without moving the closure.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // An unhandled rejection is lost silently in a browser: handle it, or mark it with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      // Passing an async function where a void callback is expected drops its rejection too.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // `_name` says "deliberately unused" (a required parameter, a skipped tuple element).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}', 'vite.config.ts', 'vitest.*.ts', 'e2e/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // vite.config.ts replaces the two placeholders when it writes the service worker.
    files: ['src/sw/*.js'],
    languageOptions: { globals: { ...globals.serviceworker, __PRECACHE__: 'readonly', __VERSION__: 'readonly' } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  prettier,
);

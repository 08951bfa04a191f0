// One lint configuration for the whole repository. Type-aware rules need the project's
// tsconfig, so every linted TypeScript file must be inside it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/e2e/node_modules/**',
      'test/e2e/.vscode-test/**',
      'test-results/**',
      '**/*.vsix',
      'out/**',
      // Scratch space (gitignored), not part of the project.
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The analysis core is pure: the CLI, the server and the tests all call it, so it may
    // not depend on any editor or protocol package. The cross-article index in server/src/workspace
    // follows the same rules, because the language server and the CLI share it.
    files: ['server/src/analysis/**/*.ts', 'server/src/workspace/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-*', 'vscode/*'],
              message: 'server/src/analysis is pure: no editor or LSP imports.',
            },
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'net', 'http', 'https'],
              message: 'server/src/analysis is pure: no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Build and helper scripts (esbuild.mjs, media/make-icon.mjs) run under node.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // test/e2e holds CommonJS scripts that node, VS Code's extension host and mocha load directly,
    // outside the TypeScript build (its packages live in test/e2e/node_modules, not the root).
    files: ['test/e2e/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(
        ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'setTimeout', 'clearTimeout']
          .concat(['setInterval', 'clearInterval', 'fetch', 'URL', 'Buffer', 'document', 'window'])
          .concat(['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach'])
          .map((name) => [name, 'readonly']),
      ),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

// Lint rules, including the layering the architecture relies on:
// the service is pure, the client never reaches into the service, the webview only knows its messages.
import tseslint from 'typescript-eslint';
import local from './scripts/eslint/no-import-circle.mjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      '.cache/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'bench/results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core has no import circle, type-only imports included: each room builds on the ones below it.
    files: ['server/src/service/**/*.ts'],
    plugins: { local },
    rules: {
      'local/no-import-circle': ['error', { root: 'server/src/service' }],
      // Rooms a newcomer can read: files under 400 lines, functions under 80.
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-*', 'vscode-languageserver*'],
              message: 'The service is pure: no VS Code or LSP runtime.',
            },
            {
              group: [
                'fs',
                'node:fs',
                'fs/*',
                'node:fs/*',
                'http',
                'https',
                'net',
                'node:http',
                'node:https',
                'node:net',
                'child_process',
                'node:child_process',
              ],
              message: 'The service does no I/O: the host supplies files.',
            },
            {
              group: ['../lsp/*', '../cli/*', '../../lsp/*', '../../cli/*'],
              message: 'The service does not know its fronts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/service/**', '**/service/*'],
              message: 'The client talks to the server, never to the service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*'], message: 'The webview runs in a browser.' },
            // A regex, not a gitignore-style negation: `!…` cannot re-include a path under an excluded `../*`.
            {
              regex: '^\\.\\./(?!\\.\\./\\.\\./server/src/shared/[^/]+$)',
              message: 'The webview imports only the shared message and graph types.',
            },
          ],
        },
      ],
    },
  },
  {
    // The rehearsal page, one folder deeper: the same rule (its own folder, and the shared types).
    files: ['client/src/webview/rehearsal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*'], message: 'The webview runs in a browser.' },
            {
              regex: '^\\.\\./(?!\\.\\./\\.\\./\\.\\./server/src/shared/[^/]+$)',
              message: 'The rehearsal page imports only its own files and the shared message and run types.',
            },
          ],
        },
      ],
    },
  },
);

import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/**', 'data/**', 'node_modules/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['postgres'], importNames: ['default'], message: 'Use db/client.server.ts: one postgres.js client.' }] },
      ],
    },
  },
  {
    // The client module, the migrator's test harness and benchmarks open their own connections on purpose.
    files: ['db/client.server.ts', 'test/setup/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
)

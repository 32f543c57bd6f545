import js from '@eslint/js'
import boundaries from 'eslint-plugin-boundaries'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * The layers (docs/ARCHITECTURE.md): routes → domain → workflows → db/queries,
 * with pure shared modules (`model`) at the bottom that every layer may use.
 * Nothing imports upward; a wrong-way import fails lint
 * (test/fixtures/lint/ holds files that must be rejected, see lint.test.ts).
 * Order matters: the first pattern that matches a file decides its type.
 */
export const layers = [
  { type: 'test', pattern: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**'] },
  { type: 'server', pattern: 'server/**' },
  { type: 'cli', pattern: 'cli/**' },
  // Installing demo data drives the workflows and the rule engine, like the CLI.
  { type: 'seed', pattern: ['db/seed/**'] },
  { type: 'route', pattern: ['app/routes/**', 'app/pages/**', 'app/root.tsx', 'app/entry.*.tsx', 'app/routes.ts'] },
  { type: 'ui', pattern: 'app/ui/**' },
  { type: 'http', pattern: 'app/http/**' },
  // The region presets are pure data checked by zod (they import only app/model): the domain creates regions from them.
  { type: 'model', pattern: ['app/model/**', 'app/utils/**', 'workflows/errors.ts', 'db/presets/**'] },
  { type: 'domain', pattern: ['app/domain/**', 'app/imports/**', 'app/exports/**', 'app/mail/**'] },
  { type: 'workflow', pattern: 'workflows/**' },
  { type: 'query', pattern: 'db/**' },
]

/** Which layers each layer may import. */
export const allowed = {
  server: ['server', 'route', 'http', 'seed', 'domain', 'workflow', 'query', 'model'],
  cli: ['cli', 'seed', 'domain', 'workflow', 'query', 'model'],
  seed: ['seed', 'domain', 'workflow', 'query', 'model'],
  test: ['test', 'server', 'cli', 'seed', 'route', 'ui', 'http', 'domain', 'workflow', 'query', 'model'],
  route: ['route', 'ui', 'http', 'domain', 'model'],
  ui: ['ui', 'model'],
  http: ['http', 'domain', 'model'],
  domain: ['domain', 'workflow', 'query', 'model'],
  workflow: ['workflow', 'query', 'model'],
  query: ['query', 'model'],
  model: ['model'],
}

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
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers.map((l) => ({ ...l, mode: 'full' })),
      'boundaries/ignore': ['**/*.css'],
      'boundaries/include': ['app/**', 'db/**', 'workflows/**', 'server/**', 'cli/**', 'test/**', 'bench/**'],
      'import/resolver': { typescript: { alwaysTryTypes: true, project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          message: 'A ${file.type} module may not import ${dependency.type} (layers run routes → domain → workflows → db/queries; see docs/ARCHITECTURE.md).',
          rules: [
            ...Object.entries(allowed).map(([from, allow]) => ({ from, allow })),
            // A component may name the type of what its loader returns; no code crosses.
            { from: 'ui', allow: ['domain'], importKind: 'type' },
          ],
        },
      ],
      'boundaries/no-unknown': 'error',
    },
  },
  {
    // The client module, the migrator's test harness and benchmarks open their own connections on purpose.
    files: ['db/client.server.ts', 'test/setup/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
)

import { defineConfig } from 'vitest/config'

// Projects: `unit` (pure code, no database), `db` (everything that talks to
// PostgreSQL) and `crawl` (HTTP against a real server process). `npm test` runs both on embedded PGlite; with
// DATABASE_URL set, `db` runs against that server instead.
export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  test: {
    // Two test files at once: VITEST_POOL_ID (1..maxWorkers) picks the
    // worker's database (test/setup/db.ts; WORKERS in test/setup/global-db.ts
    // must be the same number).
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{app,db,workflows,cli,server}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.db.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['{app,db,workflows,cli,server}/**/*.db.test.ts', 'test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', 'test/**/*.crawl.test.ts', 'node_modules/**'],
          globalSetup: ['test/setup/global-db.ts'],
          setupFiles: ['test/setup/db.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // From the outside: a real server process on its own embedded database.
          name: 'crawl',
          include: ['test/**/*.crawl.test.ts'],
          globalSetup: ['test/setup/build.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
})

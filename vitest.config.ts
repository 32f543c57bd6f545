import { defineConfig } from 'vitest/config'

// Projects, chosen by file name alone:
// - `unit`: `*.test.ts(x)` next to the code — pure, in-process code only: no
//   database, no child process, no socket, no server. The project takes seconds.
// - `db`: `*.db.test.ts` next to the code, and everything under `test/` —
//   whatever talks to PostgreSQL, spawns a process (the CLI) or opens a socket
//   (SMTP). On embedded PGlite; with DATABASE_URL set, on that server instead.
// - `crawl`: `test/**/*.crawl.test.ts` — HTTP against a real server process.
// So a test that needs a database, a process or the network is named
// `*.db.test.ts` (or lives under `test/`).
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
          // Pure code: the files of a worker share one module graph instead of
          // each loading it again (half the time of this project). So a unit
          // test leaves no global state behind (env, timers, module mocks).
          isolate: false,
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

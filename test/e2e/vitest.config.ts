import { defineConfig } from 'vitest/config'

// Browser journeys in Debian's Chromium (playwright-core, no downloaded browser).
export default defineConfig({
  resolve: { alias: { '~': new URL('../../app', import.meta.url).pathname } },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/setup/build.ts'],
    pool: 'forks',
    // One browser journey at a time (this also makes maxWorkers 1).
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // web/test: unit tests of the front end's own modules (no browser needed).
    include: ['test/**/*.test.ts', 'web/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
})

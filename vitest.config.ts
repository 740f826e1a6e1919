import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        // web/test: unit tests of the front end's own modules (no browser needed).
        test: { name: 'roleboard', include: ['test/**/*.test.ts', 'web/test/**/*.test.ts'] },
      },
      {
        extends: true,
        // The golden KPI tests again, every fixture written through its ConnectWise twin (test/kpi/connectwise-twin.ts):
        // a KPI gives the same answer on ConnectWise PSA. Files that build no fixture would only run twice.
        test: {
          name: 'connectwise-twin',
          include: ['test/kpi/*.test.ts'],
          exclude: ['test/kpi/{format,invariants,library,params-v2,on-simulator,beyond-desk-on-simulator}.test.ts'],
          env: { ROLEBOARD_FIXTURE_PSA: 'connectwise' },
        },
      },
    ],
  },
})

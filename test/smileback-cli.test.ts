import { join } from 'node:path'
import { describe, expect, onTestFinished, test } from 'vitest'
import { startWorldSmileBack } from '../connectors/smileback/simulator/start.js'
import { runRoleboard } from './helpers/cli.js'
import { startSim, tempDir } from './helpers/sync-env.js'

// `roleboard sync` syncs SmileBack after Autotask when SMILEBACK_* are set, and prints a line for it.

describe('roleboard sync with SmileBack', () => {
  test('prints a SmileBack line, and no secret', async () => {
    const sim = await startSim()
    const smileBack = await startWorldSmileBack(sim.world)
    onTestFinished(() => smileBack.close())
    const env = {
      ROLEBOARD_DB: join(tempDir(), 'cli.sqlite'),
      AUTOTASK_USERNAME: sim.credentials.username,
      AUTOTASK_SECRET: sim.credentials.secret,
      AUTOTASK_INTEGRATION_CODE: sim.credentials.integrationCode,
      AUTOTASK_DISCOVERY_URL: sim.credentials.discoveryUrl,
      SMILEBACK_USERNAME: smileBack.credentials.username,
      SMILEBACK_PASSWORD: smileBack.credentials.password,
      SMILEBACK_CLIENT_ID: smileBack.credentials.clientId,
      SMILEBACK_CLIENT_SECRET: smileBack.credentials.clientSecret,
      SMILEBACK_BASE_URL: smileBack.url,
    }
    const run = await runRoleboard(['sync', '--quiet'], env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^ {2}SmileBack reviews +\d+ records +\d+ changed +2 requests {3}\(30 a minute\)$/m)
    expect(run.stdout).not.toContain(smileBack.credentials.password)
    expect(run.stdout).not.toContain(smileBack.credentials.clientSecret)

    const half = await runRoleboard(['sync'], { ...env, SMILEBACK_CLIENT_SECRET: '' })
    expect(half.code).toBe(1)
    expect(half.stderr).toBe('roleboard sync: set SMILEBACK_CLIENT_SECRET as well (all four are needed)\n')
  })
})

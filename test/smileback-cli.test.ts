import { join } from 'node:path'
import { describe, expect, onTestFinished, test } from 'vitest'
import { startWorldSmileBack } from '../connectors/smileback/simulator/start.js'
import { worldReviews } from '../connectors/smileback/simulator/reviews.js'
import { runRoleboard, startRoleboard } from './helpers/cli.js'
import { peekRow, startSim, tempDir } from './helpers/sync-env.js'

// `roleboard sync` syncs SmileBack after Autotask when SMILEBACK_* are set, and prints a line for it.

/** The environment of a `roleboard sync` against both simulators. */
function cliEnv(
  dbPath: string,
  sim: Awaited<ReturnType<typeof startSim>>,
  smileBack: Awaited<ReturnType<typeof startWorldSmileBack>>,
) {
  return {
    ROLEBOARD_DB: dbPath,
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
}

describe('roleboard sync with SmileBack', () => {
  test('prints a SmileBack line, and no secret', async () => {
    const sim = await startSim()
    const smileBack = await startWorldSmileBack(sim.world)
    onTestFinished(() => smileBack.close())
    const env = cliEnv(join(tempDir(), 'cli.sqlite'), sim, smileBack)
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

describe('roleboard sync killed mid-way through SmileBack', () => {
  test('the next sync resumes at the page after the last one written: nothing lost, nothing doubled', async () => {
    const sim = await startSim()
    // Five reviews a page, each page a quarter of a second: the kill lands between pages.
    const smileBack = await startWorldSmileBack(sim.world, { maxLimit: 5, delayMs: 250 })
    onTestFinished(() => smileBack.close())
    const dbPath = join(tempDir(), 'killed.sqlite')
    const env = cliEnv(dbPath, sim, smileBack)
    const pages = () =>
      smileBack.requestLog().filter((entry) => entry.path === '/api/v3/reviews/' && entry.status === 200)
    const { child, done } = startRoleboard(['sync', '--quiet'], env)
    while (pages().length < 2) await new Promise((resolve) => setTimeout(resolve, 20))
    child.kill('SIGKILL')
    await done
    const cut = peekRow<{ last_id: number | null; full_done: number }>(
      dbPath,
      "select last_id, full_done from sync_state where psa = 'smileback'",
    )
    expect(cut).toMatchObject({ full_done: 0 })
    const resumeAt = cut!.last_id!
    expect(resumeAt % 5).toBe(0)
    // Page 2 was asked for only after page 1 was written; page 2 itself may or may not have been written.
    expect(resumeAt).toBeGreaterThanOrEqual(5)

    const before = smileBack.requestLog().length
    const again = await runRoleboard(['sync', '--quiet'], env)
    expect(again.code).toBe(0)
    const resumed = smileBack
      .requestLog()
      .slice(before)
      .find((entry) => entry.path === '/api/v3/reviews/')!
    expect(new URLSearchParams(resumed.query).get('offset')).toBe(String(resumeAt))
    const kept = worldReviews(sim.world)().filter((review) => review.status !== 'deleted')
    expect(
      peekRow<{ n: number; ids: string }>(
        dbPath,
        'select count(*) as n, group_concat(id) as ids from (select id from smileback_review order by id)',
      ),
    ).toEqual({
      n: kept.length,
      ids: kept.map((review) => review.id).join(','),
    })
  })
})
